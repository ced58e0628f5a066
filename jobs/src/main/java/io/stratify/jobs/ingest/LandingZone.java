package io.stratify.jobs.ingest;

import io.stratify.common.contract.LandingDataset;
import io.stratify.jobs.UnusableInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The landing zone as it is on storage (local disk or any Hadoop file system, S3 included): {@code
 * <root>/<dataset>/dt=YYYY-MM-DD/<files>}. Files and folders whose names start with {@code .} or
 * {@code _} are ignored, as Hadoop and Spark do ({@code _SUCCESS}, {@code .crc}); any other
 * unexpected folder is reported, never skipped silently.
 */
public final class LandingZone {

  /** One file of a drop. */
  public record LandingFile(String uri, String relativePath, long size) {}

  /** One dataset's folder for one night. */
  public record Drop(LandingDataset dataset, LocalDate dt, List<LandingFile> files) {}

  private final String root;
  private final List<Drop> drops;
  private final List<String> warnings;

  private LandingZone(String root, List<Drop> drops, List<String> warnings) {
    this.root = root;
    this.drops = drops;
    this.warnings = warnings;
  }

  public static LandingZone scan(String root, Configuration hadoopConf) {
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(hadoopConf);
      if (!fs.exists(rootPath) || !fs.getFileStatus(rootPath).isDirectory()) {
        throw new UnusableInputException(
            "Cannot read the landing zone " + root + ": no such directory (give --landing DIR)");
      }
      // A bucket root lists as "s3a://bucket/": without its slash, files are named relative to it
      // as to any other folder.
      String rootUri = fs.getFileStatus(rootPath).getPath().toString().replaceFirst("/$", "");
      List<Drop> drops = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      for (FileStatus datasetDir : fs.listStatus(rootPath)) {
        String name = datasetDir.getPath().getName();
        if (hidden(name)) {
          continue;
        }
        Optional<LandingDataset> dataset = LandingDataset.fromFolder(name);
        if (dataset.isEmpty() || !datasetDir.isDirectory()) {
          warnings.add("ignored " + name + ": not a landing dataset folder");
          continue;
        }
        for (FileStatus dropDir : fs.listStatus(datasetDir.getPath())) {
          String dropName = dropDir.getPath().getName();
          if (hidden(dropName)) {
            continue;
          }
          Optional<LocalDate> dt = dropDir.isDirectory() ? dt(dropName) : Optional.empty();
          if (dt.isEmpty()) {
            warnings.add("ignored " + name + "/" + dropName + ": not a dt=YYYY-MM-DD folder");
            continue;
          }
          List<LandingFile> files = new ArrayList<>();
          for (FileStatus f : fs.listStatus(dropDir.getPath())) {
            String fileName = f.getPath().getName();
            if (hidden(fileName)) {
              continue;
            }
            if (f.isDirectory()) {
              warnings.add("ignored " + name + "/" + dropName + "/" + fileName + ": a folder");
              continue;
            }
            String uri = f.getPath().toString();
            files.add(new LandingFile(uri, relative(rootUri, uri), f.getLen()));
          }
          files.sort(Comparator.comparing(LandingFile::relativePath));
          drops.add(new Drop(dataset.get(), dt.get(), List.copyOf(files)));
        }
      }
      drops.sort(Comparator.comparing(Drop::dt).thenComparing(Drop::dataset));
      return new LandingZone(rootUri, List.copyOf(drops), List.copyOf(warnings));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the landing zone " + root, e);
    }
  }

  private static boolean hidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  private static Optional<LocalDate> dt(String folder) {
    if (!folder.startsWith("dt=")) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(folder.substring(3)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String relative(String rootUri, String uri) {
    return uri.startsWith(rootUri + "/") ? uri.substring(rootUri.length() + 1) : uri;
  }

  public String root() {
    return root;
  }

  public List<Drop> drops() {
    return drops;
  }

  /** Folders that were not read, and why. */
  public List<String> warnings() {
    return warnings;
  }

  /** The latest dt over every dataset, the default run date. */
  public Optional<LocalDate> latestDt() {
    return drops.stream().map(Drop::dt).max(Comparator.naturalOrder());
  }
}
