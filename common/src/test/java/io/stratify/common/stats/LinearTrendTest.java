package io.stratify.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LinearTrendTest {

  private static final double[] WEEKS_0_TO_11 = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  private static final double[] NOISY_RISE = {
    3.1, 2.9, 3.8, 4.2, 3.9, 4.8, 5.1, 4.7, 5.6, 6.0, 5.8, 6.5
  };

  @Test
  void noisyLineMatchesTheClosedFormSums() {
    LinearTrend fit = LinearTrend.fit(WEEKS_0_TO_11, NOISY_RISE);

    double n = 12;
    double sx = 0;
    double sy = 0;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double x = WEEKS_0_TO_11[i];
      double y = NOISY_RISE[i];
      sx += x;
      sy += y;
      sxy += x * y;
      sxx += x * x;
      syy += y * y;
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double rSquared = Math.pow(n * sxy - sx * sy, 2) / ((n * sxx - sx * sx) * (n * syy - sy * sy));

    assertThat(fit.n()).isEqualTo(12);
    assertThat(fit.slope()).as("closed form").isCloseTo(slope, within(1e-12));
    assertThat(fit.slope()).as("exact: 443/1430").isCloseTo(443.0 / 1430, within(1e-14));
    assertThat(fit.intercept()).as("closed form").isCloseTo((sy - slope * sx) / n, within(1e-12));
    assertThat(fit.rSquared()).as("closed form").isCloseTo(rSquared, within(1e-12));
    assertThat(fit.rSquared()).as("exact rational").isCloseTo(0.938694000937503, within(1e-14));
    // t = 12.374012034567845 on 10 df; p and the interval from the closed-form t series in
    // 60-digit decimals (see StudentTTest), not from commons-math
    assertThat(fit.pValue()).isCloseTo(2.18784188226633e-7, withinPercentage(1e-7));
    assertThat(fit.slopeCi95Low()).isCloseTo(0.254007525849847, within(1e-10));
    assertThat(fit.slopeCi95High()).isCloseTo(0.365572893730573, within(1e-10));
    assertThat(fit.direction()).isEqualTo(TrendDirection.WORSENING);
  }

  @Test
  void flatSeriesHasNoFitStatistics() {
    double[] y = new double[12];
    Arrays.fill(y, 0.42);
    LinearTrend fit = LinearTrend.fit(WEEKS_0_TO_11, y);
    assertThat(fit.slope()).isEqualTo(0.0);
    assertThat(fit.intercept()).as("the constant").isEqualTo(0.42);
    assertThat(fit.rSquared()).as("r_squared").isNull();
    assertThat(fit.pValue()).as("p_value").isNull();
    assertThat(fit.slopeCi95Low()).as("slope_ci95_low").isNull();
    assertThat(fit.slopeCi95High()).as("slope_ci95_high").isNull();
    assertThat(fit.direction()).as("null p is stable").isEqualTo(TrendDirection.STABLE);
  }

  @Test
  void perfectLineHasZeroPValueAndACollapsedInterval() {
    double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      // 1/12 is not exact in binary: the points are on the line only up to rounding
      y[i] = 0.25 + x[i] / 12;
    }
    LinearTrend fit = LinearTrend.fit(x, y);
    assertThat(fit.slope()).isCloseTo(1.0 / 12, within(1e-15));
    assertThat(fit.intercept()).isCloseTo(0.25, within(1e-15));
    assertThat(fit.rSquared()).isEqualTo(1.0);
    assertThat(fit.pValue()).as("residual variance 0").isEqualTo(0.0);
    assertThat(fit.slopeCi95Low()).as("collapsed to the slope").isEqualTo(fit.slope());
    assertThat(fit.slopeCi95High()).as("collapsed to the slope").isEqualTo(fit.slope());
    assertThat(fit.direction()).isEqualTo(TrendDirection.WORSENING);
  }

  @Test
  void perfectFallingLineIsImproving() {
    LinearTrend fit =
        LinearTrend.fit(new double[] {0, 1, 2, 3, 4, 5}, new double[] {9, 7, 5, 3, 1, -1});
    assertThat(fit.slope()).isEqualTo(-2.0);
    assertThat(fit.intercept()).isEqualTo(9.0);
    assertThat(fit.pValue()).isEqualTo(0.0);
    assertThat(fit.slopeCi95Low()).isEqualTo(-2.0);
    assertThat(fit.slopeCi95High()).isEqualTo(-2.0);
    assertThat(fit.direction()).isEqualTo(TrendDirection.IMPROVING);
  }

  @Test
  void noiseWithoutSlopeIsStable() {
    // sum x = 21, sum y = 15, sum xy = 45 = 21 * 15 / 7: Sxy = 0
    LinearTrend fit =
        LinearTrend.fit(new double[] {0, 1, 2, 3, 4, 5, 6}, new double[] {2, 3, 1, 3, 2, 1, 3});
    assertThat(fit.slope()).isCloseTo(0.0, within(1e-15));
    assertThat(fit.intercept()).isCloseTo(15.0 / 7, within(1e-14));
    assertThat(fit.rSquared()).isCloseTo(0.0, within(1e-15));
    assertThat(fit.pValue()).isCloseTo(1.0, within(1e-12));
    assertThat(fit.slopeCi95High())
        .as("symmetric around a zero slope")
        .isCloseTo(-fit.slopeCi95Low(), within(1e-12))
        .isPositive();
    assertThat(fit.direction()).isEqualTo(TrendDirection.STABLE);
  }

  @Test
  void fittedValueIsOnTheLine() {
    LinearTrend fit = new LinearTrend(8, 0.5, 2.0, 0.9, 0.01, 0.4, 0.6);
    assertThat(fit.fittedAt(3)).isEqualTo(3.5);
  }

  @Test
  void directionNeedsASignificantSlope() {
    assertThat(TrendDirection.of(null, 3.0)).as("no p").isEqualTo(TrendDirection.STABLE);
    assertThat(TrendDirection.of(0.05, 3.0)).as("p = 0.05").isEqualTo(TrendDirection.STABLE);
    assertThat(TrendDirection.of(0.0499, 3.0)).isEqualTo(TrendDirection.WORSENING);
    assertThat(TrendDirection.of(0.0499, -3.0)).isEqualTo(TrendDirection.IMPROVING);
    assertThat(TrendDirection.WORSENING.label()).isEqualTo("worsening");
    assertThat(TrendDirection.IMPROVING.label()).isEqualTo("improving");
    assertThat(TrendDirection.STABLE.label()).isEqualTo("stable");
  }

  @Test
  void refusesWhatCannotBeFitted() {
    assertThatThrownBy(() -> LinearTrend.fit(new double[] {0, 1}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot fit a linear trend: needs at least 3 points, got 2");
    assertThatThrownBy(() -> LinearTrend.fit(new double[] {4, 4, 4}, new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot fit a linear trend: every x is 4.0, so the slope is undefined");
    assertThatThrownBy(() -> LinearTrend.fit(new double[] {0, 1, 2}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot fit a linear trend: the arrays differ in length (3 and 2)");
    assertThatThrownBy(
            () -> LinearTrend.fit(new double[] {0, 1, 2}, new double[] {1, Double.NaN, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot fit a linear trend: y[1] is NaN");
  }
}
