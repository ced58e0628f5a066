package io.stratify.common.stats;

import java.util.List;
import java.util.Map;

/**
 * The {@code supportability_score} row of {@code marts.org_benchmark_weekly} (METRICS.md,
 * "Benchmarks"): the mean of an org's benchmark percentiles over the {@link #METRICS} it has, when
 * it has at least {@link #MIN_METRICS} of them. Higher is better, as for each percentile.
 */
public final class SupportabilityScore {

  /** The metric name of the score's rows. */
  public static final String METRIC = "supportability_score";

  /** The metrics whose percentiles are averaged. */
  public static final List<String> METRICS =
      List.of(
          "unowned_incident_rate",
          "avg_teams_per_incident",
          "coordination_load_per_oncall",
          "incident_load_gini",
          "supportability_ratio",
          "mttr_p50_min");

  /** The fewest of {@link #METRICS} with a percentile that make a score. */
  public static final int MIN_METRICS = 4;

  private SupportabilityScore() {}

  /**
   * The score of one org and week.
   *
   * @param percentRankByMetric the org's percentile by metric name for the week; a metric that is
   *     absent or maps to null has none; metrics outside {@link #METRICS} are ignored
   * @return the mean percentile, or null when fewer than {@link #MIN_METRICS} of {@link #METRICS}
   *     have one
   */
  public static Double of(Map<String, Double> percentRankByMetric) {
    double sum = 0;
    int count = 0;
    for (String metric : METRICS) {
      Double percentile = percentRankByMetric.get(metric);
      if (percentile != null) {
        sum += percentile;
        count++;
      }
    }
    return count < MIN_METRICS ? null : sum / count;
  }
}
