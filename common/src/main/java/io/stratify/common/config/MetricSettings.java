package io.stratify.common.config;

import java.io.Serializable;
import java.util.OptionalInt;

/**
 * The (config) thresholds and weights of METRICS.md, resolved. Serializable: Spark ships it to
 * executors with the metric code.
 *
 * @param pointsPerOncallEngineer capacity points per on-call engineer (6)
 * @param approachingRatio lower bound of 'approaching' (0.8)
 * @param exceededRatio 'exceeded' above this (1.0)
 * @param assignmentWindowMinutes ownership gap (c) window (30)
 * @param defaultLoadedHourlyCostUsd engineer-hour cost when the org gives none (100)
 * @param attributionWindowDays change attribution window in days; null = unbounded (7)
 * @param degradedLatencyDrift latency_drift threshold (1.5)
 * @param degradedErrorRateDrift error_rate_drift threshold (2.0)
 */
public record MetricSettings(
    double pointsPerOncallEngineer,
    double approachingRatio,
    double exceededRatio,
    int assignmentWindowMinutes,
    double defaultLoadedHourlyCostUsd,
    Integer attributionWindowDays,
    double degradedLatencyDrift,
    double degradedErrorRateDrift)
    implements Serializable {

  /** The attribution window; empty when unbounded. */
  public OptionalInt attributionWindow() {
    return attributionWindowDays == null
        ? OptionalInt.empty()
        : OptionalInt.of(attributionWindowDays);
  }

  public static MetricSettings defaults() {
    return StratifyConfig.defaults().metricSettings();
  }
}
