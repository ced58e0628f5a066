package io.stratify.common.stats;

import java.util.Arrays;

/**
 * The Gini coefficient of non-negative loads (METRICS.md, {@code incident_load_gini}): {@code sum_i
 * sum_j |x_i - x_j| / (2 n^2 mean(x))}. 0 when every x is equal; (n - 1) / n when one x carries
 * everything.
 */
public final class Gini {

  private Gini() {}

  /**
   * The Gini coefficient of x.
   *
   * @param x non-negative loads, one per member (e.g. incidents per team), in any order
   * @return the coefficient in [0, 1), or null when there are fewer than 2 values or they sum to 0
   * @throws IllegalArgumentException if a value is negative or not finite
   */
  public static Double coefficient(double[] x) {
    Inputs.requireFinite(x, "x", "compute a Gini coefficient");
    int n = x.length;
    if (n < 2) {
      return null;
    }
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    if (sorted[0] < 0) {
      throw new IllegalArgumentException(
          "Cannot compute a Gini coefficient: loads must be non-negative, got " + sorted[0]);
    }
    // With x sorted ascending, sum_i sum_j |x_i - x_j| = 2 sum_k (2k - n - 1) x_(k), k = 1..n:
    // O(n log n) instead of the O(n^2) double sum, and exact for integer counts.
    double sum = 0;
    double weighted = 0;
    for (int k = 1; k <= n; k++) {
      sum += sorted[k - 1];
      weighted += (2.0 * k - n - 1) * sorted[k - 1];
    }
    return sum == 0 ? null : weighted / (n * sum);
  }
}
