package io.stratify.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LeadTimeTest {

  static final LocalDate AS_OF = LocalDate.of(2026, 4, 1);

  @Test
  void tenPairsAreNeededAndNeitherSideMayBeConstant() {
    double[] nine = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    assertThat(LeadTime.row("s", 1, AS_OF, nine, nine)).isEmpty();
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] flat = {2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
    assertThat(LeadTime.row("s", 1, AS_OF, x, flat)).isEmpty();
  }

  @Test
  void rhoWithTiesUsesAverageRanks() {
    // x ranks 1..10; y = 0 0 0 1 1 1 1 2 2 2 -> average ranks 2 2 2 5.5 5.5 5.5 5.5 9 9 9.
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] y = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2};
    MetricRow r = LeadTime.row("supportability_ratio", 4, AS_OF, x, y).orElseThrow();
    // Pearson of the ranks (both mean 5.5): sum of (rx - 5.5)(ry - 5.5) = 73.5,
    // sum of (rx - 5.5)^2 = 82.5, sum of (ry - 5.5)^2 = 73.5: rho = 73.5 / sqrt(82.5 x 73.5)
    assertThat((Double) r.get("spearman_rho"))
        .isCloseTo(73.5 / Math.sqrt(82.5 * 73.5), within(1e-12));
    assertThat(r.get("n")).isEqualTo(10);
    assertThat(r.get("lag_weeks")).isEqualTo(4);
    assertThat(r.get("signal")).isEqualTo("supportability_ratio");
    assertThat((Double) r.get("p_value")).isBetween(0.0, 0.001);
  }
}
