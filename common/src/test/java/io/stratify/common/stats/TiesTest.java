package io.stratify.common.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TiesTest {

  @Test
  void valuesWithinTheRelativeToleranceAreTied() {
    assertThat(0.1 + 0.2).as("summation noise").isNotEqualTo(0.3);
    assertThat(Ties.tied(0.1 + 0.2, 0.3)).isTrue();
    assertThat(Ties.above(0.1 + 0.2, 0.3)).as("noise is not above").isFalse();
    assertThat(Ties.atMost(0.1 + 0.2, 0.3)).isTrue();
    assertThat(Ties.atLeast(0.3, 0.1 + 0.2)).isTrue();
    assertThat(Ties.tied(1e12, 1e12 + 900)).as("relative to |value| above 1").isTrue();
    assertThat(Ties.tied(1e12, 1e12 + 2000)).isFalse();
    assertThat(Ties.tied(0.0, 1e-9)).as("absolute 1e-9 below 1").isTrue();
    assertThat(Ties.tied(0.0, 2e-9)).isFalse();
    assertThat(Ties.above(1.0 + 1e-6, 1.0)).isTrue();
  }

  @Test
  void equalValuesSummedInAnotherOrderRankTogether() {
    double a = 0.1 + 0.2 + 0.3;
    double b = 0.3 + 0.2 + 0.1;
    assertThat(a).isNotEqualTo(b);
    double[] cohort = {a, b, 0.9, 0.05};
    assertThat(CohortPercentiles.percentRank(a, cohort))
        .isEqualTo(CohortPercentiles.percentRank(b, cohort))
        .isEqualTo(100.0 / 3);
  }
}
