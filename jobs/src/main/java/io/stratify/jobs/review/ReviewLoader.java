package io.stratify.jobs.review;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Reads {@link OperatingReview}s from the lakehouse: one org's, or every org's for the portfolio.
 * The rows a review reads (a few dozen per org and table: the org_weekly weeks of its charts and
 * trend window, the page week's benchmarks and deployments, the run date's trends and budgets, the
 * org's silver versions) are read for {@link #BATCH_ORGS} orgs at a time, one filtered query per
 * table, and collected to the driver: a portfolio of a thousand orgs costs ten batches of eight
 * queries, not eight thousand queries, and the driver holds one batch's rows at a time.
 */
final class ReviewLoader {

  /** How many orgs' rows one batch reads together. */
  static final int BATCH_ORGS = 100;

  private static final List<TableContract> MARTS_READ =
      List.of(
          MartTables.ORG_WEEKLY,
          MartTables.ORG_TREND,
          MartTables.BUDGET_STATUS,
          MartTables.ORG_BENCHMARK_WEEKLY,
          MartTables.DEPLOYMENT_WEEKLY);

  private static final String HEADLINE = "_headline_week";

  private final Lakehouse lakehouse;
  private final RecordedSettings settings;
  private final int batchOrgs;

  ReviewLoader(Lakehouse lakehouse, RecordedSettings settings) {
    this(lakehouse, settings, BATCH_ORGS);
  }

  /**
   * A loader reading {@code batchOrgs} orgs at a time (tests read a portfolio in small batches).
   */
  ReviewLoader(Lakehouse lakehouse, RecordedSettings settings, int batchOrgs) {
    if (batchOrgs < 1) {
      throw new IllegalArgumentException("batchOrgs must be at least 1, not " + batchOrgs);
    }
    this.lakehouse = lakehouse;
    this.settings = settings;
    this.batchOrgs = batchOrgs;
  }

  OperatingReview load(String orgId, Optional<LocalDate> requestedDate) {
    requireMarts();
    requireKnownOrg(orgId);
    LocalDate asOf = runDate(requestedDate);
    return review(orgId, asOf, fetch(List.of(orgId), asOf).get(orgId));
  }

  /**
   * The review of every org of marts.org_weekly, in org order, a batch at a time. An org whose
   * review cannot be built (no row for its week) is given to {@link
   * OperatingReview.Reviews#notReviewed} and the others go on; a lakehouse without marts, or a date
   * that is not a run date, stops the whole.
   */
  void loadAll(Optional<LocalDate> requestedDate, OperatingReview.Reviews reviews) {
    List<String> orgs = orgs();
    LocalDate asOf = runDate(requestedDate);
    for (int from = 0; from < orgs.size(); from += batchOrgs) {
      List<String> batch = orgs.subList(from, Math.min(orgs.size(), from + batchOrgs));
      Map<String, OrgRows> rows = fetch(batch, asOf);
      for (String org : batch) {
        OperatingReview review;
        try {
          review = review(org, asOf, rows.get(org));
        } catch (UnusableInputException e) {
          reviews.notReviewed(org, e);
          continue;
        }
        reviews.reviewed(review);
      }
      reviews.progress(from + batch.size(), orgs.size());
    }
  }

  private OperatingReview review(String orgId, LocalDate asOf, OrgRows rows) {
    LocalDate runWeek = Weeks.weekStart(asOf);
    // the headline week is the latest complete one; the run date's own week is partial
    LocalDate weekStart = rows.headlineWeek();
    LocalDate weekEnd = weekStart.plusDays(6);
    List<Week> weeks = weeks(orgId, asOf, weekStart, rows.weekly());
    List<Benchmark> benchmarks = new ArrayList<>();
    Double score = null;
    for (Row r : rows.benchmarks()) {
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
        org(orgId, weekEnd, rows.orgVersions()),
        asOf,
        weekStart,
        weeks,
        trends(rows.trends()),
        benchmarks,
        score,
        budgets(rows.budgets()),
        deployments(weekEnd, rows),
        settings,
        weekStart.equals(runWeek)
            ? null
            : staffing(orgId, asOf, weekStart, rows.weekly(), 0, Map.of()));
  }

  StaffingWhatIf staffing(
      String orgId, Optional<LocalDate> requestedDate, int addOncall, List<String> retire) {
    requireMarts();
    requireKnownOrg(orgId);
    LocalDate asOf = runDate(requestedDate);
    LocalDate runWeek = Weeks.weekStart(asOf);
    List<Row> weekly = orgWeekly(List.of(orgId), runWeek).getOrDefault(orgId, List.of());
    Optional<LocalDate> latest = latestCompleteWeek(weekly, runWeek);
    if (latest.isEmpty()) {
      throw new UnusableInputException(
          "Cannot compute the staffing what-if of org '"
              + orgId
              + "' as of "
              + asOf
              + ": marts.org_weekly has no complete week before "
              + runWeek
              + " (run the pipeline on a later date, or give a later --date)");
    }
    requireKnownDeployments(orgId, retire);
    Map<LocalDate, Integer> retiredPoints = new HashMap<>();
    if (!retire.isEmpty()) {
      lakehouse
          .read(MartTables.DEPLOYMENT_WEEKLY)
          .where(col("org_id").equalTo(orgId))
          .where(col("deployment_id").isin(retire.toArray()))
          .where(col("lifecycle_stage").equalTo("production"))
          .where(
              col("week_start")
                  .between(lit(staffingFrom(runWeek, latest.get())), lit(latest.get())))
          .select("week_start", "business_criticality")
          .collectAsList()
          .forEach(
              r ->
                  retiredPoints.merge(
                      r.<LocalDate>getAs(0), 5 - r.<Integer>getAs(1), Integer::sum));
    }
    return staffing(orgId, asOf, latest.get(), weekly, addOncall, retiredPoints);
  }

  /** The first week the staffing what-if reads: the trend window's, or the latest if earlier. */
  private static LocalDate staffingFrom(LocalDate runWeek, LocalDate latest) {
    LocalDate first = new TrendWindow(runWeek).firstWeekStart();
    return latest.isBefore(first) ? latest : first;
  }

  private StaffingWhatIf staffing(
      String orgId,
      LocalDate asOf,
      LocalDate latest,
      List<Row> weekly,
      int addOncall,
      Map<LocalDate, Integer> retiredPoints) {
    LocalDate from = staffingFrom(Weeks.weekStart(asOf), latest);
    List<WeekPoints> history =
        weekly.stream()
            .filter(r -> !week(r).isBefore(from) && !week(r).isAfter(latest))
            .map(
                r ->
                    new WeekPoints(
                        week(r),
                        r.<Integer>getAs("ambition_points"),
                        r.<Integer>getAs("oncall_engineers"),
                        retiredPoints.getOrDefault(week(r), 0)))
            .toList();
    WeekPoints week =
        history.stream().filter(w -> w.weekStart().equals(latest)).findFirst().orElseThrow();
    return StaffingWhatIf.of(orgId, asOf, week, history, addOncall, settings.settings());
  }

  private static LocalDate week(Row r) {
    return r.getAs("week_start");
  }

  /** The latest week_complete week of an org's org_weekly rows before the run date's week. */
  private static Optional<LocalDate> latestCompleteWeek(List<Row> weekly, LocalDate runWeek) {
    return weekly.stream()
        .filter(r -> r.<Boolean>getAs("week_complete"))
        .map(ReviewLoader::week)
        .filter(w -> w.isBefore(runWeek))
        .max(Comparator.naturalOrder());
  }

  /** The rows of one org's review. */
  private record OrgRows(
      LocalDate headlineWeek,
      List<Row> weekly,
      List<Row> benchmarks,
      List<Row> deployments,
      List<Row> trends,
      List<Row> budgets,
      List<Row> orgVersions,
      List<Row> deploymentVersions,
      List<Row> teamVersions) {}

  /** The review rows of {@code orgs}, one query per table; every org of the list has an entry. */
  private Map<String, OrgRows> fetch(List<String> orgs, LocalDate asOf) {
    LocalDate runWeek = Weeks.weekStart(asOf);
    Map<String, List<Row>> weekly = orgWeekly(orgs, runWeek);
    Map<String, LocalDate> headline = new HashMap<>();
    for (String org : orgs) {
      headline.put(
          org, latestCompleteWeek(weekly.getOrDefault(org, List.of()), runWeek).orElse(runWeek));
    }
    Object[] headlineWeeks = new TreeSet<>(headline.values()).toArray();
    Map<String, List<Row>> benchmarks =
        byOrg(
            ofOrgs(MartTables.ORG_BENCHMARK_WEEKLY, orgs)
                .where(col("week_start").isin(headlineWeeks)));
    Map<String, List<Row>> deployments =
        byOrg(
            ofOrgs(MartTables.DEPLOYMENT_WEEKLY, orgs)
                .where(col("week_start").isin(headlineWeeks)));
    Map<String, List<Row>> trends =
        byOrg(ofOrgs(MartTables.ORG_TREND, orgs).where(col("as_of_date").equalTo(lit(asOf))));
    Map<String, List<Row>> budgets =
        byOrg(ofOrgs(MartTables.BUDGET_STATUS, orgs).where(col("as_of_date").equalTo(lit(asOf))));
    Map<String, List<Row>> orgVersions =
        byOrg(ofOrgs(LakehouseTables.silver(LandingDataset.ORGS), orgs));
    Map<String, List<Row>> deploymentVersions =
        byOrg(ofOrgs(LakehouseTables.silver(LandingDataset.DEPLOYMENTS), orgs));
    Map<String, List<Row>> teamVersions =
        byOrg(ofOrgs(LakehouseTables.silver(LandingDataset.TEAMS), orgs));
    Map<String, OrgRows> rows = new HashMap<>();
    for (String org : orgs) {
      LocalDate week = headline.get(org);
      rows.put(
          org,
          new OrgRows(
              week,
              weekly.getOrDefault(org, List.of()),
              ofWeek(benchmarks.getOrDefault(org, List.of()), week),
              ofWeek(deployments.getOrDefault(org, List.of()), week).stream()
                  .sorted(Comparator.comparing(r -> r.<String>getAs("deployment_id")))
                  .toList(),
              trends.getOrDefault(org, List.of()),
              budgets.getOrDefault(org, List.of()),
              orgVersions.getOrDefault(org, List.of()),
              deploymentVersions.getOrDefault(org, List.of()),
              teamVersions.getOrDefault(org, List.of())));
    }
    return rows;
  }

  /**
   * The org_weekly rows of {@code orgs} up to the run date's week that a review reads, by org,
   * oldest first: the {@link OperatingReview#HISTORY_WEEKS} weeks ending with the org's headline
   * week (its latest complete week before the run week, else the run week) and the weeks of the
   * trend window up to it (the staffing what-if).
   */
  private Map<String, List<Row>> orgWeekly(List<String> orgs, LocalDate runWeek) {
    LocalDate trendFirst = new TrendWindow(runWeek).firstWeekStart();
    Column complete = col("week_complete").and(col("week_start").lt(lit(runWeek)));
    Column headline =
        coalesce(
            max(when(complete, col("week_start"))).over(Window.partitionBy("org_id")),
            lit(runWeek));
    Dataset<Row> rows =
        ofOrgs(MartTables.ORG_WEEKLY, orgs)
            .where(col("week_start").leq(lit(runWeek)))
            .withColumn(HEADLINE, headline)
            .where(col("week_start").leq(col(HEADLINE)))
            .where(
                col("week_start")
                    .gt(date_sub(col(HEADLINE), 7 * OperatingReview.HISTORY_WEEKS))
                    .or(col("week_start").geq(lit(trendFirst))))
            .drop(HEADLINE);
    Map<String, List<Row>> byOrg = byOrg(rows);
    byOrg.replaceAll(
        (org, weeks) -> weeks.stream().sorted(Comparator.comparing(ReviewLoader::week)).toList());
    return byOrg;
  }

  private Dataset<Row> ofOrgs(TableContract table, List<String> orgs) {
    return lakehouse.read(table).where(col("org_id").isin(orgs.toArray()));
  }

  private static Map<String, List<Row>> byOrg(Dataset<Row> rows) {
    return rows.collectAsList().stream()
        .collect(Collectors.groupingBy(r -> r.<String>getAs("org_id")));
  }

  private static List<Row> ofWeek(List<Row> rows, LocalDate weekStart) {
    return rows.stream().filter(r -> week(r).equals(weekStart)).toList();
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

  private static List<Week> weeks(
      String orgId, LocalDate asOf, LocalDate weekStart, List<Row> weekly) {
    LocalDate after = weekStart.minusWeeks(OperatingReview.HISTORY_WEEKS);
    List<Row> rows =
        weekly.stream().filter(r -> !week(r).isAfter(weekStart) && week(r).isAfter(after)).toList();
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

  private static Map<String, Trend> trends(List<Row> rows) {
    Map<String, Trend> trends = new HashMap<>();
    for (Row r : rows) {
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

  private static List<Budget> budgets(List<Row> rows) {
    return rows.stream()
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

  private static List<Deployment> deployments(LocalDate weekEnd, OrgRows rows) {
    Map<String, Row> names = asOf(rows.deploymentVersions(), "deployment_id", weekEnd);
    Map<String, Row> teams = asOf(rows.teamVersions(), "team_id", weekEnd);
    return rows.deployments().stream()
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

  private static Org org(String orgId, LocalDate weekEnd, List<Row> versions) {
    Row r = asOf(versions, "org_id", weekEnd).get(orgId);
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

  /**
   * The SCD2 version of each key of one org valid on {@code day}; for a key whose first version
   * starts after it, that first version (METRICS.md's first-snapshot rule). Empty when silver has
   * no such table.
   */
  private static Map<String, Row> asOf(List<Row> scd2Versions, String key, LocalDate day) {
    Map<String, List<Row>> versionsByKey =
        scd2Versions.stream().collect(Collectors.groupingBy(v -> v.<String>getAs(key)));
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
