package io.stratify.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
    List<Result> results = new ArrayList<>();
    for (TableContract mart : MartTables.all()) {
      Dataset<Row> rows = next.read(mart);
      Column[] key = mart.key().stream().map(functions::col).toArray(Column[]::new);
      long duplicates = rows.groupBy(key).count().filter(col("count").gt(1)).count();
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

    Dataset<Row> orgWeeks = next.read(MartTables.ORG_WEEKLY).select("org_id", "week_start");
    for (TableContract child :
        List.of(
            MartTables.DEPLOYMENT_WEEKLY,
            MartTables.ORG_BENCHMARK_WEEKLY,
            MartTables.INCIDENT_ATTRIBUTION)) {
      long orphans =
          next.read(child)
              .select("org_id", "week_start")
              .join(orgWeeks, new String[] {"org_id", "week_start"}, "left_anti")
              .count();
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
    Dataset<Row> orgs = orgWeeks.select("org_id").distinct();
    for (TableContract child : List.of(MartTables.BUDGET_STATUS, MartTables.ORG_TREND)) {
      long orphans =
          next.read(child)
              .filter(col("as_of_date").equalTo(lit(runDate)))
              .select("org_id")
              .join(orgs, new String[] {"org_id"}, "left_anti")
              .count();
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

    LocalDate runWeek = runDate.minusDays(runDate.getDayOfWeek().getValue() - 1);
    long orgCount = orgs.count();
    long inRunWeek =
        next.read(MartTables.ORG_WEEKLY).filter(col("week_start").equalTo(lit(runWeek))).count();
    results.add(
        new Result(
            "org_weekly.run_week_complete",
            MartTables.ORG_WEEKLY.qualifiedName(),
            inRunWeek == orgCount,
            (double) inRunWeek,
            (double) orgCount,
            inRunWeek + " of " + orgCount + " orgs have a row for the run week " + runWeek));

    for (TableContract weekly : List.of(MartTables.ORG_WEEKLY, MartTables.DEPLOYMENT_WEEKLY)) {
      if (staged.previous() == null
          || publishedRunDate == null
          || runDate.isBefore(publishedRunDate)) {
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
      long before = published.read(weekly).count();
      long now = next.read(weekly).count();
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
