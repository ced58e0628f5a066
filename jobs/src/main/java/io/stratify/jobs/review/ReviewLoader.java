package io.stratify.jobs.review;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.common.metrics.StaffingWhatIf;
import io.stratify.common.metrics.StaffingWhatIf.WeekPoints;
import io.stratify.common.metrics.Weeks;
import io.stratify.common.stats.TrendWindow;
import io.stratify.jobs.UnusableInputException;
import io.stratify.jobs.review.OperatingReview.Benchmark;
import io.stratify.jobs.review.OperatingReview.Budget;
import io.stratify.jobs.review.OperatingReview.Deployment;
import io.stratify.jobs.review.OperatingReview.Org;
import io.stratify.jobs.review.OperatingReview.Trend;
import io.stratify.jobs.review.OperatingReview.Week;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/**
 * Reads one {@link OperatingReview} from the lakehouse. Small, filtered reads collected to the
 * driver: an org has a few dozen rows per table.
 */
final class ReviewLoader {

  private static final List<TableContract> MARTS_READ =
      List.of(
          MartTables.ORG_WEEKLY,
          MartTables.ORG_TREND,
          MartTables.BUDGET_STATUS,
          MartTables.ORG_BENCHMARK_WEEKLY,
          MartTables.DEPLOYMENT_WEEKLY);

  private final Lakehouse lakehouse;
  private final RecordedSettings settings;

  ReviewLoader(Lakehouse lakehouse, RecordedSettings settings) {
    this.lakehouse = lakehouse;
    this.settings = settings;
  }

  OperatingReview load(String orgId, Optional<LocalDate> requestedDate) {
    requireMarts();
    requireKnownOrg(orgId);
    LocalDate asOf = runDate(requestedDate);
    LocalDate runWeek = Weeks.weekStart(asOf);
    // the headline week is the latest complete one; the run date's own week is partial
    LocalDate weekStart = latestCompleteWeek(orgId, runWeek).orElse(runWeek);
    LocalDate weekEnd = weekStart.plusDays(6);
    List<Week> weeks = weeks(orgId, asOf, weekStart);
    List<Benchmark> benchmarks = new ArrayList<>();
    Double score = null;
    for (Row r : rows(MartTables.ORG_BENCHMARK_WEEKLY, orgId, "week_start", weekStart)) {
      Benchmark b =
          new Benchmark(
              r.getAs("metric"),
              r.getAs("value"),
              r.getAs("cohort_industry"),
              r.getAs("cohort_size_band"),
              r.getAs("cohort_p50"),
              r.getAs("percentile"));
      if (b.metric().equals("supportability_score")) {
        score = b.value();
      } else {
        benchmarks.add(b);
      }
    }
    benchmarks.sort(Comparator.comparing(Benchmark::metric));
    return new OperatingReview(
        org(orgId, weekEnd),
        asOf,
        weekStart,
        weeks,
        trends(orgId, asOf),
        benchmarks,
        score,
        budgets(orgId, asOf),
        deployments(orgId, weekStart, weekEnd),
        settings,
        weekStart.equals(runWeek) ? null : staffing(orgId, asOf, 0, List.of()));
  }

  StaffingWhatIf staffing(
      String orgId, Optional<LocalDate> requestedDate, int addOncall, List<String> retire) {
    requireMarts();
    requireKnownOrg(orgId);
    LocalDate asOf = runDate(requestedDate);
    if (latestCompleteWeek(orgId, Weeks.weekStart(asOf)).isEmpty()) {
      throw new UnusableInputException(
          "Cannot compute the staffing what-if of org '"
              + orgId
              + "' as of "
              + asOf
              + ": marts.org_weekly has no complete week before "
              + Weeks.weekStart(asOf)
              + " (run the pipeline on a later date, or give a later --date)");
    }
    requireKnownDeployments(orgId, retire);
    return staffing(orgId, asOf, addOncall, retire);
  }

