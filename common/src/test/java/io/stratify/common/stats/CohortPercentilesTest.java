package io.stratify.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class CohortPercentilesTest {

  // sorted: 0.1 0.2 0.2 0.4 0.5; h = 4 p / 100
  private static final double[] FIVE_ORGS = {0.4, 0.1, 0.2, 0.5, 0.2};

  @Test
  void aCohortOfExactlyKIsPublished() {
    CohortPercentiles cohort =
        CohortPercentiles.publish(FIVE_ORGS, MinCohortSize.DEFAULT).orElseThrow();
    assertThat(cohort.nOrgs()).isEqualTo(5);
    assertThat(cohort.p25()).as("h = 1").isEqualTo(0.2);
    assertThat(cohort.p50()).as("h = 2").isEqualTo(0.2);
    assertThat(cohort.p75()).as("h = 3").isEqualTo(0.4);
    assertThat(cohort.p90()).as("h = 3.6: 0.4 + 0.6 (0.5 - 0.4)").isCloseTo(0.46, within(1e-15));
  }

  @Test
  void aCohortOfKMinusOneIsNot() {
    double[] fourOrgs = {0.4, 0.1, 0.2, 0.5};
    assertThat(CohortPercentiles.publish(fourOrgs, MinCohortSize.DEFAULT)).as("k = 5").isEmpty();
    assertThat(CohortPercentiles.publish(FIVE_ORGS, MinCohortSize.of(6))).as("k = 6").isEmpty();
  }

  @Test
  void orgsWithoutAValueAreNotParticipants() {
    Map<String, Double> gapRateByConsentingOrg = new LinkedHashMap<>();
    gapRateByConsentingOrg.put("o1", 0.4);
    gapRateByConsentingOrg.put("o2", null);
    gapRateByConsentingOrg.put("o3", 0.1);
    gapRateByConsentingOrg.put("o4", 0.2);
    gapRateByConsentingOrg.put("o5", null);
    gapRateByConsentingOrg.put("o6", 0.5);
    double[] participants = participants(gapRateByConsentingOrg);
    assertThat(participants).as("nulls dropped").containsExactly(0.4, 0.1, 0.2, 0.5);
    assertThat(CohortPercentiles.publish(participants, MinCohortSize.DEFAULT))
        .as("6 orgs but 4 participants")
        .isEmpty();

    gapRateByConsentingOrg.put("o7", 0.2);
    CohortPercentiles cohort =
        CohortPercentiles.publish(participants(gapRateByConsentingOrg), MinCohortSize.DEFAULT)
            .orElseThrow();
    assertThat(cohort.nOrgs()).isEqualTo(5);
    assertThat(cohort.p90()).isCloseTo(0.46, within(1e-15));
  }

  @Test
  void percentRankCountsStrictlyWorseValuesAndTiesShareIt() {
    // n - 1 = 4; rank = 1 + values strictly higher (worse)
    assertThat(CohortPercentiles.percentRank(0.5, FIVE_ORGS)).as("worst: rank 1").isEqualTo(0.0);
    assertThat(CohortPercentiles.percentRank(0.4, FIVE_ORGS)).as("rank 2").isEqualTo(25.0);
    assertThat(CohortPercentiles.percentRank(0.2, FIVE_ORGS))
        .as("both 0.2s: 0.4 and 0.5 are worse, rank 3")
        .isEqualTo(50.0);
    assertThat(CohortPercentiles.percentRank(0.1, FIVE_ORGS)).as("best: rank 5").isEqualTo(100.0);
  }

  @Test
  void percentRankEdges() {
    assertThat(CohortPercentiles.percentRank(0.3, new double[] {0.3, 0.3, 0.3, 0.3, 0.3}))
        .as("all tied: nobody is strictly worse, rank 1 for all")
        .isEqualTo(0.0);
    assertThat(CohortPercentiles.percentRank(0.3, new double[] {0.3})).as("n - 1 = 0").isNull();
    assertThatThrownBy(() -> CohortPercentiles.percentRank(0.3, FIVE_ORGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot rank 0.3 in its cohort: it is not one of the participants' values");
  }

  private static double[] participants(Map<String, Double> valueByOrg) {
    return valueByOrg.values().stream()
        .filter(Objects::nonNull)
        .mapToDouble(Double::doubleValue)
        .toArray();
  }
}
