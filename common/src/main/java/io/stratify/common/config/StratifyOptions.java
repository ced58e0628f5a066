package io.stratify.common.config;

import io.stratify.common.contract.DatasetKind;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.stats.MinCohortSize;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Every setting Stratify reads, with its default: the settings marked (config) in METRICS.md, and
 * the operational ones. The docs' configuration table is generated from {@link #ALL}.
 */
public final class StratifyOptions {

  private StratifyOptions() {}

  /** The prefix of the settings the metrics are computed with (recorded with each publish). */
  public static final String METRICS_PREFIX = "metrics.";

  public static final String PSEUDONYMISATION_KEY_ENV = "STRATIFY_PSEUDONYMISATION_KEY";
  public static final String PSEUDONYMISATION_KEY_DEFAULT = "stratify-development-key";

  public static final ConfigOption<String> PSEUDONYMISATION_KEY =
      new ConfigOption<>(
          "privacy.pseudonymisation-key",
          PSEUDONYMISATION_KEY_DEFAULT,
          "Secret key of the keyed hash (HMAC-SHA256) that replaces person ids in silver. Prefer"
              + " the environment variable "
              + PSEUDONYMISATION_KEY_ENV
              + ", which wins over this setting. The default is for development only; it is never"
              + " stored in the lakehouse.",
          StratifyOptions::nonEmpty);

  public static final ConfigOption<Double> POINTS_PER_ONCALL_ENGINEER =
      new ConfigOption<>(
          "metrics.points-per-oncall-engineer",
          "6",
          "capacity_points = oncall_engineers x this.",
          StratifyOptions::nonNegative);

  public static final ConfigOption<Double> BOUNDARY_APPROACHING_RATIO =
      new ConfigOption<>(
          "metrics.boundary-approaching-ratio",
          "0.8",
          "boundary_status is 'approaching' from this supportability_ratio up to the exceeded"
              + " ratio.",
          StratifyOptions::nonNegative);

  public static final ConfigOption<Double> BOUNDARY_EXCEEDED_RATIO =
      new ConfigOption<>(
          "metrics.boundary-exceeded-ratio",
          "1.0",
          "boundary_status is 'exceeded' above this supportability_ratio.",
          StratifyOptions::nonNegative);

  public static final ConfigOption<Integer> OWNERSHIP_ASSIGNMENT_WINDOW_MINUTES =
      new ConfigOption<>(
          "metrics.ownership-assignment-window-minutes",
          "30",
          "An incident has an ownership gap when no 'assigned' event with a team comes within"
              + " this many minutes of opened_at.",
          StratifyOptions::nonNegativeInt);

  public static final ConfigOption<Double> DEFAULT_LOADED_HOURLY_COST_USD =
      new ConfigOption<>(
          "metrics.default-loaded-hourly-cost-usd",
          "100",
          "Cost of an engineer-hour for cost_to_support_usd when the org gives none.",
          StratifyOptions::nonNegative);

  public static final ConfigOption<OptionalInt> ATTRIBUTION_WINDOW_DAYS =
      new ConfigOption<>(
          "metrics.attribution-window-days",
          "7",
          "An incident without change_id is attributed to the latest successful change of its"
              + " deployment deployed at most this many days before it opened; 'unbounded' for no"
              + " limit.",
          text ->
              text.equalsIgnoreCase("unbounded")
                  ? OptionalInt.empty()
                  : OptionalInt.of(nonNegativeInt(text)));

  public static final ConfigOption<Double> DEGRADED_LATENCY_DRIFT =
      new ConfigOption<>(
          "metrics.degraded-latency-drift",
          "1.5",
          "A deployment-week is degraded when latency_drift exceeds this.",
          StratifyOptions::nonNegative);

  public static final ConfigOption<Double> DEGRADED_ERROR_RATE_DRIFT =
      new ConfigOption<>(
          "metrics.degraded-error-rate-drift",
          "2.0",
          "A deployment-week is degraded when error_rate_drift exceeds this.",
          StratifyOptions::nonNegative);

  public static final ConfigOption<Integer> BENCHMARK_MIN_COHORT_SIZE =
      new ConfigOption<>(
          "benchmark.min-cohort-size",
          "5",
          "k: a cohort-metric-week is published only with at least k consenting organisations."
              + " Values below 5 are refused.",
          text -> MinCohortSize.of(Integer.parseInt(text)).k());

  public static final ConfigOption<Integer> PARALLEL_TABLES =
      new ConfigOption<>(
          "pipeline.parallel-tables",
          "4",
          "How many tables a step processes at once (ingest's datasets, conform's silver tables,"
              + " the marts' writes; their Spark jobs run concurrently); 1 for one at a time.",
          text -> Math.max(1, nonNegativeInt(text)));

  public static final ConfigOption<Double> QUALITY_MAX_ROW_DROP =
      new ConfigOption<>(
          "quality.max-row-drop-fraction",
          "0.1",
          "The quality gate refuses to publish when org_weekly or deployment_weekly has lost more"
              + " than this fraction of the rows of the published version (checked when the run"
              + " date is not older than the published one).",
          StratifyOptions::nonNegative);

