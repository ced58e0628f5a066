package io.stratify.common.stats;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Exact percentiles with linear interpolation between closest ranks (METRICS.md, "Conventions"):
 * for n values sorted ascending, the p-th percentile sits at zero-based position h = (n - 1) p /
 * 100 and is x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)]). This is R's type 7,
 * numpy's default and Spark's {@code percentile}.
 *
 * <p>p is in percent, [0, 100], as in the column names: {@code p90} is {@code percentile(values,
 * 90)}. An empty input has no percentile: null.
 */
public final class Percentiles {

  private Percentiles() {}

  /**
   * The p-th percentile of values.
   *
   * @param values the sample, in any order; not modified
   * @param p percent in [0, 100]
   * @return the percentile, or null when values is empty
   * @throws IllegalArgumentException if p is outside [0, 100] or a value is not finite
   */
  public static Double percentile(double[] values, double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException(
          "Cannot compute percentile " + p + ": p must be in [0, 100] (percent)");
    }
    Inputs.requireFinite(values, "values", "compute a percentile");
    return values.length == 0 ? null : of(values, p)[0];
  }

  /** The 50th percentile: the middle value, or the mean of the two middle values; null if empty. */
  public static Double median(double[] values) {
    return percentile(values, 50);
  }

  /** Several percentiles of one non-empty, finite sample; p already checked to be in [0, 100]. */
  static double[] of(double[] values, double... percents) {
    Percentile estimator = new Percentile().withEstimationType(EstimationType.R_7);
    estimator.setData(values);
    double[] result = new double[percents.length];
    for (int i = 0; i < percents.length; i++) {
      // commons-math takes p in (0, 100]; at 0, R-7 is the minimum
      result[i] = percents[i] == 0 ? StatUtils.min(values) : estimator.evaluate(percents[i]);
    }
    return result;
  }
}
