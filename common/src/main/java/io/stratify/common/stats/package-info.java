/**
 * The statistics behind the marts (METRICS.md): percentiles, Gini, weighted means, the weekly OLS
 * trend of {@code marts.org_trend}, the Spearman test of {@code marts.signal_lead_time} and the
 * benchmark math of {@code marts.benchmark_cohort_weekly} and {@code marts.org_benchmark_weekly}.
 *
 * <p>Pure functions over {@code double[]} and small records: no Spark, no IO, inputs never mutated.
 * Two conventions hold across the package:
 *
 * <ul>
 *   <li>A single number that can be undefined (no values, a zero denominator) is a nullable {@link
 *       Double}: null there is the null of the mart column it feeds.
 *   <li>A composite result that may not exist at all (too few points, a cohort too small to
 *       publish) is an {@link java.util.Optional}: empty there means the mart has no row.
 * </ul>
 *
 * <p>Inputs hold no nulls and no NaN: the caller keeps only the non-null values of a metric before
 * calling (METRICS.md: participants and trend points are non-null values only). A NaN or infinite
 * input is refused with an {@link IllegalArgumentException}.
 */
package io.stratify.common.stats;
