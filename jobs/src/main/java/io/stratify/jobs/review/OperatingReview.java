package io.stratify.jobs.review;

import io.stratify.common.io.Lakehouse;
import io.stratify.common.metrics.StaffingWhatIf;
import io.stratify.common.metrics.Weeks;
import io.stratify.jobs.UnusableInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the executive operating review shows for one org, as of one run date, read from the
 * marts (and names from silver). The page's week is the ISO week of the run date.
 *
 * <p>Inputs: marts.org_weekly (the weeks up to the page's week), marts.org_trend and
 * marts.budget_status (rows of the run date), marts.org_benchmark_weekly and
 * marts.deployment_weekly (the page's week); silver.orgs, silver.teams and silver.deployments as of
 * the week's end for names and benchmark consent.
 *
 * @param org who the review is for
 * @param asOfDate the run date of marts.org_trend and marts.budget_status
 * @param weekStart Monday of the page's week: the latest complete week as of asOfDate
 * @param weeks org_weekly rows, oldest first, ending with the page's week
 * @param trends org_trend rows of the run date, by metric
 * @param benchmarks org_benchmark_weekly rows of the page's week, supportability_score excluded
 * @param supportabilityScore the page's week's supportability score; null without one
 * @param budgets budget_status rows of the run date
 * @param deployments deployment_weekly rows of the page's week
 * @param settings the thresholds the marts were computed with, and where they come from
 * @param staffing the staffing what-if of the page's week with no change (how many engineers would
 *     move the status); null when the page's week is not complete
 */
public record OperatingReview(
    Org org,
    LocalDate asOfDate,
    LocalDate weekStart,
    List<Week> weeks,
    Map<String, Trend> trends,
    List<Benchmark> benchmarks,
    Double supportabilityScore,
    List<Budget> budgets,
    List<Deployment> deployments,
    RecordedSettings settings,
    StaffingWhatIf staffing) {

  /** Weeks of history read for the charts. */
  public static final int HISTORY_WEEKS = 26;

  public OperatingReview {
    weeks = List.copyOf(weeks);
    trends = Map.copyOf(trends);
    benchmarks = List.copyOf(benchmarks);
    budgets = List.copyOf(budgets);
    deployments = List.copyOf(deployments);
    if (weeks.isEmpty() || !weeks.get(weeks.size() - 1).weekStart().equals(weekStart)) {
      throw new IllegalArgumentException(
          "Cannot build a review of week " + weekStart + ": the weeks must end with it");
    }
  }

  /**
   * Reads the review of one org.
   *
   * @param asOfDate a run date of the marts; empty for the latest as_of_date in marts.budget_status
   *     and marts.org_trend
   * @throws UnusableInputException when the lakehouse has no marts, the org is not in them, or the
   *     date is not a run date
   */
  public static OperatingReview load(
      Lakehouse lakehouse, RecordedSettings settings, String orgId, Optional<LocalDate> asOfDate) {
    return new ReviewLoader(lakehouse, settings).load(orgId, asOfDate);
  }

  /** What a caller of {@link #loadAll} does with each org: its review, or why it has none. */
  public interface Reviews {
    void reviewed(OperatingReview review);

    void notReviewed(String orgId, UnusableInputException why);

    /** After each batch of orgs read together: how many of the orgs are done. */
    default void progress(int done, int total) {}
  }

  /**
   * Reads the review of every org of marts.org_weekly, in org order, a batch of orgs at a time (one
   * query per table per batch), and gives each to {@code reviews}. An org whose review cannot be
   * built (no row for its week) goes to {@link Reviews#notReviewed} and the others go on.
   *
   * @throws UnusableInputException when the lakehouse has no marts or the date is not a run date
   */
  public static void loadAll(
      Lakehouse lakehouse,
      RecordedSettings settings,
      Optional<LocalDate> asOfDate,
      Reviews reviews) {
    new ReviewLoader(lakehouse, settings).loadAll(asOfDate, reviews);
  }

  /**
   * The orgs there are reviews of: those of marts.org_weekly, sorted.
   *
   * @throws UnusableInputException when the lakehouse has no marts
   */
  public static List<String> orgs(Lakehouse lakehouse) {
    return new ReviewLoader(lakehouse, null).orgs();
  }

  /** Whether the page's week is complete (else the org has no complete week yet). */
  public boolean weekComplete() {
    return !weekStart.equals(Weeks.weekStart(asOfDate));
  }

  /** The model-cost what-if over the page's latest complete weeks; null without one. */
  public ModelCostWhatIf modelCost() {
    return ModelCostWhatIf.of(weeks, settings.standardTierPriceRatio());
  }

  /** The page's week. */
  public Week week() {
    return weeks.get(weeks.size() - 1);
  }

  public Optional<Trend> trend(String metric) {
    return Optional.ofNullable(trends.get(metric));
  }

  public Optional<Benchmark> benchmark(String metric) {
    return benchmarks.stream().filter(b -> b.metric().equals(metric)).findFirst();
  }

  /** The deployments most in need of attention first: see {@link Deployment#BY_ATTENTION}. */
  public List<Deployment> deploymentsByAttention() {
    return deployments.stream().sorted(Deployment.BY_ATTENTION).toList();
  }

  /** The org as of the page's week end. */
  public record Org(
      String orgId, String name, String industry, String sizeBand, Boolean benchmarkConsent) {

    /** The name when known, else the id. */
    public String displayName() {
      return name == null || name.isBlank() ? orgId : name;
    }
  }

  /** One marts.org_weekly row: the columns the review shows. */
  public record Week(
      LocalDate weekStart,
      boolean weekComplete,
      int productionDeployments,
      int oncallEngineers,
      int ambitionPoints,
      double capacityPoints,
      Double supportabilityRatio,
      String boundaryStatus,
      int incidents,
      int sev12Incidents,
      Double unownedIncidentRate,
      Double coordinationLoadPerOncall,
      Double avgTeamsPerIncident,
      Double incidentLoadGini,
      BigDecimal inferenceCostUsd,
      double incidentEngineerHours,
      double costToSupportUsd,
      Double topTeamIncidentShare,
      BigDecimal lowCriticalityFrontierCostUsd,
      Map<String, Double> benchmarkValues) {

    public Week {
      // values may be null (a metric with no value this week): not Map.copyOf
      benchmarkValues = Collections.unmodifiableMap(new HashMap<>(benchmarkValues));
    }

    /** The value of one of the four operating signals, by column name. */
    public Double signal(String metric) {
      return switch (metric) {
        case "unowned_incident_rate" -> unownedIncidentRate;
        case "coordination_load_per_oncall" -> coordinationLoadPerOncall;
        case "avg_teams_per_incident" -> avgTeamsPerIncident;
        case "incident_load_gini" -> incidentLoadGini;
        case "supportability_ratio" -> supportabilityRatio;
        default -> throw new IllegalArgumentException("Cannot read signal " + metric);
      };
    }

    /** The week's value of a benchmark metric (MartTables.BENCHMARK_METRICS); null when none. */
    public Double benchmarkValue(String metric) {
      return benchmarkValues.get(metric);
    }

    /** cost_to_support_usd less inference: the engineer time spent on the week's incidents. */
    public double incidentCostUsd() {
      return costToSupportUsd - inferenceCostUsd.doubleValue();
    }
  }

  /** One marts.org_trend row. */
  public record Trend(
      String metric,
      int nPoints,
      double slopePerWeek,
      double intercept,
      Double rSquared,
      Double pValue,
      String direction,
      Double weeksToBoundary,
      LocalDate boundaryEta) {

    /** The fitted value at x weeks after the trend window's first week. */
    public double fittedAt(double x) {
      return intercept + slopePerWeek * x;
    }
  }

  /** One marts.org_benchmark_weekly row. */
  public record Benchmark(
      String metric,
      Double value,
      String cohortIndustry,
      String cohortSizeBand,
      Double cohortP50,
      Double percentile) {

    /** The cohort in words: {@code financial services / L}, or {@code all orgs}. */
    public String cohortLabel() {
      return "*".equals(cohortIndustry) ? "all orgs" : cohortIndustry + " / " + cohortSizeBand;
    }
  }

  /** One marts.budget_status row. */
  public record Budget(
      String budgetId,
      String scope,
      String deploymentId,
      LocalDate periodStart,
      LocalDate periodEnd,
      BigDecimal amountUsd,
      BigDecimal spentUsd,
      double elapsedFraction,
      Double burnRatio,
      double avgDailySpend28d,
      LocalDate projectedExhaustionDate,
      String status) {

    /** Whether the budget's period holds the date. */
    public boolean currentOn(LocalDate date) {
      return !date.isBefore(periodStart) && !date.isAfter(periodEnd);
    }

    /**
     * Whether the budget's period ended before the date: spent_usd is then its final spend, and
     * budget_status's projection and status (which look ahead from the date) do not apply.
     */
    public boolean endedBefore(LocalDate date) {
      return periodEnd.isBefore(date);
    }

    /** Whether the budget's period starts after the date. */
    public boolean startsAfter(LocalDate date) {
      return periodStart.isAfter(date);
    }

    /** Spent more than the amount. */
    public boolean overspent() {
      return spentUsd.compareTo(amountUsd) > 0;
    }
  }

  /**
   * One marts.deployment_weekly row, with names as of week end.
   *
   * @param ownerTeamExists whether owner_team_id is a team of the org as of week end
   */
  public record Deployment(
      String deploymentId,
      String name,
      String lifecycleStage,
      String ownerTeamId,
      String ownerTeamName,
      boolean ownerTeamExists,
      int businessCriticality,
      String modelProvider,
      int incidents,
      int sev12Incidents,
      BigDecimal costUsd,
      Double latencyDrift,
      Double errorRateDrift,
      boolean degraded,
      int blastRadius,
      int blastRadiusBusinessUnits,
      String readinessLevel) {

    static final List<String> READINESS = List.of("none", "bronze", "silver", "gold");

    /**
     * Criticality and severity first, so a business-critical production deployment with sev1-2
     * incidents never ranks below a pilot: business_criticality (1 first), production before other
     * stages, sev1-2 incidents, all incidents (most first); then degraded, without an owner, the
     * largest blast radius, the lowest readiness.
     */
    static final Comparator<Deployment> BY_ATTENTION =
        Comparator.comparingInt(Deployment::businessCriticality)
            .thenComparing(d -> !"production".equals(d.lifecycleStage()))
            .thenComparing(Comparator.comparingInt(Deployment::sev12Incidents).reversed())
            .thenComparing(Comparator.comparingInt(Deployment::incidents).reversed())
            .thenComparing(d -> !d.degraded())
            .thenComparing(d -> !d.unowned())
            .thenComparing(Comparator.comparingInt(Deployment::blastRadius).reversed())
            .thenComparingInt(d -> READINESS.indexOf(d.readinessLevel()))
            .thenComparing(Deployment::deploymentId);

    /** No owner, or an owner that is not a team of the org as of week end. */
    public boolean unowned() {
      return ownerTeamId == null || !ownerTeamExists;
    }

    /** The name when known, else the id. */
    public String displayName() {
      return name == null || name.isBlank() ? deploymentId : name;
    }
  }
}
