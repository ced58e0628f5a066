package io.stratify.common.stats;

import java.util.Optional;

/**
 * The cohort an org is compared with in {@code marts.org_benchmark_weekly} (METRICS.md,
 * "Benchmarks"), per metric and week.
 */
public enum BenchmarkCohort {
  /** The org's own (industry, size_band) cohort as of week end. */
  OWN,
  /** The all-orgs cohort, written as industry {@link #ALL} and size_band {@link #ALL}. */
  ALL_ORGS;

  /** industry and size_band of the all-orgs cohort. */
  public static final String ALL = "*";

  /**
   * The org's own cohort if it is published for the metric and week, else the all-orgs cohort if
   * that is, else none (the org gets no row).
   *
   * @param ownPublished whether the org's own cohort has at least k participants
   * @param allOrgsPublished whether the all-orgs cohort has at least k participants
   */
  public static Optional<BenchmarkCohort> select(boolean ownPublished, boolean allOrgsPublished) {
    if (ownPublished) {
      return Optional.of(OWN);
    }
    return allOrgsPublished ? Optional.of(ALL_ORGS) : Optional.empty();
  }
}