  private StaffingWhatIf staffing(
      String orgId, LocalDate asOf, int addOncall, List<String> retire) {
    LocalDate runWeek = Weeks.weekStart(asOf);
    LocalDate latest = latestCompleteWeek(orgId, runWeek).orElseThrow();
    LocalDate first = new TrendWindow(runWeek).firstWeekStart();
    LocalDate from = latest.isBefore(first) ? latest : first;
    Map<LocalDate, Integer> retiredPoints = new HashMap<>();
    if (!retire.isEmpty()) {
      lakehouse
          .read(MartTables.DEPLOYMENT_WEEKLY)
          .where(col("org_id").equalTo(orgId))
          .where(col("deployment_id").isin(retire.toArray()))
          .where(col("lifecycle_stage").equalTo("production"))
          .where(col("week_start").between(lit(from), lit(latest)))
          .select("week_start", "business_criticality")
          .collectAsList()
          .forEach(
              r ->
                  retiredPoints.merge(
                      r.<LocalDate>getAs(0), 5 - r.<Integer>getAs(1), Integer::sum));
    }
    List<WeekPoints> history =
        lakehouse
            .read(MartTables.ORG_WEEKLY)
            .where(col("org_id").equalTo(orgId))
            .where(col("week_start").between(lit(from), lit(latest)))
            .select("week_start", "ambition_points", "oncall_engineers")
            .collectAsList()
            .stream()
            .map(
                r ->
                    new WeekPoints(
                        r.getAs(0),
                        r.<Integer>getAs(1),
                        r.<Integer>getAs(2),
                        retiredPoints.getOrDefault(r.<LocalDate>getAs(0), 0)))
            .toList();
    WeekPoints week =
        history.stream().filter(w -> w.weekStart().equals(latest)).findFirst().orElseThrow();
    return StaffingWhatIf.of(orgId, asOf, week, history, addOncall, settings.settings());
  }

  /** The latest week_complete week of org_weekly before the run date's week. */
  private Optional<LocalDate> latestCompleteWeek(String orgId, LocalDate runWeek) {
    List<Row> rows =
        lakehouse
            .read(MartTables.ORG_WEEKLY)
            .where(col("org_id").equalTo(orgId))
            .where(col("week_complete"))
            .where(col("week_start").lt(lit(runWeek)))
            .agg(max("week_start"))
            .collectAsList();
    return rows.isEmpty() || rows.get(0).isNullAt(0)
        ? Optional.empty()
        : Optional.of(rows.get(0).<LocalDate>getAs(0));
  }