  public static final ConfigOption<Boolean> MARTS_INCREMENTAL =
      new ConfigOption<>(
          "marts.incremental",
          "true",
          "A single-date run recomputes only the orgs and weeks its new drops can change when the"
              + " published marts allow it (same week, settings and tables; see"
              + " docs/performance.md); false recomputes everything (e.g. once after upgrading"
              + " Stratify to a version whose metrics differ).",
          StratifyOptions::bool);

  public static final ConfigOption<Boolean> CONFORM_INCREMENTAL =
      new ConfigOption<>(
          "conform.incremental",
          "true",
          "Conform folds the new drops into the current silver rows of the orgs they touch"
              + " (latest versions of the event and upsert datasets; the SCD2 history of the"
              + " snapshot datasets, when every new drop comes after the last conformed one),"
              + " unless a drop conformed before is replaced; false rebuilds every touched org"
              + " from all its bronze history (see docs/performance.md).",
          StratifyOptions::bool);

  public static final ConfigOption<Integer> LOCK_WAIT_SECONDS =
      new ConfigOption<>(
          "run.lock-wait-seconds",
          "0",
          "How long a run waits for another run on the same lakehouse to finish; 0 fails at once"
              + " (exit code 4).",
          StratifyOptions::nonNegativeInt);

  public static final ConfigOption<Double> STANDARD_TIER_PRICE_RATIO =
      new ConfigOption<>(
          "review.standard-tier-price-ratio",
          "0.25",
          "The review's model-cost what-if: the price of standard-tier usage as a fraction of the"
              + " frontier-tier usage it would replace (0 to 1).",
          StratifyOptions::fraction);

  public static final ConfigOption<Integer> VACUUM_RETENTION_HOURS =
      new ConfigOption<>(
          "maintain.vacuum-retention-hours",
          "168",
          "stratify maintain deletes the data files that no table version of the last this many"
              + " hours references (Delta VACUUM). Time travel reaches back this far. The default,"
              + " Delta's, outlasts any run or reader; a value under 168 is honoured but must"
              + " exceed the longest run or query.",
          StratifyOptions::nonNegativeInt);

  /** The staleness gate's setting for each landing dataset, in the datasets' order. */
  public static final List<ConfigOption<Integer>> MAX_AGE_DAYS =
      Arrays.stream(LandingDataset.values()).map(StratifyOptions::maxAgeDays).toList();

  /**
   * {@code landing.max-age-days.<dataset>}: 3 days by default; a snapshot dataset, which lands
   * weekly, gets its week on top (10).
   */
  private static ConfigOption<Integer> maxAgeDays(LandingDataset dataset) {
    boolean weekly = dataset.kind() == DatasetKind.SNAPSHOT;
    return new ConfigOption<>(
        "landing.max-age-days." + dataset.folder(),
        weekly ? "10" : "3",
        "Staleness gate: the marts are not computed (exit code 3) when the latest "
            + dataset.folder()
            + " drop is more than this many days older than the run date"
            + (weekly ? " (a weekly snapshot: 7 days plus 3 of grace)." : "."),
        StratifyOptions::nonNegativeInt);
  }

  public static final List<ConfigOption<?>> ALL =
      Stream.concat(
              Stream.of(
                  PSEUDONYMISATION_KEY,
                  PARALLEL_TABLES,
                  POINTS_PER_ONCALL_ENGINEER,
                  BOUNDARY_APPROACHING_RATIO,
                  BOUNDARY_EXCEEDED_RATIO,
                  OWNERSHIP_ASSIGNMENT_WINDOW_MINUTES,
                  DEFAULT_LOADED_HOURLY_COST_USD,
                  ATTRIBUTION_WINDOW_DAYS,
                  DEGRADED_LATENCY_DRIFT,
                  DEGRADED_ERROR_RATE_DRIFT,
                  BENCHMARK_MIN_COHORT_SIZE,
                  QUALITY_MAX_ROW_DROP,
                  MARTS_INCREMENTAL,
                  CONFORM_INCREMENTAL,
                  LOCK_WAIT_SECONDS,
                  STANDARD_TIER_PRICE_RATIO,
                  VACUUM_RETENTION_HOURS),
              MAX_AGE_DAYS.stream())
          .<ConfigOption<?>>map(o -> o)
          .toList();

  private static boolean bool(String text) {
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException("must be true or false");
    }
    return Boolean.parseBoolean(text);
  }

  private static String nonEmpty(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    return text;
  }

  private static double fraction(String text) {
    double v = nonNegative(text);
    if (v > 1) {
      throw new IllegalArgumentException("must be between 0 and 1, got " + text);
    }
    return v;
  }

  private static double nonNegative(String text) {
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number");
    }
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("must be a finite number >= 0");
    }
    return v;
  }

  private static int nonNegativeInt(String text) {
    int v;
    try {
      v = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a whole number");
    }
    if (v < 0) {
      throw new IllegalArgumentException("must be >= 0");
    }
    return v;
  }
}
