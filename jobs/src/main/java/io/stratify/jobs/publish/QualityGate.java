package io.stratify.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.common.metrics.Weeks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;

/**
 * The checks a new marts version must pass before it is published, beyond what Delta enforces on
 * every write (NOT NULL, CHECK constraints): keys unique, every row's org and week known to
 * org_weekly, every org present in the run week, and no large loss of rows against the published
 * version. Results go to ops.quality_results whatever the outcome.
 */
public final class QualityGate {

  /** One check's outcome. */
  public record Result(
      String check,
      String table,
      boolean passed,
      Double observed,
      Double threshold,
      String message) {}

  private QualityGate() {}

  public static List<Result> check(
      Lakehouse published,
      MartsPublisher.Staged staged,
      LocalDate runDate,
      LocalDate publishedRunDate,
      double maxRowDrop) {
    Lakehouse next = staged.lakehouse();
    boolean compareRowCounts =
        staged.previous() != null
            && publishedRunDate != null
            && !runDate.isBefore(publishedRunDate);
    Map<String, Long> measured = measure(published, next, runDate, compareRowCounts);
    List<Result> results = new ArrayList<>();
    for (TableContract mart : MartTables.all()) {
      long duplicates = measured.get(mart.name() + ".key_unique");
      results.add(
          new Result(
              mart.name() + ".key_unique",
              mart.qualifiedName(),
              duplicates == 0,
              (double) duplicates,
              0.0,
              duplicates == 0
                  ? "every key (" + String.join(", ", mart.key()) + ") is unique"
                  : duplicates
                      + " keys ("
                      + String.join(", ", mart.key())
                      + ") occur more than once"));
    }
    for (TableContract child : ORG_WEEK_CHILDREN) {
      long orphans = measured.get(child.name() + ".org_week_known");
      results.add(
          new Result(
              child.name() + ".org_week_known",
              child.qualifiedName(),
              orphans == 0,
              (double) orphans,
              0.0,
              orphans == 0
                  ? "every (org_id, week_start) has its org_weekly row"
                  : orphans + " rows have no org_weekly row for their org and week"));
    }
    for (TableContract child : ORG_CHILDREN) {
      long orphans = measured.get(child.name() + ".org_known");
      results.add(
          new Result(
              child.name() + ".org_known",
              child.qualifiedName(),
              orphans == 0,
              (double) orphans,
              0.0,
              orphans == 0
                  ? "every org is in org_weekly"
                  : orphans + " rows of orgs unknown to org_weekly"));
    }

    LocalDate runWeek = Weeks.weekStart(runDate);
    long orgCount = measured.get(ORG_COUNT);
    long inRunWeek = measured.get(IN_RUN_WEEK);
    results.add(
        new Result(
            "org_weekly.run_week_complete",
            MartTables.ORG_WEEKLY.qualifiedName(),
            inRunWeek == orgCount,
            (double) inRunWeek,
            (double) orgCount,
            inRunWeek + " of " + orgCount + " orgs have a row for the run week " + runWeek));

    for (TableContract weekly : ROW_COUNTED) {
      if (!compareRowCounts) {
        results.add(
            new Result(
                weekly.name() + ".row_count_sane",
                weekly.qualifiedName(),
                true,
                null,
                maxRowDrop,
                staged.previous() == null
                    ? "nothing published before: not compared"
                    : "run date before the published one ("
                        + publishedRunDate
                        + "): not compared"));
        continue;
      }
      long before = measured.get(weekly.name() + PUBLISHED_ROWS);
      long now = measured.get(weekly.name() + ROWS);
      double drop = before == 0 ? 0 : (double) (before - now) / before;
      results.add(
          new Result(
              weekly.name() + ".row_count_sane",
              weekly.qualifiedName(),
              drop <= maxRowDrop,
              drop,
              maxRowDrop,
              String.format(
                  "%d rows, %d in the published version %s (%.1f%% %s)",
                  now,
                  before,
                  staged.previous(),
                  Math.abs(drop) * 100,
                  drop > 0 ? "fewer" : "more")));
    }
    return results;
  }