  private void requireKnownDeployments(String orgId, List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    TreeSet<String> known =
        lakehouse
            .read(MartTables.DEPLOYMENT_WEEKLY)
            .where(col("org_id").equalTo(orgId))
            .select("deployment_id")
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toCollection(TreeSet::new));
    List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
    if (!unknown.isEmpty()) {
      throw new UnusableInputException(
          "Cannot retire "
              + String.join(", ", unknown)
              + ": not a deployment of org '"
              + orgId
              + "' in marts.deployment_weekly; its deployments are "
              + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
  }

  private void requireMarts() {
    List<String> missing =
        MARTS_READ.stream()
            .filter(t -> !lakehouse.exists(t))
            .map(TableContract::qualifiedName)
            .toList();
    if (!missing.isEmpty()) {
      throw new UnusableInputException(
          "Cannot review: the lakehouse "
              + lakehouse.root()
              + " has no marts ("
              + String.join(", ", missing)
              + " missing); run `scripts/stratify run --lakehouse "
              + lakehouse.root()
              + "` first");
    }
  }

  /** The orgs of marts.org_weekly, sorted. */
  List<String> orgs() {
    requireMarts();
    return lakehouse
        .read(MartTables.ORG_WEEKLY)
        .select("org_id")
        .distinct()
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .sorted()
        .toList();
  }

  private void requireKnownOrg(String orgId) {
    List<String> known = orgs();
    if (!known.contains(orgId)) {
      throw new UnusableInputException(
          "Cannot review org '"
              + orgId
              + "': it is not in the marts of "
              + lakehouse.root()
              + "; known orgs: "
              + (known.isEmpty()
                  ? "none (run `scripts/stratify run` first)"
                  : String.join(", ", known)));
    }
  }

  /** The requested date if it is a run date of the marts, else the latest run date. */
  private LocalDate runDate(Optional<LocalDate> requested) {
    TreeSet<LocalDate> runDates = new TreeSet<>();
    for (TableContract t : List.of(MartTables.BUDGET_STATUS, MartTables.ORG_TREND)) {
      lakehouse.read(t).select("as_of_date").distinct().collectAsList().stream()
          .map(r -> r.<LocalDate>getAs(0))
          .forEach(runDates::add);
    }
    if (runDates.isEmpty()) {
      throw new UnusableInputException(
          "Cannot review: marts.budget_status and marts.org_trend in "
              + lakehouse.root()
              + " hold no run date; run `scripts/stratify run` first");
    }
    if (requested.isEmpty()) {
      return runDates.last();
    }
    LocalDate date = requested.get();
    if (!runDates.contains(date)) {
      throw new UnusableInputException(
          "Cannot review as of "
              + date
              + ": it is not a run date of the marts (they hold "
              + runDates.descendingSet().stream()
                  .limit(10)
                  .map(LocalDate::toString)
                  .collect(Collectors.joining(", "))
              + (runDates.size() > 10 ? ", ..." : "")
              + "); give one of those, or run `scripts/stratify run --date "
              + date
              + "` first");
    }
    return date;
  }

  private List<Week> weeks(String orgId, LocalDate asOf, LocalDate weekStart) {
    List<Row> rows =
        lakehouse
            .read(MartTables.ORG_WEEKLY)
            .where(col("org_id").equalTo(orgId))
            .where(col("week_start").leq(lit(weekStart)))
            .where(col("week_start").gt(lit(weekStart.minusWeeks(OperatingReview.HISTORY_WEEKS))))
            .orderBy("week_start")
            .collectAsList();
    if (rows.isEmpty() || !rows.get(rows.size() - 1).getAs("week_start").equals(weekStart)) {
      throw new UnusableInputException(
          "Cannot review org '"
              + orgId
              + "' as of "
              + asOf
              + ": marts.org_weekly has no row for its week "
              + weekStart
              + " (pick a date within the org's history)");
    }
    return rows.stream()
        .map(
            r -> {
              Map<String, Double> benchmarkValues = new HashMap<>();
              for (String metric : MartTables.BENCHMARK_METRICS) {
                benchmarkValues.put(metric, r.getAs(metric));
              }
              return new Week(
                  r.getAs("week_start"),
                  r.getAs("week_complete"),
                  r.getAs("production_deployments"),
                  r.getAs("oncall_engineers"),
                  r.getAs("ambition_points"),
                  r.getAs("capacity_points"),
                  r.getAs("supportability_ratio"),
                  r.getAs("boundary_status"),
                  r.getAs("incidents"),
                  r.getAs("sev12_incidents"),
                  r.getAs("unowned_incident_rate"),
                  r.getAs("coordination_load_per_oncall"),
                  r.getAs("avg_teams_per_incident"),
                  r.getAs("incident_load_gini"),
                  r.getAs("inference_cost_usd"),
                  r.getAs("incident_engineer_hours"),
                  r.getAs("cost_to_support_usd"),
                  r.getAs("top_team_incident_share"),
                  r.getAs("low_criticality_frontier_cost_usd"),
                  benchmarkValues);
            })
        .toList();
  }

  private Map<String, Trend> trends(String orgId, LocalDate asOf) {
    Map<String, Trend> trends = new HashMap<>();
    for (Row r : rows(MartTables.ORG_TREND, orgId, "as_of_date", asOf)) {
      Trend t =
          new Trend(
              r.getAs("metric"),
              r.getAs("n_points"),
              r.getAs("slope_per_week"),
              r.getAs("intercept"),
              r.getAs("r_squared"),
              r.getAs("p_value"),
              r.getAs("direction"),
              r.getAs("weeks_to_boundary"),
              r.getAs("boundary_eta"));
      trends.put(t.metric(), t);
    }
    return trends;
  }

  private List<Budget> budgets(String orgId, LocalDate asOf) {
    return rows(MartTables.BUDGET_STATUS, orgId, "as_of_date", asOf).stream()
        .map(
            r ->
                new Budget(
                    r.getAs("budget_id"),
                    r.getAs("scope"),
                    r.getAs("deployment_id"),
                    r.getAs("period_start"),
                    r.getAs("period_end"),
                    r.getAs("amount_usd"),
                    r.getAs("spent_usd"),
                    r.getAs("elapsed_fraction"),
                    r.getAs("burn_ratio"),
                    r.getAs("avg_daily_spend_28d"),
                    r.getAs("projected_exhaustion_date"),
                    r.getAs("status")))
        .sorted(Comparator.comparing(Budget::periodStart).thenComparing(Budget::budgetId))
        .toList();
  }

  private List<Deployment> deployments(String orgId, LocalDate weekStart, LocalDate weekEnd) {
    Map<String, Row> names =
        asOf(LakehouseTables.silver(LandingDataset.DEPLOYMENTS), orgId, "deployment_id", weekEnd);
    Map<String, Row> teams =
        asOf(LakehouseTables.silver(LandingDataset.TEAMS), orgId, "team_id", weekEnd);
    return rows(MartTables.DEPLOYMENT_WEEKLY, orgId, "week_start", weekStart).stream()
        .map(
            r -> {
              String id = r.getAs("deployment_id");
              String owner = r.getAs("owner_team_id");
              Row named = names.get(id);
              Row team = owner == null ? null : teams.get(owner);
              return new Deployment(
                  id,
                  named == null ? null : named.getAs("name"),
                  r.getAs("lifecycle_stage"),
                  owner,
                  team == null ? null : team.getAs("team_name"),
                  team != null,
                  r.getAs("business_criticality"),
                  r.getAs("model_provider"),
                  r.getAs("incidents"),
                  r.getAs("sev12_incidents"),
                  r.getAs("cost_usd"),
                  r.getAs("latency_drift"),
                  r.getAs("error_rate_drift"),
                  r.getAs("degraded"),
                  r.getAs("blast_radius"),
                  r.getAs("blast_radius_business_units"),
                  r.getAs("readiness_level"));
            })
        .toList();
  }

  private Org org(String orgId, LocalDate weekEnd) {
    Row r = asOf(LakehouseTables.silver(LandingDataset.ORGS), orgId, "org_id", weekEnd).get(orgId);
    if (r == null) {
      return new Org(orgId, null, null, null, null);
    }
    return new Org(
        orgId,
        r.getAs("org_name"),
        r.getAs("industry"),
        r.getAs("size_band"),
        r.getAs("benchmark_consent"));
  }

  private List<Row> rows(TableContract table, String orgId, String dateColumn, LocalDate date) {
    return lakehouse
        .read(table)
        .where(col("org_id").equalTo(orgId))
        .where(col(dateColumn).equalTo(lit(date)))
        .collectAsList();
  }

  /**
   * The SCD2 version of each key of one org valid on {@code day}; for a key whose first version
   * starts after it, that first version (METRICS.md's first-snapshot rule). Empty when silver has
   * no such table.
   */
  private Map<String, Row> asOf(TableContract scd2, String orgId, String key, LocalDate day) {
    Map<String, List<Row>> versionsByKey =
        lakehouse.read(scd2).where(col("org_id").equalTo(orgId)).collectAsList().stream()
            .collect(Collectors.groupingBy(v -> v.<String>getAs(key)));
    Map<String, Row> chosen = new HashMap<>();
    versionsByKey.forEach(
        (id, versions) -> {
          Optional<Row> valid =
              versions.stream()
                  .filter(v -> !v.<LocalDate>getAs("valid_from").isAfter(day))
                  .filter(
                      v ->
                          v.getAs("valid_to") == null
                              || v.<LocalDate>getAs("valid_to").isAfter(day))
                  .findFirst();
          Optional<Row> first =
              versions.stream().min(Comparator.comparing(v -> v.<LocalDate>getAs("valid_from")));
          if (valid.isPresent()) {
            chosen.put(id, valid.get());
          } else if (first.get().<LocalDate>getAs("valid_from").isAfter(day)) {
            chosen.put(id, first.get());
          }
        });
    return chosen;
  }
}
