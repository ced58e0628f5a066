package io.stratify.jobs.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.jobs.review.OperatingReview.Deployment;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Deployment.BY_ATTENTION, without Spark. */
class AttentionRankingTest {

  private static Deployment deployment(
      String id, String stage, int criticality, int sev12, boolean degraded, int blastRadius) {
    return new Deployment(
        id,
        id,
        stage,
        "t1",
        "Team",
        !degraded,
        criticality,
        "openai",
        sev12,
        sev12,
        BigDecimal.ONE,
        null,
        null,
        degraded,
        blastRadius,
        1,
        "none");
  }

  @Test
  void businessCriticalProductionWithSevereIncidentsRanksAboveADegradedUnownedPilot() {
    Deployment pilot = deployment("pilot", "pilot", 3, 0, true, 9);
    Deployment critical = deployment("critical", "production", 1, 2, false, 0);
    Deployment criticalPilot = deployment("critical-pilot", "pilot", 1, 5, true, 9);
    Deployment quieter = deployment("quieter", "production", 1, 0, true, 9);

    List<String> order =
        Stream.of(pilot, quieter, criticalPilot, critical)
            .sorted(Deployment.BY_ATTENTION)
            .map(Deployment::deploymentId)
            .toList();

    assertThat(order).containsExactly("critical", "quieter", "critical-pilot", "pilot");
  }
}
