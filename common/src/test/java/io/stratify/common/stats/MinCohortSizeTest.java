package io.stratify.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MinCohortSizeTest {

  @Test
  void kBelowFiveIsRefused() {
    assertThatThrownBy(() -> MinCohortSize.of(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot use benchmark k=3: cohorts smaller than 5 organisations could expose an"
                + " organisation's own values");
    assertThatThrownBy(() -> MinCohortSize.of(4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MinCohortSize(0))
        .as("the constructor validates too")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publishesFromKParticipants() {
    assertThat(MinCohortSize.DEFAULT.k()).isEqualTo(5);
    assertThat(MinCohortSize.DEFAULT.publishes(5)).as("exactly k").isTrue();
    assertThat(MinCohortSize.DEFAULT.publishes(4)).as("k - 1").isFalse();
    MinCohortSize eight = MinCohortSize.of(8);
    assertThat(eight.publishes(7)).isFalse();
    assertThat(eight.publishes(8)).isTrue();
  }
}
