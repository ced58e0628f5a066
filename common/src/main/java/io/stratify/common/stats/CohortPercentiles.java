package io.stratify.common.stats;

import java.util.Optional;

/**
 * One published cohort-metric-week of {@code marts.benchmark_cohort_weekly} (METRICS.md,
 * "Benchmarks"), and the per-participant {@code percentile} of {@code marts.org_benchmark_weekly}.
 *
 * <p>Participants are the consenting orgs of the cohort with a non-null value: the caller drops
 * nulls before calling. Every benchmark metric is lower-is-better.
 *
 * @param nOrgs number of participants
 * @param p25 25th percentile of their values (linear interpolation, see {@link Percentiles})
 * @param p50 median
 * @param p75 75th percentile
 * @param p90 90th percentile
 */
public record CohortPercentiles(int nOrgs, double p25, double p50, double p75, double p90) {

  /**
   * The percentiles of a cohort-metric-week, when it has enough participants to be published.
   *
   * @param values the participants' values, non-null
   * @param k the smallest publishable cohort
   * @return the percentiles, or empty with fewer than k participants
   * @throws IllegalArgumentException if a value is not finite
   */
  public static Optional<CohortPercentiles> publish(double[] values, MinCohortSize k) {
    Inputs.requireFinite(values, "values", "compute cohort percentiles");
    if (!k.publishes(values.length)) {
      return Optional.empty();
    }
    double[] p = Percentiles.of(values, 25, 50, 75, 90);
    return Optional.of(new CohortPercentiles(values.length, p[0], p[1], p[2], p[3]));
  }

  /**
   * A participant's standing in its cohort: 100 (rank - 1) / (n - 1), where rank = 1 + the number
   * of participants with a strictly worse (higher) value. 100 is the best value, 0 the worst; tied
   * values (within {@link Ties}' tolerance) share a rank.
   *
   * @param value the participant's own value, one of cohortValues
   * @param cohortValues every participant's value, the participant's included
   * @return the percentile in [0, 100], or null for a cohort of one (n - 1 = 0)
   * @throws IllegalArgumentException if value is not one of cohortValues
   */
  public static Double percentRank(double value, double[] cohortValues) {
    int worse = 0;
    boolean member = false;
    for (double other : cohortValues) {
      member |= Ties.tied(other, value);
      worse += Ties.above(other, value) ? 1 : 0;
    }
    if (!member) {
      throw new IllegalArgumentException(
          "Cannot rank " + value + " in its cohort: it is not one of the participants' values");
    }
    int n = cohortValues.length;
    return n == 1 ? null : 100.0 * worse / (n - 1);
  }
}
