package io.stratify.jobs.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.config.StratifyConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which thresholds the review uses: recorded with the marts, else today's configuration. */
class RecordedSettingsTest {

  private static final StratifyConfig CURRENT =
      StratifyConfig.defaults().with("metrics.boundary-exceeded-ratio", "1.2");

  @Test
  void recordedSettingsWinOverTheCurrentConfiguration() {
    RecordedSettings s =
        RecordedSettings.of(
            "v7",
            Map.of(
                "metrics.boundary-exceeded-ratio", "0.95",
                "metrics.points-per-oncall-engineer", "5"),
            CURRENT);

    assertThat(s.recorded()).isTrue();
    assertThat(s.settings().exceededRatio()).isEqualTo(0.95);
    assertThat(s.settings().pointsPerOncallEngineer()).isEqualTo(5.0);
    assertThat(s.settings().approachingRatio()).as("not recorded: current").isEqualTo(0.8);
    assertThat(s.footnote())
        .isEqualTo(
            "Thresholds as recorded with marts version v7: metrics.boundary-exceeded-ratio ="
                + " 0.95, metrics.boundary-approaching-ratio = 0.8,"
                + " metrics.points-per-oncall-engineer = 5.");
  }

  @Test
  void martsPublishedBeforeSettingsWereRecordedUseTheCurrentConfigurationAndSaySo() {
    RecordedSettings s = RecordedSettings.of("v3", null, CURRENT);

    assertThat(s.recorded()).isFalse();
    assertThat(s.settings().exceededRatio()).isEqualTo(1.2);
    assertThat(s.footnote())
        .startsWith("Marts version v3 was published before settings were recorded with it")
        .contains("metrics.boundary-exceeded-ratio = 1.2");
  }
}
