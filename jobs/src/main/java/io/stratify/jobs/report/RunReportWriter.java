package io.stratify.jobs.report;

import io.stratify.jobs.UnusableInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes run reports through the Hadoop FileSystem API, so the lakehouse may be local or on S3:
 * always to {@code <lakehouse>/_stratify/reports/<file name>} (when the run's dates are known), and
 * to one more file when asked ({@code --report FILE}). A file already there is overwritten: a
 * re-run of the same dates and stages replaces its report.
 */
public final class RunReportWriter {

  /** The reports' folder under the lakehouse root ("_" keeps Spark and Hadoop listings off it). */
  public static final String REPORTS_DIR = "_stratify/reports";

  private final Configuration hadoopConf;
  private final String copy;

  /**
   * @param copy one more file to write each report to, or null
   * @throws UnusableInputException when no file system serves {@code copy}, before anything runs
   */
  public RunReportWriter(Configuration hadoopConf, String copy) {
    this.hadoopConf = hadoopConf;
    this.copy = copy;
    if (copy != null) {
      try {
        new Path(copy).getFileSystem(hadoopConf);
      } catch (IOException | RuntimeException e) {
        throw new UnusableInputException(
            "Cannot write the run report to " + copy + ": " + e.getMessage(), e);
      }
    }
  }

  /** Where a report lands in its lakehouse. */
  public static String location(RunReport report) {
    String root = report.lakehouse();
    return (root.endsWith("/") ? root : root + "/") + REPORTS_DIR + "/" + report.fileName();
  }

  /**
   * Writes the report everywhere it goes and returns where; tries every place before throwing, so
   * an unwritable lakehouse does not also lose the copy.
   */
  public List<String> write(RunReport report) {
    byte[] json = report.json().getBytes(StandardCharsets.UTF_8);
    List<String> targets = new ArrayList<>();
    if (report.firstDate() != null) {
      targets.add(location(report));
    }
    if (copy != null) {
      targets.add(copy);
    }
    List<String> written = new ArrayList<>();
    UncheckedIOException failed = null;
    for (String target : targets) {
      try {
        written.add(write(target, json));
      } catch (UncheckedIOException e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
    return written;
  }

  /**
   * Writes the report of a failed run without hiding why it failed: a report that cannot be written
   * is added to {@code failure} as a suppressed exception.
   */
  public void writeFailure(RunReport report, Throwable failure) {
    try {
      write(report);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private String write(String location, byte[] json) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      try (OutputStream out = fs.create(path, true)) {
        out.write(json);
      }
      return fs.makeQualified(path).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the run report to " + location + ": " + e.getMessage(), e);
    }
  }
}
