package io.stratify.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StratifyConfigTest {

  @Test
  void defaultsAreTheSpecsValues() {
    MetricSettings m = MetricSettings.defaults();
    assertThat(m.pointsPerOncallEngineer()).isEqualTo(6.0);
    assertThat(m.approachingRatio()).isEqualTo(0.8);
    assertThat(m.exceededRatio()).isEqualTo(1.0);
    assertThat(m.assignmentWindowMinutes()).isEqualTo(30);
    assertThat(m.defaultLoadedHourlyCostUsd()).isEqualTo(100.0);
    assertThat(m.attributionWindow()).isEqualTo(OptionalInt.of(7));
    assertThat(m.degradedLatencyDrift()).isEqualTo(1.5);
    assertThat(m.degradedErrorRateDrift()).isEqualTo(2.0);
    assertThat(StratifyConfig.defaults().get(StratifyOptions.BENCHMARK_MIN_COHORT_SIZE))
        .isEqualTo(5);
  }

  @Test
  void commandLineWinsOverTheFileAndEnvironmentKeyWinsOverBoth(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("stratify.properties");
    Files.writeString(
        file,
        "metrics.points-per-oncall-engineer=5\nmetrics.attribution-window-days=unbounded\n"
            + "privacy.pseudonymisation-key=from-file\nspark.sql.shuffle.partitions=3\n");
    StratifyConfig c =
        StratifyConfig.load(
            file,
            Map.of("metrics.points-per-oncall-engineer", "4"),
            Map.of(StratifyOptions.PSEUDONYMISATION_KEY_ENV, "from-env"));
    assertThat(c.metricSettings().pointsPerOncallEngineer()).isEqualTo(4.0);
    assertThat(c.metricSettings().attributionWindow()).isEmpty();
    assertThat(c.pseudonymisationKey()).isEqualTo("from-env");
    assertThat(c.usesDevelopmentKey()).isFalse();
    assertThat(c.sparkConf()).containsEntry("spark.sql.shuffle.partitions", "3");
  }

  @Test
  void unknownKeysAndBadValuesAreRefusedWithTheKeyNamed() {
    assertThatThrownBy(() -> StratifyConfig.load(null, Map.of("metrics.pointz", "4"), Map.of()))
        .hasMessageContaining("Cannot use setting 'metrics.pointz': unknown");
    assertThatThrownBy(
            () ->
                StratifyConfig.load(
                    null, Map.of("metrics.degraded-latency-drift", "fast"), Map.of()))
        .hasMessageContaining("metrics.degraded-latency-drift=fast");
    assertThatThrownBy(() -> StratifyConfig.defaults().with("benchmark.min-cohort-size", "4"))
        .hasMessageContaining("benchmark.min-cohort-size=4")
        .hasMessageContaining("smaller than 5");
  }

  @Test
  void approachingAboveExceededIsRefused() {
    assertThatThrownBy(
            () -> StratifyConfig.defaults().with("metrics.boundary-approaching-ratio", "1.2"))
        .hasMessageStartingWith("Cannot use metrics.boundary-approaching-ratio=1.2")
        .hasMessageContaining("metrics.boundary-exceeded-ratio=1.0");
    assertThat(
            StratifyConfig.defaults()
                .with("metrics.boundary-approaching-ratio", "1.0")
                .metricSettings()
                .approachingRatio())
        .isEqualTo(1.0);
  }

  @Test
  void aBadKeyOrValueInAFileNamesTheFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("stratify.properties");
    Files.writeString(file, "# settings\nmetrics.points-per-oncall-engineer=5\nmetrics.pointz=4\n");
    assertThatThrownBy(() -> StratifyConfig.load(file, Map.of(), Map.of()))
        .hasMessageStartingWith("Cannot use setting 'metrics.pointz' (" + file + ":3): unknown");
    Files.writeString(file, "\n\nmetrics.degraded-latency-drift = fast\n");
    assertThatThrownBy(() -> StratifyConfig.load(file, Map.of(), Map.of()))
        .hasMessage(
            "Cannot use metrics.degraded-latency-drift=fast: not a number (" + file + ":3)");
  }

  @Test
  void aMessageSaysCannotUseOnce() {
    assertThatThrownBy(() -> StratifyConfig.defaults().with("benchmark.min-cohort-size", "4"))
        .satisfies(
            e -> assertThat(e.getMessage().split("Cannot use", -1)).as(e.getMessage()).hasSize(2));
  }

  @Test
  void everyMetricSettingIsRecordedWithItsEffectiveValue() {
    Map<String, String> settings =
        StratifyConfig.defaults()
            .with("metrics.boundary-exceeded-ratio", " 1.1 ")
            .with("pipeline.parallel-tables", "2")
            .metricSettingsByKey();
    assertThat(settings)
        .hasSize(8)
        .containsEntry("metrics.boundary-exceeded-ratio", "1.1")
        .containsEntry("metrics.boundary-approaching-ratio", "0.8")
        .containsEntry("metrics.attribution-window-days", "7")
        .doesNotContainKey("pipeline.parallel-tables");
  }

  @Test
  void theDevelopmentKeyIsFlagged() {
    assertThat(StratifyConfig.defaults().usesDevelopmentKey()).isTrue();
  }
}
