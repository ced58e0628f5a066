package io.stratify.jobs.ingest;

import io.stratify.common.contract.LandingDataset;
import io.stratify.jobs.UnusableInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The landing zone as it is on storage (local disk or any Hadoop file system, S3 included): {@code
 * <root>/<dataset>/dt=YYYY-MM-DD/<files>}. Files and folders whose names start with {@code .} or
 * {@code _} are ignored, as Hadoop and Spark do ({@code _SUCCESS}, {@code .crc}); an unknown
 * top-level folder stops the run (a misspelt dataset would otherwise be missing from the marts);
 * any other unexpected file or folder is reported, never skipped silently.
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
        if (dataset.isEmpty() && datasetDir.isDirectory()) {
          // A misspelt dataset folder would otherwise publish marts without that dataset.
          throw new UnusableInputException(
              "Cannot read the landing zone "
                  + root
                  + ": unknown folder "
                  + name
                  + "/ (did you mean "
                  + closestDataset(name).folder()
                  + "/?). Rename it, or start its name with _ or . to have it ignored");
        }
        if (dataset.isEmpty()) {
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

  /** The dataset whose folder name is the fewest edits away from {@code name}. */
  static LandingDataset closestDataset(String name) {
    return Arrays.stream(LandingDataset.values())
        .min(Comparator.comparingInt(d -> editDistance(name.toLowerCase(Locale.ROOT), d.folder())))
        .orElseThrow();
  }

  /** Levenshtein distance, transpositions counting as one edit (incidnets -> incidents). */
  private static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int substitute = d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        d[i][j] = Math.min(substitute, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
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
