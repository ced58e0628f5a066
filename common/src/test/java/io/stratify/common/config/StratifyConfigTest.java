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
  void theDevelopmentKeyIsFlagged() {
    assertThat(StratifyConfig.defaults().usesDevelopmentKey()).isTrue();
  }
}
