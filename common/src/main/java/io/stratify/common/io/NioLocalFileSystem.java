package io.stratify.common.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) without a child process per file.
 *
 * <p>Without Hadoop's native library (libhadoop, which no Maven artifact ships), Hadoop's {@link
 * RawLocalFileSystem} runs a shell command for three everyday calls: {@code chmod} after creating
 * every file and directory, {@code readlink} for every status a {@code FileContext} rename asks for
 * (Delta writes each commit with one), and {@code ls -ld} when a status's permission is read (the
 * embedded metastore, for every table it registers). A night of a small landing zone started about
 * 1,900 such processes, each 15 to 25 ms on the 2-core build machine (docs/performance.md). This
 * file system answers the same three calls with {@code java.nio.file}, and leaves everything else,
 * and every call on a file system without POSIX attributes, to Hadoop.
 *
 * <p>{@code StratifySpark} installs it for the {@code file:} scheme ({@code fs.file.impl}, and
 * {@link Fs} as {@code fs.AbstractFileSystem.file.impl}) unless a configuration names another.
 */
public class NioLocalFileSystem extends LocalFileSystem {

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-free) local file system with the three calls answered in Java. */
  public static class Raw extends RawLocalFileSystem {

    /** As Hadoop's {@code chmod}, through {@link Files#setPosixFilePermissions}. */
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (!POSIX || permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      Files.setPosixFilePermissions(
          pathToFile(p).toPath(),
          PosixFilePermissions.fromString(
              permission.getUserAction().SYMBOL
                  + permission.getGroupAction().SYMBOL
                  + permission.getOtherAction().SYMBOL));
    }

    /**
     * A file's status with its permission, owner and group read at once from its POSIX attributes
     * (Hadoop reads them lazily with {@code ls -ld}).
     */
    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
      FileStatus status = super.getFileStatus(f);
      if (!POSIX) {
        return status;
      }
      PosixFileAttributes attributes;
      try {
        attributes = Files.readAttributes(pathToFile(f).toPath(), PosixFileAttributes.class);
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + f + " does not exist");
      }
      return new FileStatus(
          status.getLen(),
          status.isDirectory(),
          status.getReplication(),
          status.getBlockSize(),
          status.getModificationTime(),
          status.getAccessTime(),
          FsPermission.valueOf(
              (attributes.isDirectory() ? "d" : "-")
                  + PosixFilePermissions.toString(attributes.permissions())),
          attributes.owner().getName(),
          attributes.group().getName(),
          status.getPath());
    }

    /**
     * The status of a path that is not a symbolic link is its {@link #getFileStatus} (as in Hadoop,
     * which first runs {@code readlink} to find that out); a link, dangling or not, is left to
     * Hadoop.
     */
    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      if (!POSIX || Files.isSymbolicLink(pathToFile(f).toPath())) {
        return super.getFileLinkStatus(f);
      }
      return getFileStatus(f);
    }
  }

  /**
   * The same file system for {@code FileContext} ({@code fs.AbstractFileSystem.file.impl}): what
   * Hadoop's {@code LocalFs} is to {@code RawLocalFileSystem}, over {@link Raw}.
   */
  public static class Fs extends ChecksumFs {
    public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFs(uri, conf));
    }
  }

  /** As Hadoop's {@code RawLocalFs}, delegating to {@link Raw}. */
  static class RawFs extends DelegateToFileSystem {
    RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, "file", false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    @SuppressWarnings("deprecation")
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      // as RawLocalFs: each local file system has its own rules; the OS applies them
      return true;
    }
  }
}