  private static final List<TableContract> ORG_WEEK_CHILDREN =
      List.of(
          MartTables.DEPLOYMENT_WEEKLY,
          MartTables.ORG_BENCHMARK_WEEKLY,
          MartTables.INCIDENT_ATTRIBUTION);

  private static final List<TableContract> ORG_CHILDREN =
      List.of(MartTables.BUDGET_STATUS, MartTables.ORG_TREND);

  private static final List<TableContract> ROW_COUNTED =
      List.of(MartTables.ORG_WEEKLY, MartTables.DEPLOYMENT_WEEKLY);

  private static final String ORG_COUNT = "org_weekly.orgs";
  private static final String IN_RUN_WEEK = "org_weekly.orgs_in_run_week";
  private static final String ROWS = ".rows";
  private static final String PUBLISHED_ROWS = ".published_rows";

  /**
   * Every count the checks compare, by name, from one Spark query: a union of one-row counts. The
   * checks read about twenty small aggregates of the same few tables; as separate actions each paid
   * a job's and a Delta scan's fixed cost in turn (8.5 of a small night's 90 s,
   * docs/performance.md), while one query lets Spark run their stages side by side.
   */
  private static Map<String, Long> measure(
      Lakehouse published, Lakehouse next, LocalDate runDate, boolean compareRowCounts) {
    List<Dataset<Row>> counts = new ArrayList<>();
    for (TableContract mart : MartTables.all()) {
      Column[] key = mart.key().stream().map(functions::col).toArray(Column[]::new);
      counts.add(
          counted(
              mart.name() + ".key_unique",
              next.read(mart).groupBy(key).count().filter(col("count").gt(1))));
    }
    Dataset<Row> orgWeeks = next.read(MartTables.ORG_WEEKLY).select("org_id", "week_start");
    for (TableContract child : ORG_WEEK_CHILDREN) {
      counts.add(
          counted(
              child.name() + ".org_week_known",
              next.read(child)
                  .select("org_id", "week_start")
                  .join(orgWeeks, new String[] {"org_id", "week_start"}, "left_anti")));
    }
    Dataset<Row> orgs = orgWeeks.select("org_id").distinct();
    for (TableContract child : ORG_CHILDREN) {
      counts.add(
          counted(
              child.name() + ".org_known",
              next.read(child)
                  .filter(col("as_of_date").equalTo(lit(runDate)))
                  .select("org_id")
                  .join(orgs, new String[] {"org_id"}, "left_anti")));
    }
    counts.add(counted(ORG_COUNT, orgs));
    counts.add(
        counted(
            IN_RUN_WEEK,
            next.read(MartTables.ORG_WEEKLY)
                .filter(col("week_start").equalTo(lit(Weeks.weekStart(runDate))))));
    if (compareRowCounts) {
      for (TableContract weekly : ROW_COUNTED) {
        counts.add(counted(weekly.name() + PUBLISHED_ROWS, published.read(weekly)));
        counts.add(counted(weekly.name() + ROWS, next.read(weekly)));
      }
    }
    Map<String, Long> byName = new HashMap<>();
    counts.stream()
        .reduce(Dataset::unionAll)
        .orElseThrow()
        .collectAsList()
        .forEach(r -> byName.put(r.getString(0), r.getLong(1)));
    return byName;
  }

  /** One row: {@code name} and how many rows {@code rows} has. */
  private static Dataset<Row> counted(String name, Dataset<Row> rows) {
    return rows.agg(functions.count(lit(1)).as("n")).select(lit(name).as("measure"), col("n"));
  }

  /** Appends the results of a version to ops.quality_results (replacing an earlier attempt's). */
  public static void record(
      Lakehouse lakehouse, String version, LocalDate runDate, List<Result> results) {
    List<Row> rows =
        results.stream()
            .map(
                r ->
                    RowFactory.create(
                        version,
                        runDate,
                        r.check(),
                        r.table(),
                        r.passed(),
                        r.observed(),
                        r.threshold(),
                        r.message()))
            .toList();
    lakehouse.replaceWhere(
        OpsTables.QUALITY_RESULTS,
        lakehouse.spark().createDataFrame(rows, OpsTables.QUALITY_RESULTS.schema()),
        "version = " + Lakehouse.literal(version));
  }
}
