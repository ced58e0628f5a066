package io.stratify.jobs.review;

import static org.apache.spark.sql.functions.col;

import io.stratify.common.config.ConfigOption;
import io.stratify.common.config.MetricSettings;
import io.stratify.common.config.StratifyConfig;
import io.stratify.common.config.StratifyOptions;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.io.Lakehouse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The metric settings the marts being shown were computed with: the {@code metric_settings} column
 * of their ops.publish_log row. A lakehouse published before that column existed has none; the
 * current configuration stands in, and {@link #recorded()} says so.
 *
 * @param settings the thresholds and points per engineer to use
 * @param recorded whether they come from ops.publish_log (else the current configuration)
 * @param martsVersion the marts version read
 * @param shown the settings the footnote lists, by option key
 * @param standardTierPriceRatio the model-cost what-if's price ratio: a review setting, always from
 *     the current configuration
 */
public record RecordedSettings(
    MetricSettings settings,
    boolean recorded,
    String martsVersion,
    Map<String, String> shown,
    double standardTierPriceRatio) {

  static final String COLUMN = "metric_settings";

  /** The option keys the review uses and shows. */
  static final List<ConfigOption<Double>> USED =
      List.of(
          StratifyOptions.BOUNDARY_EXCEEDED_RATIO,
          StratifyOptions.BOUNDARY_APPROACHING_RATIO,
          StratifyOptions.POINTS_PER_ONCALL_ENGINEER);

  public RecordedSettings {
    shown = Map.copyOf(shown);
  }

  /** The settings of the lakehouse's marts version, or the current configuration's. */
  public static RecordedSettings read(Lakehouse lakehouse, StratifyConfig current) {
    String version = lakehouse.martsVersion();
    Map<String, String> logged = Map.of();
    boolean recorded = false;
    if (lakehouse.exists(OpsTables.PUBLISH_LOG)) {
      Dataset<Row> log = lakehouse.read(OpsTables.PUBLISH_LOG);
      if (Arrays.asList(log.columns()).contains(COLUMN)) {
        List<Row> rows = log.where(col("version").equalTo(version)).select(COLUMN).collectAsList();
        if (!rows.isEmpty() && !rows.get(0).isNullAt(0)) {
          logged = rows.get(0).getJavaMap(0);
          recorded = true;
        }
      }
    }
    return of(version, recorded ? logged : null, current);
  }

  /**
   * @param logged the recorded metric_settings, or null when none was recorded; a key it lacks
   *     takes the current configuration's value
   */
  static RecordedSettings of(String version, Map<String, String> logged, StratifyConfig current) {
    StratifyConfig effective = current;
    if (logged != null) {
      for (ConfigOption<?> option : StratifyOptions.ALL) {
        String value = logged.get(option.key());
        if (value != null && option.key().startsWith("metrics.")) {
          effective = effective.with(option.key(), value);
        }
      }
    }
    Map<String, String> shown = new LinkedHashMap<>();
    for (ConfigOption<Double> option : USED) {
      shown.put(option.key(), Figures.setting(effective.get(option)));
    }
    return new RecordedSettings(
        effective.metricSettings(),
        logged != null,
        version,
        shown,
        current.get(StratifyOptions.STANDARD_TIER_PRICE_RATIO));
  }

  /** The footnote: where the settings come from, and their values. */
  public String footnote() {
    StringBuilder text =
        new StringBuilder(
            recorded
                ? "Thresholds as recorded with marts version " + martsVersion + ": "
                : "Marts version "
                    + martsVersion
                    + " was published before settings were recorded with it; thresholds from the"
                    + " current configuration: ");
    text.append(
        String.join(", ", USED.stream().map(o -> o.key() + " = " + shown.get(o.key())).toList()));
    return text.append('.').toString();
  }
}
