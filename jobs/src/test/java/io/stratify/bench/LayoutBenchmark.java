package io.stratify.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;

import io.stratify.common.config.StratifyConfig;
import io.stratify.jobs.StratifySpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The table-layout benchmark of docs/scaling.md (issue 14): what a night's rewrite of a silver
 * table costs at 10,000 organisations under each candidate layout. A silver-shaped table (org_id, a
 * key, a day, a few values) of {@code orgs} organisations x {@code rowsPerOrg} rows is written
 * three ways, each compacted into files of at most {@code fileMb} MB as a large table would be:
 *
 * <ul>
 *   <li>{@code none}: not partitioned, every org's rows spread over every file, as nightly appends
 *       leave a table (what silver is today), in as many files as the clustered one;
 *   <li>{@code partitioned}: partitioned by org_id (a folder per org);
 *   <li>{@code clustered}: Delta liquid clustering by org_id ({@code CLUSTER BY}), clustered by
 *       OPTIMIZE.
 * </ul>
 *
 * <p>Then a night: the rows of {@code nightOrgs} organisations are replaced ({@code replaceWhere
 * org_id IN (...)}, as conform does), and one organisation's rows are read. For each layout it
 * prints the files and bytes the night removed and added (Delta's own operation metrics), the files
 * one org's read scanned (Spark's scan metric, after Delta's data skipping), and the seconds of
 * each step; ratios against {@code none}.
 *
 * <p>Usage: {@code LayoutBenchmark <work dir> [orgs] [rowsPerOrg] [fileMb] [nightOrgs]}; kept with
 * the tests, out of the product jar, run by {@code scripts/bench-layout}.
 */
public final class LayoutBenchmark {

  private LayoutBenchmark() {}

  /** One layout's measurements. */
  private record Result(
      String layout,
      long files,
      double writeSeconds,
      double nightSeconds,
      long removedFiles,
      long removedBytes,
      long addedFiles,
      double readSeconds,
      long readFiles,
      double scanSeconds) {}

  public static void main(String[] args) {
    Path work = Path.of(args[0]).toAbsolutePath();
    int orgs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int rowsPerOrg = args.length > 2 ? Integer.parseInt(args[2]) : 365;
    int fileMb = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    int nightOrgs = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    SparkSession spark =
        StratifySpark.session(
            "stratify-layout",
            StratifyConfig.defaults()
                .with("spark.databricks.delta.optimize.maxFileSize", String.valueOf(fileMb << 20))
                // the executed plan's leaves are then the scans, with their file counts
                .with("spark.sql.adaptive.enabled", "false"));

    Dataset<Row> rows = table(spark, orgs, rowsPerOrg, 0);
    List<String> night =
        IntStream.range(0, nightOrgs)
            .mapToObj(i -> orgId((int) ((long) i * orgs / nightOrgs + 7) % orgs))
            .toList();
    String in =
        night.stream()
            .map(o -> "'" + o + "'")
            .collect(Collectors.joining(", ", "org_id IN (", ")"));
    Dataset<Row> newRows = table(spark, orgs, rowsPerOrg, 1).where(in);
    String probe = night.get(0);

    List<Result> results = new ArrayList<>();
    long clusteredFiles = 0;
    // clustered first: its file count (files of at most fileMb) is the count "none" is written in
    for (String layout : List.of("clustered", "none", "partitioned")) {
      String path = work.resolve(layout).toUri().toString();
      System.out.printf("layout-bench: %s: writing %d orgs x %d rows%n", layout, orgs, rowsPerOrg);
      long t0 = System.nanoTime();
      switch (layout) {
        // rows of every org in every file, as nightly appends leave an unclustered table
        case "none" ->
            rows.repartition((int) clusteredFiles)
                .write()
                .format("delta")
                .mode("overwrite")
                .save(path);
        case "partitioned" ->
            rows.repartition(col("org_id"))
                .write()
                .format("delta")
                .partitionBy("org_id")
                .mode("overwrite")
                .save(path);
        default -> {
          spark.sql(
              "CREATE TABLE delta.`"
                  + path
                  + "` (org_id STRING, record_key STRING, day DATE, value DOUBLE, note STRING)"
                  + " USING delta CLUSTER BY (org_id)");
          rows.write().format("delta").mode("append").save(path);
        }
      }
      spark.sql("OPTIMIZE delta.`" + path + "`");
      double write = seconds(t0);
      long files = files(spark, path);
      if (layout.equals("clustered")) {
        clusteredFiles = files;
      }

      t0 = System.nanoTime();
      newRows.write().format("delta").mode("overwrite").option("replaceWhere", in).save(path);
      double nightSeconds = seconds(t0);
      Row metrics =
          spark
              .sql("DESCRIBE HISTORY delta.`" + path + "` LIMIT 1")
              .select(col("operationMetrics"))
              .first();
      Map<String, String> m = metrics.getJavaMap(0);

      t0 = System.nanoTime();
      Dataset<Row> one =
          spark.read().format("delta").load(path).where(col("org_id").equalTo(probe));
      Dataset<Row> counted = one.groupBy().count();
      // collect runs this Dataset's own plan, whose scan then holds its metrics
      long readRows = counted.collectAsList().get(0).getLong(0);
      double read = seconds(t0);
      long readFiles = filesRead(counted);
      if (readRows != rowsPerOrg) {
        throw new IllegalStateException(
            layout
                + ": "
                + probe
                + " has "
                + readRows
                + " rows after the night, not "
                + rowsPerOrg);
      }

      // what the marts do every night: read all of silver
      t0 = System.nanoTime();
      spark.read().format("delta").load(path).where(col("value").gt(999.0)).count();
      double scan = seconds(t0);
      results.add(
          new Result(
              layout,
              files,
              write,
              nightSeconds,
              number(m, "numRemovedFiles"),
              number(m, "numRemovedBytes"),
              number(m, "numFiles"),
              read,
              readFiles,
              scan));
    }
    print(orgs, rowsPerOrg, fileMb, nightOrgs, results);
    spark.stop();
  }

  private static Dataset<Row> table(SparkSession spark, int orgs, int rowsPerOrg, int version) {
    return spark
        .range((long) orgs * rowsPerOrg)
        .select(
            format_string("org-%05d", expr("CAST(id % " + orgs + " AS INT)")).as("org_id"),
            concat(lit("k-"), expr("CAST(id DIV " + orgs + " AS STRING)")).as("record_key"),
            expr("date_add(DATE'2026-01-01', CAST(id DIV " + orgs + " AS INT))").as("day"),
            expr("rand(" + (11 + version) + ") * 1000").as("value"),
            expr("repeat('x', 40)").as("note"));
  }

  private static String orgId(int i) {
    return String.format(Locale.ROOT, "org-%05d", i);
  }

  private static long files(SparkSession spark, String path) {
    return spark.sql("DESCRIBE DETAIL delta.`" + path + "`").first().getAs("numFiles");
  }

  /** The files the scans of an executed query read (Spark's own "number of files read"). */
  private static long filesRead(Dataset<Row> executed) {
    long n = 0;
    for (SparkPlan leaf :
        CollectionConverters.asJava(executed.queryExecution().executedPlan().collectLeaves())) {
      if (leaf.metrics().contains("numFiles")) {
        n += leaf.metrics().apply("numFiles").value();
      }
    }
    return n;
  }

  private static long number(Map<String, String> metrics, String key) {
    String v = metrics.get(key);
    return v == null ? -1 : Long.parseLong(v);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void print(
      int orgs, int rowsPerOrg, int fileMb, int nightOrgs, List<Result> results) {
    Result base = results.stream().filter(r -> r.layout().equals("none")).findFirst().orElseThrow();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%,d orgs x %d rows (%,d rows), files of at most %d MB; a night replaces %d orgs' rows"
                + " and one org is read.%n%n",
            orgs,
            rowsPerOrg,
            (long) orgs * rowsPerOrg,
            fileMb,
            nightOrgs));
    out.append(
        "| layout | data files | write + OPTIMIZE s | night: files removed / added | night: MB"
            + " rewritten | night s (ratio) | one org's read: files scanned | read s (ratio) |"
            + " full scan s (ratio) |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %.1f | %,d / %,d | %s | %.1f (%.2f x) | %,d | %.1f (%.2f x) | %.1f"
                  + " (%.2f x) |%n",
              r.layout(),
              r.files(),
              r.writeSeconds(),
              r.removedFiles(),
              r.addedFiles(),
              r.removedBytes() < 0
                  ? "not reported"
                  : String.format(Locale.ROOT, "%.1f", r.removedBytes() / 1048576.0),
              r.nightSeconds(),
              r.nightSeconds() / base.nightSeconds(),
              r.readFiles(),
              r.readSeconds(),
              r.readSeconds() / base.readSeconds(),
              r.scanSeconds(),
              r.scanSeconds() / base.scanSeconds()));
    }
    System.out.print(out);
  }
}
