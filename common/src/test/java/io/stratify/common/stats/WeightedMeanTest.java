package io.stratify.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightedMeanTest {

  @Test
  void requestWeightedLatency() {
    // (100 * 10 + 200 * 30) / 40 = 7000 / 40
    assertThat(WeightedMean.of(new double[] {100, 200}, new double[] {10, 30}))
        .isCloseTo(175.0, within(1e-12));
  }

  @Test
  void zeroWeightLeavesAnObservationOut() {
    assertThat(WeightedMean.of(new double[] {100, 300}, new double[] {0, 5}))
        .isCloseTo(300.0, within(1e-12));
  }

  @Test
  void weightsSummingToZeroGiveNull() {
    assertThat(WeightedMean.of(new double[] {120, 80}, new double[] {0, 0}))
        .as("requests sum to 0")
        .isNull();
    assertThat(WeightedMean.of(new double[0], new double[0])).as("no rows").isNull();
  }

  @Test
  void agreesWithSumOfProductsOverSumOfWeights() {
    Random random = new Random(11);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + random.nextInt(20);
      double[] values = new double[n];
      double[] weights = new double[n];
      double sumProducts = 0;
      double sumWeights = 0;
      for (int i = 0; i < n; i++) {
        values[i] = 50 + random.nextDouble() * 500;
        weights[i] = 1 + random.nextInt(1000);
        sumProducts += values[i] * weights[i];
        sumWeights += weights[i];
      }
      assertThat(WeightedMean.of(values, weights))
          .isCloseTo(sumProducts / sumWeights, within(1e-9));
    }
  }

  @Test
  void refusesMismatchedArraysAndNegativeWeights() {
    assertThatThrownBy(() -> WeightedMean.of(new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute a weighted mean: the arrays differ in length (2 and 1)");
    assertThatThrownBy(() -> WeightedMean.of(new double[] {1, 2}, new double[] {1, -1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute a weighted mean: weights must be non-negative, got -1.0");
  }
}
