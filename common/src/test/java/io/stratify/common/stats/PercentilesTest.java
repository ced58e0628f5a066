package io.stratify.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void interpolatesBetweenClosestRanks() {
    // sorted: 15 20 35 40 50; position h = (n - 1) p / 100 = 4 p / 100
    double[] values = {50, 15, 40, 20, 35};
    assertThat(Percentiles.percentile(values, 0)).as("h = 0: the minimum").isEqualTo(15.0);
    assertThat(Percentiles.percentile(values, 25)).as("h = 1: exactly 20").isEqualTo(20.0);
    assertThat(Percentiles.percentile(values, 40))
        .as("h = 1.6: 20 + 0.6 (35 - 20)")
        .isCloseTo(29.0, within(1e-12));
    assertThat(Percentiles.percentile(values, 90))
        .as("h = 3.6: 40 + 0.6 (50 - 40)")
        .isCloseTo(46.0, within(1e-12));
    assertThat(Percentiles.percentile(values, 100)).as("h = 4: the maximum").isEqualTo(50.0);
    assertThat(Percentiles.median(values)).as("h = 2").isEqualTo(35.0);
  }

  @Test
  void tiedValuesAreInterpolatedLikeAnyOthers() {
    // sorted: 1 2 2 2 10
    double[] values = {2, 10, 2, 1, 2};
    assertThat(Percentiles.percentile(values, 25)).as("h = 1, inside the tie").isEqualTo(2.0);
    assertThat(Percentiles.percentile(values, 75)).as("h = 3, the tie's end").isEqualTo(2.0);
    assertThat(Percentiles.percentile(values, 80))
        .as("h = 3.2: 2 + 0.2 (10 - 2)")
        .isCloseTo(3.6, within(1e-12));
    assertThat(Percentiles.percentile(values, 90))
        .as("h = 3.6: 2 + 0.6 (10 - 2)")
        .isCloseTo(6.8, within(1e-12));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Percentiles.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void aSingleValueIsEveryPercentile() {
    double[] one = {7.25};
    assertThat(List.of(0.0, 37.0, 100.0))
        .allSatisfy(p -> assertThat(Percentiles.percentile(one, p)).as("p%s", p).isEqualTo(7.25));
  }

  @Test
  void noValuesNoPercentile() {
    assertThat(Percentiles.percentile(new double[0], 90)).as("empty -> null").isNull();
    assertThat(Percentiles.median(new double[0])).as("empty -> null").isNull();
  }

  @Test
  void callerDropsNullValuesBeforehand() {
    List<Double> mttrByIncident = Arrays.asList(30.0, null, 10.0, 20.0, null);
    double[] resolved =
        mttrByIncident.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
    assertThat(Percentiles.median(resolved)).as("median of 10, 20, 30").isEqualTo(20.0);
    assertThat(Percentiles.percentile(resolved, 90))
        .as("h = 1.8: 20 + 0.8 (30 - 20)")
        .isCloseTo(28.0, within(1e-12));
  }

  @Test
  void agreesWithAPlainSortAndInterpolate() {
    Random random = new Random(20260330);
    for (int trial = 0; trial < 50; trial++) {
      double[] values = new double[1 + random.nextInt(40)];
      for (int i = 0; i < values.length; i++) {
        // a coarse grid so that ties are common
        values[i] = random.nextInt(20) * 0.5;
      }
      for (double p : new double[] {0, 1, 25, 33.3, 50, 75, 90, 99, 100}) {
        assertThat(Percentiles.percentile(values, p))
            .as("p%s of %s", p, Arrays.toString(values))
            .isCloseTo(sortAndInterpolate(values, p), within(1e-12));
      }
    }
  }

  @Test
  void leavesTheInputAsItWas() {
    double[] values = {3, 1, 2};
    Percentiles.percentile(values, 50);
    assertThat(values).as("input order").containsExactly(3, 1, 2);
  }

  @Test
  void refusesPercentsOutsideTheRangeAndNaN() {
    assertThatThrownBy(() -> Percentiles.percentile(new double[] {1}, 101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute percentile 101.0: p must be in [0, 100] (percent)");
    assertThatThrownBy(() -> Percentiles.percentile(new double[] {1}, -0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.median(new double[] {1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute a percentile: values[1] is NaN");
  }

  private static double sortAndInterpolate(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double h = (sorted.length - 1) * p / 100;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
