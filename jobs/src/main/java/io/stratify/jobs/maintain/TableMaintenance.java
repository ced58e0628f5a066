package io.stratify.jobs.maintain;

import io.delta.tables.DeltaTable;
import io.stratify.common.contract.Layer;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.LakehouseCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps the lakehouse's Delta tables healthy after many nights: compacts each table's small files
 * (Delta OPTIMIZE, bin-packing within each partition), then removes the data files no table version
 * younger than the retention period references (Delta VACUUM).
 *
 * <p>Input and output: every bronze, silver and ops table that exists. The marts are left alone: a
 * run writes each marts version afresh and the publisher removes the versions before the previous
 * one, so their files never pile up. Grain of the result: one {@link TableResult} per table.
 *
 * <p>A night and maintenance must not write the same table at once (OPTIMIZE would conflict with a
 * night's rewrite), so the caller holds the lakehouse lock. A reader that started before VACUUM
 * keeps reading its version as long as that version is younger than the retention period: the
 * default, 168 hours, is Delta's own and far longer than any night or BI copy.
 */
public final class TableMaintenance {

  /** Delta refuses a shorter VACUUM retention unless its safety check is switched off. */
  public static final Duration DELTA_SAFE_RETENTION = Duration.ofHours(168);

  private static final String RETENTION_CHECK =
      "spark.databricks.delta.retentionDurationCheck.enabled";

  /**
   * Delta 4 ignores VACUUM's retention argument unless it is 0 and uses the table's {@code
   * delta.deletedFileRetentionDuration} (7 days) instead, with a warning: a setting of 720 hours
   * would delete what it was meant to keep. Off for maintenance's own calls, so the setting is the
   * retention.
   */
  private static final String RETENTION_IGNORED =
      "spark.databricks.delta.vacuum.retentionWindowIgnore.enabled";

  static final String LISTING_PARALLELISM =
      "spark.sql.sources.parallelPartitionDiscovery.parallelism";

  /** What maintenance did to one table. Data files are the Parquet files outside the log. */
  public record TableResult(
      String table,
      long filesBefore,
      long filesAfter,
      long filesCompacted,
      long filesWritten,
      long storedFilesBefore,
      long storedFilesAfter,
      Duration took) {

    /** Files VACUUM deleted from storage (referenced by no version within the retention). */
    public long filesVacuumed() {
      return storedFilesBefore - storedFilesAfter + filesWritten;
    }
  }

  /** What maintenance did, table by table. */
  public record Result(List<TableResult> tables, Duration retention, boolean vacuumed) {
    public Result {
      tables = List.copyOf(tables);
    }

    public long filesBefore() {
      return tables.stream().mapToLong(TableResult::filesBefore).sum();
    }

    public long filesAfter() {
      return tables.stream().mapToLong(TableResult::filesAfter).sum();
    }

    public long filesVacuumed() {
      return tables.stream().mapToLong(TableResult::filesVacuumed).sum();
    }
  }

  private TableMaintenance() {}

  /** The tables maintenance looks after: every contract outside the marts. */
  public static List<TableContract> tables() {
    return LakehouseCatalog.contracts().stream().filter(t -> t.layer() != Layer.MARTS).toList();
  }

  /**
   * Compacts every existing table and, when {@code vacuum}, removes its files older than {@code
   * retention} that no version within it references.
   */
  public static Result maintain(Lakehouse lakehouse, Duration retention, boolean vacuum) {
    return maintain(lakehouse, tables(), retention, vacuum);
  }

  /** Maintains the given tables that exist. */
  public static Result maintain(
      Lakehouse lakehouse, List<TableContract> tables, Duration retention, boolean vacuum) {
    if (retention.isNegative()) {
      throw new IllegalArgumentException(
          "Cannot vacuum with a negative retention: " + retention.toHours() + " hours");
    }
    List<TableResult> results = new ArrayList<>();
    for (TableContract table : tables) {
      if (lakehouse.exists(table)) {
        results.add(maintain(lakehouse, table, retention, vacuum));
      }
    }
    return new Result(results, retention, vacuum);
  }

  private static TableResult maintain(
      Lakehouse lakehouse, TableContract table, Duration retention, boolean vacuum) {
    long start = System.nanoTime();
    SparkSession spark = lakehouse.spark();
    String location = lakehouse.location(table);
    DeltaTable delta = DeltaTable.forPath(spark, location);
    long before = referencedFiles(delta);
    long storedBefore = storedFiles(lakehouse, location);
    Row metrics = delta.optimize().executeCompaction().select("metrics.*").first();
    long removed = metrics.<Long>getAs("numFilesRemoved");
    long added = metrics.<Long>getAs("numFilesAdded");
    if (vacuum) {
      vacuum(spark, delta, retention);
    }
    long after = referencedFiles(DeltaTable.forPath(spark, location));
    return new TableResult(
        table.qualifiedName(),
        before,
        after,
        removed,
        added,
        storedBefore,
        storedFiles(lakehouse, location),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * VACUUM with the given retention. Delta guards retentions under its default with a session
   * check; a shorter retention set on purpose is honoured for this call only.
   */
  private static void vacuum(SparkSession spark, DeltaTable delta, Duration retention) {
    double hours = retention.toMillis() / 3_600_000.0;
    boolean unsafe = retention.compareTo(DELTA_SAFE_RETENTION) < 0;
    String previousCheck = spark.conf().get(RETENTION_CHECK, "true");
    String previousListing = spark.conf().get(LISTING_PARALLELISM);
    String previousIgnore = spark.conf().get(RETENTION_IGNORED, "true");
    if (unsafe) {
      spark.conf().set(RETENTION_CHECK, "false");
    }
    spark.conf().set(LISTING_PARALLELISM, Integer.toString(listingParallelism(spark)));
    spark.conf().set(RETENTION_IGNORED, "false");
    try {
      delta.vacuum(hours);
    } finally {
      spark.conf().set(RETENTION_CHECK, previousCheck);
      spark.conf().set(LISTING_PARALLELISM, previousListing);
      spark.conf().set(RETENTION_IGNORED, previousIgnore);
    }
  }

  /**
   * The Spark tasks Delta's VACUUM lists a table's files in. VACUUM repartitions its listing to
   * Spark's {@code spark.sql.sources.parallelPartitionDiscovery.parallelism}, 10,000 by default,
   * and runs several jobs over it: 10,000 tasks per job for a table of a few folders, most of a
   * weekly maintenance's time. Four per core of the cluster is plenty for the folders of one table
   * (a table's top-level folders are its partitions); a value set for the application (spark-submit
   * {@code --conf} or {@code spark-defaults.conf}) wins.
   */
  static int listingParallelism(SparkSession spark) {
    org.apache.spark.SparkConf app = spark.sparkContext().getConf();
    if (app.contains(LISTING_PARALLELISM)) {
      return Integer.parseInt(app.get(LISTING_PARALLELISM));
    }
    return Math.max(8, spark.sparkContext().defaultParallelism() * 4);
  }

  private static long referencedFiles(DeltaTable delta) {
    return delta.detail().select("numFiles").first().getLong(0);
  }

  /** Parquet data files stored under the table's location, outside its log. */
  static long storedFiles(Lakehouse lakehouse, String location) {
    try {
      Path root = new Path(location);
      FileSystem fs =
          FileSystem.get(
              URI.create(root.toUri().toString()),
              lakehouse.spark().sparkContext().hadoopConfiguration());
      long count = 0;
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        Path p = files.next().getPath();
        if (p.getName().endsWith(".parquet") && !p.toString().contains("/_delta_log/")) {
          count++;
        }
      }
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the files of " + location, e);
    }
  }
}
