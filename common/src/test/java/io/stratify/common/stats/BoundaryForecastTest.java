package io.stratify.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundaryForecastTest {

  private static final LocalDate RUN_WEEK = LocalDate.of(2026, 3, 30);
  private static final LocalDate FIRST_WEEK = LocalDate.of(2026, 1, 5);

  @Test
  void risingSupportabilityRatioReachesTheBoundary() {
    // x = 4..11 (2026-02-02 .. 2026-03-23); weeks 0..3 have no ratio
    double[] ratios = {0.62, 0.66, 0.65, 0.70, 0.72, 0.71, 0.76, 0.78};
    Map<LocalDate, Double> values = new HashMap<>();
    for (int i = 0; i < ratios.length; i++) {
      values.put(FIRST_WEEK.plusWeeks(4 + i), ratios[i]);
    }

    WeeklyTrend trend = new TrendWindow(RUN_WEEK).fit(values).orElseThrow();
    BoundaryForecast forecast = trend.boundaryForecast().orElseThrow();

    // exact rationals: slope 13/600, intercept 0.5375, fitted(11) = 0.775833..,
    // weeks = (1 - 0.775833..) / (13/600) = 269/26 = 10.346..
    assertThat(trend.line().slope()).isCloseTo(13.0 / 600, within(1e-14));
    assertThat(trend.line().intercept()).isCloseTo(0.5375, within(1e-13));
    assertThat(trend.line().pValue()).isCloseTo(7.30168811096688e-5, withinPercentage(1e-7));
    assertThat(trend.direction()).isEqualTo(TrendDirection.WORSENING);
    assertThat(trend.lastX()).isEqualTo(11.0);
    assertThat(forecast.weeksToBoundary()).isCloseTo(269.0 / 26, within(1e-11));
    assertThat(forecast.eta())
        .as("2026-03-23 + 7 * ceil(10.35) = + 77 days")
        .isEqualTo(LocalDate.of(2026, 6, 8));
  }

  @Test
  void aWholeNumberOfWeeksIsNotRoundedUp() {
    // 0.5 + x/16 is exact in binary: fitted(7) = 0.9375, (1 - 0.9375) / 0.0625 = 1 week
    LinearTrend line = new LinearTrend(8, 0.0625, 0.5, 1.0, 0.0, 0.0625, 0.0625);
    BoundaryForecast forecast =
        BoundaryForecast.of(line, 7, LocalDate.of(2026, 3, 23)).orElseThrow();
    assertThat(forecast.weeksToBoundary()).isEqualTo(1.0);
    assertThat(forecast.eta()).isEqualTo(LocalDate.of(2026, 3, 30));
  }

  @Test
  void noForecastUnlessRisingTowardsTheBoundary() {
    LocalDate last = LocalDate.of(2026, 3, 23);
    LinearTrend falling = new LinearTrend(8, -0.02, 0.9, 0.8, 0.01, -0.03, -0.01);
    LinearTrend flat = new LinearTrend(8, 0.0, 0.9, null, null, null, null);
    LinearTrend beyond = new LinearTrend(8, 0.05, 0.9, 0.8, 0.01, 0.04, 0.06);
    LinearTrend atBoundary = new LinearTrend(8, 0.0625, 0.5, 1.0, 0.0, 0.0625, 0.0625);
    assertThat(BoundaryForecast.of(falling, 7, last)).as("slope < 0").isEmpty();
    assertThat(BoundaryForecast.of(flat, 7, last)).as("slope 0").isEmpty();
    assertThat(BoundaryForecast.of(beyond, 7, last)).as("fitted 1.25 already over").isEmpty();
    assertThat(BoundaryForecast.of(atBoundary, 8, last)).as("fitted exactly 1").isEmpty();
  }

  @Test
  void insignificantRiseStillForecasts() {
    LinearTrend noisy = new LinearTrend(8, 0.015625, 0.5, 0.1, 0.4, -0.02, 0.05);
    BoundaryForecast forecast =
        BoundaryForecast.of(noisy, 11, LocalDate.of(2026, 3, 23)).orElseThrow();
    // fitted(11) = 0.5 + 11/64 = 0.671875; (1 - 0.671875) * 64 = 21 weeks = 147 days
    assertThat(noisy.direction()).as("p = 0.4").isEqualTo(TrendDirection.STABLE);
    assertThat(forecast.weeksToBoundary()).isEqualTo(21.0);
    assertThat(forecast.eta()).isEqualTo(LocalDate.of(2026, 8, 17));
  }

  @Test
  void anEtaPastTheLastRepresentableDateIsNull() {
    LinearTrend creeping = new LinearTrend(8, 1e-9, 0.5, 0.1, 0.4, -1e-8, 1e-8);
    BoundaryForecast forecast =
        BoundaryForecast.of(creeping, 0, LocalDate.of(2026, 3, 23)).orElseThrow();
    assertThat(forecast.weeksToBoundary()).isCloseTo(5e8, withinPercentage(1e-9));
    assertThat(forecast.eta()).as("~9.6 million years out").isNull();
  }
}
