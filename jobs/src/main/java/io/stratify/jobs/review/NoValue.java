package io.stratify.jobs.review;

import io.stratify.common.stats.SupportabilityScore;
import io.stratify.common.stats.TrendWindow;
import io.stratify.jobs.review.OperatingReview.Week;
import java.time.LocalDate;
import java.util.List;

/**
 * Why a figure of the review has no value, read from the figure's definition (METRICS.md) and the
 * week's counts: a ratio is null when its denominator is 0, a percentile when there is nothing to
 * rank, a trend when it has fewer than 6 points. The page shows these words wherever it would
 * otherwise show a bare "n/a".
 */
final class NoValue {

  private NoValue() {}

  /**
   * Why an org_weekly metric has no value in the week: the denominator of its definition is 0 (no
   * incidents, no on-call engineers, no requests, no changes), or for the Gini coefficient, no
   * incidents on owned deployments or a single owning team.
   */
  static String weekly(String metric, Week week) {
    String incidents = week.incidents() == 0 ? "no incidents this week" : null;
    return switch (metric) {
      case "unowned_incident_rate", "avg_teams_per_incident", "cross_team_incident_share" ->
          "no incidents this week";
      case "mtta_p50_min" ->
          incidents != null
              ? incidents
              : "none of the week's "
                  + Figures.plural(week.incidents(), "incident", "incidents")
                  + " was acknowledged";
      case "mttr_p50_min" ->
          incidents != null
              ? incidents
              : "none of the week's "
                  + Figures.plural(week.incidents(), "incident", "incidents")
                  + " is resolved yet";
      case "coordination_load_per_oncall",
          "deployments_per_oncall",
          "sleep_interruptions_per_oncall",
          "pages_per_oncall" ->
          "no on-call engineers this week";
      case "supportability_ratio" -> "no on-call engineers, so no capacity to compare with";
      case "incident_load_gini" ->
          week.topTeamIncidentShare() == null
              ? "no incidents on team-owned deployments in this week and the 3 before"
              : "fewer than 2 teams own production deployments: nothing to compare";
      case "cost_per_1k_requests" -> "no requests this week";
      case "change_failure_rate" -> "no changes deployed this week";
      default -> "no value in marts.org_weekly this week";
    };
  }

  /**
   * Why org_trend has no row for a metric: fewer than 6 of the window's 12 weeks have a value.
   *
   * @param weeks org_weekly rows, any span; those in the window are counted
   * @param window org_trend's window (the 12 weeks before the run date's week)
   */
  static String trend(String metric, List<Week> weeks, TrendWindow window) {
    long points =
        weeks.stream()
            .filter(w -> inWindow(w.weekStart(), window))
            .filter(w -> value(metric, w) != null)
            .count();
    return "too few weeks for a trend: "
        + points
        + " of the "
        + TrendWindow.WEEKS
        + " weeks from "
        + window.firstWeekStart()
        + " have a value ("
        + TrendWindow.MIN_POINTS
        + " needed)";
  }

  /**
   * Why the org has no supportability score: no consent, no published cohort, or too few of its six
   * measures with a percentile.
   *
   * @param percentiles how many of {@link SupportabilityScore#METRICS} have a percentile this week
   */
  static String score(Boolean consent, boolean anyBenchmark, long percentiles) {
    if (Boolean.FALSE.equals(consent)) {
      return "not benchmarked: no consent";
    }
    if (!anyBenchmark) {
      return "no published cohort this week";
    }
    return "only "
        + percentiles
        + " of its "
        + SupportabilityScore.METRICS.size()
        + " measures have a percentile this week ("
        + SupportabilityScore.MIN_METRICS
        + " needed)";
  }

  private static Double value(String metric, Week w) {
    return switch (metric) {
      case "incidents" -> (double) w.incidents();
      case "sev12_incidents" -> (double) w.sev12Incidents();
      case "inference_cost_usd" -> w.inferenceCostUsd().doubleValue();
      default -> w.benchmarkValue(metric);
    };
  }

  private static boolean inWindow(LocalDate weekStart, TrendWindow window) {
    return !weekStart.isBefore(window.firstWeekStart())
        && !weekStart.isAfter(window.lastWeekStart());
  }
}
