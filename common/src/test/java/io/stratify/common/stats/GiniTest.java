package io.stratify.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GiniTest {

  @Test
  void oneTeamCarryingEverything() {
    // |x_i - x_j| = 10 for the 6 ordered (zero, ten) pairs: 60 / (2 * 4^2 * 2.5) = 0.75 = (n-1)/n
    assertThat(Gini.coefficient(new double[] {0, 10, 0, 0})).isCloseTo(0.75, within(1e-15));
  }

  @Test
  void evenLoadIsZero() {
    assertThat(Gini.coefficient(new double[] {3, 3, 3})).isEqualTo(0.0);
  }

  @Test
  void steppedLoads() {
    // pairs i<j of 1,2,3,4: 1+2+3+1+2+1 = 10, both orders 20; 20 / (2 * 16 * 2.5) = 0.25
    assertThat(Gini.coefficient(new double[] {4, 1, 3, 2})).isCloseTo(0.25, within(1e-15));
  }

  @Test
  void agreesWithTheDoubleSumOfTheDefinition() {
    Random random = new Random(4);
    for (int trial = 0; trial < 100; trial++) {
      double[] x = new double[2 + random.nextInt(30)];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextInt(12);
      }
      if (Arrays.stream(x).sum() == 0) {
        continue;
      }
      assertThat(Gini.coefficient(x))
          .as("Gini of %s", Arrays.toString(x))
          .isCloseTo(doubleSum(x), within(1e-12));
    }
  }

  @Test
  void undefinedForFewerThanTwoTeamsOrNoLoad() {
    assertThat(Gini.coefficient(new double[0])).as("no team").isNull();
    assertThat(Gini.coefficient(new double[] {5})).as("one team").isNull();
    assertThat(Gini.coefficient(new double[] {0, 0, 0})).as("sum x = 0").isNull();
  }

  @Test
  void refusesNegativeLoads() {
    assertThatThrownBy(() -> Gini.coefficient(new double[] {2, -1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute a Gini coefficient: loads must be non-negative, got -1.0");
  }

  private static double doubleSum(double[] x) {
    double total = 0;
    for (double xi : x) {
      for (double xj : x) {
        total += Math.abs(xi - xj);
      }
    }
    double n = x.length;
    return total / (2 * n * n * (Arrays.stream(x).sum() / n));
  }
}
