package io.stratify.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupportabilityScoreTest {

  @Test
  void meanOfAllSixPercentiles() {
    Map<String, Double> percentiles =
        Map.of(
            "unowned_incident_rate", 100.0,
            "avg_teams_per_incident", 75.0,
            "coordination_load_per_oncall", 50.0,
            "incident_load_gini", 25.0,
            "supportability_ratio", 0.0,
            "mttr_p50_min", 50.0);
    assertThat(SupportabilityScore.of(percentiles)).as("300 / 6").isEqualTo(50.0);
  }

  @Test
  void fourOfSixAreEnoughAndOtherMetricsDoNotCount() {
    Map<String, Double> percentiles = new HashMap<>();
    percentiles.put("unowned_incident_rate", 80.0);
    percentiles.put("avg_teams_per_incident", 60.0);
    percentiles.put("incident_load_gini", 40.0);
    percentiles.put("mttr_p50_min", 30.0);
    percentiles.put("supportability_ratio", null);
    percentiles.put("cost_per_1k_requests", 0.0);
    percentiles.put("deployments_per_oncall", 0.0);
    assertThat(SupportabilityScore.of(percentiles)).as("210 / 4").isCloseTo(52.5, within(1e-12));
  }

  @Test
  void fewerThanFourGiveNull() {
    Map<String, Double> percentiles =
        Map.of(
            "unowned_incident_rate", 80.0,
            "avg_teams_per_incident", 60.0,
            "incident_load_gini", 40.0,
            "change_failure_rate", 10.0);
    assertThat(SupportabilityScore.of(percentiles)).as("3 of the six").isNull();
    assertThat(SupportabilityScore.of(Map.of())).isNull();
  }

  @Test
  void theSixMetrics() {
    assertThat(SupportabilityScore.METRICS)
        .containsExactlyInAnyOrder(
            "unowned_incident_rate",
            "avg_teams_per_incident",
            "coordination_load_per_oncall",
            "incident_load_gini",
            "supportability_ratio",
            "mttr_p50_min");
    assertThat(SupportabilityScore.MIN_METRICS).isEqualTo(4);
  }
}
