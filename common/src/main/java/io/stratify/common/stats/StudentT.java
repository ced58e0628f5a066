package io.stratify.common.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Student's t probabilities for the two-sided tests of {@link LinearTrend} and {@link Spearman}.
 */
final class StudentT {

  private StudentT() {}

  /**
   * P(|T| >= |t|) with df degrees of freedom. Taken from the lower tail, 2 F(-|t|), rather than as
   * 2 (1 - F(|t|)): the difference from 1 would lose every significant digit of a p below ~1e-16.
   */
  static double twoSidedPValue(double t, int df) {
    return Math.min(1.0, 2 * distribution(df).cumulativeProbability(-Math.abs(t)));
  }

  /** The 0.975 quantile, the half-width factor of a 95% interval. */
  static double quantile975(int df) {
    return distribution(df).inverseCumulativeProbability(0.975);
  }

  private static TDistribution distribution(int df) {
    // no random generator: the distribution is never sampled
    return new TDistribution(null, df);
  }
}
