package io.stratify.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.Parallel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Publishes the marts as a whole. A run builds a complete new version of every mart under {@code
 * <lakehouse>/marts/v<n>/} (carrying over the other dates' rows of the date-stamped marts), the
 * quality gate checks it, and only then one Delta commit appends it to ops.publish_log: the moment
 * readers switch. A run that dies or fails its checks leaves the previous version published; the
 * next run starts its version afresh.
 */
public final class MartsPublisher {

  /** The marts that keep one set of rows per run date (the others are rebuilt whole). */
  public static final List<TableContract> DATE_STAMPED =
      List.of(MartTables.BUDGET_STATUS, MartTables.ORG_TREND, MartTables.SIGNAL_LEAD_TIME);

  private static final Pattern VERSION = Pattern.compile("v(\\d+)");

  /** A version being built: write to {@link #lakehouse()}, then {@link #publish}. */
  public record Staged(Lakehouse lakehouse, String version, long sequence, String previous) {}

  private MartsPublisher() {}

  /**
   * Starts the next version: a clean folder holding the published date-stamped marts (copied {@code
   * parallelism} tables at a time).
   */
  public static Staged stage(Lakehouse lakehouse, int parallelism) {
    long last = lastSequence(lakehouse);
    String version = "v" + (last + 1);
    delete(lakehouse, lakehouse.martsRoot() + "/" + version);
    Lakehouse staged = lakehouse.withMartsVersion(version);
    String previous = last == 0 ? null : lakehouse.martsVersion();
    List<Runnable> copies = new ArrayList<>();
    for (TableContract t : DATE_STAMPED) {
      if (previous != null && lakehouse.exists(t)) {
        copies.add(() -> staged.overwrite(t, lakehouse.read(t)));
      }
    }
    Parallel.run(copies, parallelism);
    return new Staged(staged, version, last + 1, previous);
  }

  /**
   * Makes the staged version the published one (one commit to ops.publish_log), then removes the
   * versions older than the one it replaces (kept for readers that started before the switch).
   */
  public static void publish(
      Lakehouse lakehouse,
      Staged staged,
      LocalDate firstDate,
      LocalDate runDate,
      Map<String, String> metricSettings) {
    for (TableContract mart : MartTables.all()) {
      staged.lakehouse().ensure(mart);
    }
    Row row =
        RowFactory.create(
            staged.version(),
            staged.sequence(),
            firstDate,
            runDate,
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            CollectionConverters.asScala(
                    MartTables.all().stream().map(TableContract::name).toList())
                .toSeq(),
            new TreeMap<>(metricSettings));
    lakehouse.append(
        OpsTables.PUBLISH_LOG,
        lakehouse.spark().createDataFrame(List.of(row), OpsTables.PUBLISH_LOG.schema()));
    removeOldVersions(
        lakehouse, Set.of(staged.version(), staged.previous() == null ? "" : staged.previous()));
  }

  /** The run date of the published marts; empty before the first publish. */
  public static java.util.Optional<LocalDate> publishedRunDate(Lakehouse lakehouse) {
    if (!lakehouse.exists(OpsTables.PUBLISH_LOG)) {
      return java.util.Optional.empty();
    }
    List<Row> latest =
        lakehouse
            .read(OpsTables.PUBLISH_LOG)
            .orderBy(col("sequence").desc())
            .select("run_date")
            .limit(1)
            .collectAsList();
    return latest.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(latest.get(0).getLocalDate(0));
  }

  private static long lastSequence(Lakehouse lakehouse) {
    if (!lakehouse.exists(OpsTables.PUBLISH_LOG)) {
      return 0;
    }
    Row r = lakehouse.read(OpsTables.PUBLISH_LOG).agg(max(col("sequence"))).first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  private static void removeOldVersions(Lakehouse lakehouse, Set<String> keep) {
    try {
      Path root = new Path(lakehouse.martsRoot());
      FileSystem fs = fileSystem(lakehouse, lakehouse.martsRoot());
      if (!fs.exists(root)) {
        return;
      }
      for (FileStatus s : fs.listStatus(root)) {
        String name = s.getPath().getName();
        if (s.isDirectory() && VERSION.matcher(name).matches() && !keep.contains(name)) {
          fs.delete(s.getPath(), true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot remove old marts versions in " + lakehouse.martsRoot(), e);
    }
  }

  private static void delete(Lakehouse lakehouse, String location) {
    try {
      FileSystem fs = fileSystem(lakehouse, location);
      Path path = new Path(location);
      if (fs.exists(path)) {
        fs.delete(path, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + location, e);
    }
  }

  static FileSystem fileSystem(Lakehouse lakehouse, String location) throws IOException {
    return FileSystem.get(
        URI.create(new Path(location).toUri().toString()),
        lakehouse.spark().sparkContext().hadoopConfiguration());
  }
}
