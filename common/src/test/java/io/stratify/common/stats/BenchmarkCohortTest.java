package io.stratify.common.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchmarkCohortTest {

  @Test
  void ownCohortFirstThenAllOrgsThenNone() {
    assertThat(BenchmarkCohort.select(true, true))
        .as("own published")
        .contains(BenchmarkCohort.OWN);
    assertThat(BenchmarkCohort.select(true, false))
        .as("own published, all-orgs not (cannot happen in practice: own is a subset)")
        .contains(BenchmarkCohort.OWN);
    assertThat(BenchmarkCohort.select(false, true))
        .as("own too small")
        .contains(BenchmarkCohort.ALL_ORGS);
    assertThat(BenchmarkCohort.select(false, false)).as("no row").isEmpty();
    assertThat(BenchmarkCohort.ALL).isEqualTo("*");
  }
}
