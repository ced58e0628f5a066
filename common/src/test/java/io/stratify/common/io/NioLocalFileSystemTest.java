package io.stratify.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NioLocalFileSystem} answers as Hadoop's own local file system does, field for field, for
 * the calls it takes over; and it is what a configuration naming it gets, for FileSystem and for
 * FileContext.
 */
class NioLocalFileSystemTest {

  @TempDir java.nio.file.Path dir;

  private Configuration conf;
  private RawLocalFileSystem hadoop;
  private NioLocalFileSystem.Raw nio;

  @BeforeEach
  void fileSystems() throws Exception {
    conf = new Configuration(false);
    conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
    conf.set("fs.AbstractFileSystem.file.impl", NioLocalFileSystem.Fs.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    hadoop = new RawLocalFileSystem();
    hadoop.initialize(URI.create("file:///"), conf);
    nio = new NioLocalFileSystem.Raw();
    nio.initialize(URI.create("file:///"), conf);
  }

  @Test
  void aFileAndADirectoryHaveHadoopsStatusWithTheirPermissionOwnerAndGroup() throws Exception {
    Path file = new Path(dir.resolve("a.txt").toUri());
    Files.writeString(dir.resolve("a.txt"), "twelve bytes", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(
        dir.resolve("a.txt"), PosixFilePermissions.fromString("rw-r-----"));
    Path folder = new Path(dir.resolve("sub").toUri());
    Files.createDirectory(dir.resolve("sub"));
    Files.setPosixFilePermissions(dir.resolve("sub"), PosixFilePermissions.fromString("rwx--x---"));

    for (Path p : new Path[] {file, folder}) {
      FileStatus want = hadoop.getFileStatus(p);
      for (FileStatus got : new FileStatus[] {nio.getFileStatus(p), nio.getFileLinkStatus(p)}) {
        assertThat(got.getPath()).isEqualTo(want.getPath());
        assertThat(got.getLen()).isEqualTo(want.getLen());
        assertThat(got.isDirectory()).isEqualTo(want.isDirectory());
        assertThat(got.isSymlink()).isFalse();
        assertThat(got.getModificationTime()).isEqualTo(want.getModificationTime());
        assertThat(got.getBlockSize()).isEqualTo(want.getBlockSize());
        assertThat(got.getReplication()).isEqualTo(want.getReplication());
        assertThat(got.getPermission()).isEqualTo(want.getPermission());
        assertThat(got.getOwner()).isEqualTo(want.getOwner());
        assertThat(got.getGroup()).isEqualTo(want.getGroup());
      }
    }
    assertThat(nio.getFileStatus(file).getPermission().toString()).isEqualTo("rw-r-----");
    assertThat(nio.getFileStatus(folder).getPermission().toString()).isEqualTo("rwx--x---");
    assertThatThrownBy(() -> nio.getFileStatus(new Path(dir.resolve("none").toUri())))
        .isInstanceOf(FileNotFoundException.class);
    assertThatThrownBy(() -> nio.getFileLinkStatus(new Path(dir.resolve("none").toUri())))
        .isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void permissionsAreSetAsHadoopsChmodSetsThem() throws Exception {
    for (String mode : new String[] {"rw-r--r--", "rwxr-x---", "r--------", "rwxrwxrwx"}) {
      java.nio.file.Path a = Files.createTempFile(dir, "a", "");
      java.nio.file.Path b = Files.createTempFile(dir, "b", "");
      FsPermission permission = FsPermission.valueOf("-" + mode);
      nio.setPermission(new Path(a.toUri()), permission);
      hadoop.setPermission(new Path(b.toUri()), permission);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a)))
          .isEqualTo(mode)
          .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(b)));
    }
  }

  @Test
  void aSymbolicLinkIsReportedAsHadoopReportsIt() throws Exception {
    Files.writeString(dir.resolve("target.txt"), "xyz", StandardCharsets.UTF_8);
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("target.txt"));
    Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone.txt"));
    Path link = new Path(dir.resolve("link").toUri());
    FileStatus got = nio.getFileLinkStatus(link);
    FileStatus want = hadoop.getFileLinkStatus(link);
    assertThat(got.isSymlink()).isEqualTo(want.isSymlink());
    assertThat(got.getLen()).isEqualTo(want.getLen()).isEqualTo(3);
    assertThat(got.getPath()).isEqualTo(want.getPath());
    Path dangling = new Path(dir.resolve("dangling").toUri());
    assertThatThrownBy(() -> hadoop.getFileLinkStatus(dangling))
        .isInstanceOf(FileNotFoundException.class);
    assertThatThrownBy(() -> nio.getFileLinkStatus(dangling))
        .isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void aConfigurationNamingItGetsItForFileSystemAndFileContext() throws Exception {
    FileSystem fs = FileSystem.get(URI.create("file:///"), conf);
    assertThat(fs).isInstanceOf(NioLocalFileSystem.class);

    // a FileContext write-then-rename, as Delta commits a log entry, with checksums as before
    FileContext context = FileContext.getFileContext(URI.create("file:///"), conf);
    Path tmp = new Path(dir.resolve(".00001.json.tmp").toUri());
    Path done = new Path(dir.resolve("00001.json").toUri());
    try (FSDataOutputStream out =
        context.create(tmp, EnumSet.of(CreateFlag.CREATE), Options.CreateOpts.createParent())) {
      out.write("{\"commitInfo\":{}}\n".getBytes(StandardCharsets.UTF_8));
    }
    context.rename(tmp, done, Options.Rename.NONE);
    assertThat(Files.readString(dir.resolve("00001.json"))).isEqualTo("{\"commitInfo\":{}}\n");
    assertThat(dir.resolve(".00001.json.crc")).exists();
    assertThat(dir.resolve(".00001.json.tmp")).doesNotExist();
    assertThatThrownBy(() -> context.rename(done, done, Options.Rename.NONE))
        .isInstanceOf(org.apache.hadoop.fs.FileAlreadyExistsException.class);
  }
}
