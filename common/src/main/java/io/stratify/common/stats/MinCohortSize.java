package io.stratify.common.stats;

/**
 * The smallest cohort a benchmark is published for, k (METRICS.md, "Benchmarks"). It cannot be set
 * below {@link #MINIMUM}: smaller cohorts would let an organisation read its peers' values off the
 * percentiles.
 *
 * @param k participants a cohort-metric-week needs to be published
 */
public record MinCohortSize(int k) implements java.io.Serializable {

  /** The lowest k accepted. */
  public static final int MINIMUM = 5;

  /** The configured default. */
  public static final MinCohortSize DEFAULT = new MinCohortSize(5);

  /**
   * @throws IllegalArgumentException if k is below {@link #MINIMUM}
   */
  public MinCohortSize {
    if (k < MINIMUM) {
      throw new IllegalArgumentException(
          String.format(
              "Cannot use benchmark k=%d: cohorts smaller than %d organisations could expose an"
                  + " organisation's own values",
              k, MINIMUM));
    }
  }

  /** The validated k, from configuration. */
  public static MinCohortSize of(int k) {
    return new MinCohortSize(k);
  }

  /** Whether a cohort-metric-week with this many participants is published. */
  public boolean publishes(int participants) {
    return participants >= k;
  }
}
