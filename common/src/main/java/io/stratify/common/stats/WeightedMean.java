package io.stratify.common.stats;

import org.apache.commons.math3.stat.descriptive.moment.Mean;

/**
 * The weighted arithmetic mean {@code sum(w x) / sum(w)} (METRICS.md, {@code latency_p95_ms}: the
 * request-weighted mean of daily values).
 */
public final class WeightedMean {

  private WeightedMean() {}

  /**
   * The mean of values weighted by weights.
   *
   * @param values one value per observation
   * @param weights one non-negative weight per observation; a zero weight leaves it out
   * @return the weighted mean, or null when the weights sum to 0 (including no observations)
   * @throws IllegalArgumentException if the arrays differ in length, a weight is negative, or a
   *     number is not finite
   */
  public static Double of(double[] values, double[] weights) {
    String action = "compute a weighted mean";
    Inputs.requireSameLength(values, weights, action);
    Inputs.requireFinite(values, "values", action);
    Inputs.requireFinite(weights, "weights", action);
    double total = 0;
    for (double w : weights) {
      if (w < 0) {
        throw new IllegalArgumentException(
            "Cannot " + action + ": weights must be non-negative, got " + w);
      }
      total += w;
    }
    return total == 0 ? null : new Mean().evaluate(values, weights);
  }
}
