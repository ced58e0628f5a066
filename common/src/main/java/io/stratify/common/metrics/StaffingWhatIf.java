package io.stratify.common.metrics;

import io.stratify.common.config.MetricSettings;
import io.stratify.common.stats.BoundaryForecast;
import io.stratify.common.stats.TrendWindow;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The staffing what-if of METRICS.md v1.2 for one org, run date and latest complete week: how many
 * on-call engineers would take the org out of {@code exceeded} and into {@code within}, and the
 * ratio and status under a scenario (engineers added, production deployments retired). Computed on
 * request, not a mart. Pure.
 *
 * <p>Thresholds are compared with the v1.2 tie rule: a ratio within {@link #TIE_TOLERANCE} x max(1,
 * |ratio|) of a threshold counts as equal to it.
 *
 * @param orgId the org
 * @param weekStart w, the latest complete week as of the run date
 * @param oncallEngineers E, w's oncall_engineers
 * @param ambitionPoints A, w's ambition_points
 * @param supportabilityRatio w's ratio; null when capacity is 0
 * @param boundaryStatus w's status
 * @param oncallToLeaveExceeded smallest n >= 0 with A <= r_x (E + n) P; 0 when A = 0; null when no
 *     n can (P or r_x is 0)
 * @param oncallToWithin smallest n >= 0 with A < r_a (E + n) P; 0 when A = 0; null when no n can
 * @param scenarioOncallEngineers E + the added engineers
 * @param scenarioAmbitionPoints A less the weights of retired deployments in production as of w's
 *     end
 * @param scenarioRatio the ratio of the two scenario values; null when their capacity is 0
 * @param scenarioStatus the status of the two scenario values
 * @param boundaryEta org_trend's boundary forecast from the unchanged weekly ratios; null without
 *     one
 * @param scenarioBoundaryEta the same forecast from the weekly ratios recomputed under the scenario
 *     (see {@link #of})
 */
public record StaffingWhatIf(
    String orgId,
    LocalDate weekStart,
    int oncallEngineers,
    int ambitionPoints,
    Double supportabilityRatio,
    String boundaryStatus,
    Integer oncallToLeaveExceeded,
    Integer oncallToWithin,
    int scenarioOncallEngineers,
    int scenarioAmbitionPoints,
    Double scenarioRatio,
    String scenarioStatus,
    LocalDate boundaryEta,
    LocalDate scenarioBoundaryEta) {

  /** Relative tolerance of the v1.2 tie rule. */
  public static final double TIE_TOLERANCE = 1e-9;

  /** The output columns, in the order of METRICS.md's table, then the two forecast dates. */
  public static final List<String> COLUMNS =
      List.of(
          "org_id",
          "week_start",
          "oncall_engineers",
          "ambition_points",
          "supportability_ratio",
          "boundary_status",
          "oncall_to_leave_exceeded",
          "oncall_to_within",
          "scenario_oncall_engineers",
          "scenario_ambition_points",
          "scenario_ratio",
          "scenario_status",
          "boundary_eta",
          "scenario_boundary_eta");

  /**
   * One week of org_weekly, with what the scenario's retirements take off it.
   *
   * @param weekStart the week
   * @param ambitionPoints its ambition_points
   * @param oncallEngineers its oncall_engineers
   * @param retiredPoints criticality weights of the retired deployments that were production
   *     deployments as of that week's end
   */
  public record WeekPoints(
      LocalDate weekStart, int ambitionPoints, int oncallEngineers, int retiredPoints) {}

  /**
   * Computes the what-if.
   *
   * <p>The scenario boundary forecast refits org_trend's line (same window: the 12 calendar weeks
   * before the run date's week, same {@link TrendWindow} and {@link BoundaryForecast} code) on each
   * window week's ratio recomputed as (A_wk - retired_wk) / ((E_wk + added) x P): the change is
   * assumed to have held over the whole window, so the forecast shows the pace the org would be on
   * with it, not a jump at the last week.
   *
   * @param orgId the org
   * @param runDate the run date D
   * @param latest w, the latest complete week
   * @param history org_weekly weeks of the org (any order; those outside the trend window ignored)
   * @param addOncall engineers added, >= 0
   * @param settings the thresholds and points per engineer recorded with the marts
   * @throws IllegalArgumentException if addOncall is negative
   */
  public static StaffingWhatIf of(
      String orgId,
      LocalDate runDate,
      WeekPoints latest,
      List<WeekPoints> history,
      int addOncall,
      MetricSettings settings) {
    if (addOncall < 0) {
      throw new IllegalArgumentException(
          "Cannot add " + addOncall + " on-call engineers: give 0 or more");
    }
    int a = latest.ambitionPoints();
    int e = latest.oncallEngineers();
    double p = settings.pointsPerOncallEngineer();
    int scenarioE = e + addOncall;
    int scenarioA = a - latest.retiredPoints();
    TrendWindow window = new TrendWindow(Weeks.weekStart(runDate));
    return new StaffingWhatIf(
        orgId,
        latest.weekStart(),
        e,
        a,
        ratio(a, e * p),
        status(a, e * p, settings),
        engineersNeeded(a, e, p, settings.exceededRatio(), false),
        engineersNeeded(a, e, p, settings.approachingRatio(), true),
        scenarioE,
        scenarioA,
        ratio(scenarioA, scenarioE * p),
        status(scenarioA, scenarioE * p, settings),
        forecast(window, history, 0, false, p),
        forecast(window, history, addOncall, true, p));
  }

  /**
   * boundary_status of an ambition and a capacity (METRICS.md org_weekly) under the v1.2 tie rule:
   * {@code exceeded} above the exceeded ratio, or capacity 0 with ambition > 0; {@code approaching}
   * from the approaching ratio up to the exceeded ratio, both included; else {@code within}.
   */
  public static String status(int ambition, double capacity, MetricSettings settings) {
    Double ratio = ratio(ambition, capacity);
    if (ratio == null) {
      return ambition > 0 ? "exceeded" : "within";
    }
    if (ratio > settings.exceededRatio() && !tied(ratio, settings.exceededRatio())) {
      return "exceeded";
    }
    if (ratio >= settings.approachingRatio() || tied(ratio, settings.approachingRatio())) {
      return "approaching";
    }
    return "within";
  }

  /** Whether two values count as equal under the v1.2 tie rule. */
  public static boolean tied(double value, double threshold) {
    return Math.abs(value - threshold) <= TIE_TOLERANCE * Math.max(1, Math.abs(value));
  }

  private static Double ratio(int ambition, double capacity) {
    return capacity == 0 ? null : ambition / capacity;
  }

  /**
   * Smallest n >= 0 that brings A / ((E + n) P) to at most the threshold ({@code strictly}: below
   * it); ties count as equal. Null when no n can (P or the threshold is 0 while A > 0).
   */
  private static Integer engineersNeeded(
      int ambition, int engineers, double points, double threshold, boolean strictly) {
    if (ambition == 0) {
      return 0;
    }
    if (points <= 0 || threshold <= 0) {
      return null;
    }
    // start just below the closed-form answer, then step: the tie rule decides the last step
    long n = Math.max(0, (long) Math.floor(ambition / (threshold * points)) - engineers - 1);
    while (!meets(ambition, (engineers + n) * points, threshold, strictly)) {
      n++;
    }
    return Math.toIntExact(n);
  }

  private static boolean meets(int ambition, double capacity, double threshold, boolean strictly) {
    if (capacity == 0) {
      return false;
    }
    double ratio = ambition / capacity;
    if (tied(ratio, threshold)) {
      return !strictly;
    }
    return ratio < threshold;
  }

  private static LocalDate forecast(
      TrendWindow window, List<WeekPoints> history, int added, boolean retire, double points) {
    Map<LocalDate, Double> ratios = new HashMap<>();
    for (WeekPoints w : history) {
      int ambition = w.ambitionPoints() - (retire ? w.retiredPoints() : 0);
      ratios.put(w.weekStart(), ratio(ambition, (w.oncallEngineers() + added) * points));
    }
    return window
        .fit(ratios)
        .flatMap(fit -> fit.boundaryForecast())
        .map(BoundaryForecast::eta)
        .orElse(null);
  }

  /** The values in {@link #COLUMNS} order, as text; null is the empty string. */
  public List<String> values() {
    return Stream.of(
            orgId,
            weekStart,
            oncallEngineers,
            ambitionPoints,
            supportabilityRatio,
            boundaryStatus,
            oncallToLeaveExceeded,
            oncallToWithin,
            scenarioOncallEngineers,
            scenarioAmbitionPoints,
            scenarioRatio,
            scenarioStatus,
            boundaryEta,
            scenarioBoundaryEta)
        .map(v -> v == null ? "" : v.toString())
        .toList();
  }

  /** Whether the scenario changes anything (engineers added or production points retired). */
  public boolean changesAnything() {
    return scenarioOncallEngineers != oncallEngineers || scenarioAmbitionPoints != ambitionPoints;
  }
}
