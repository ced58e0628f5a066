package io.stratify.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrendWindowTest {

  private static final LocalDate RUN_WEEK = LocalDate.of(2026, 3, 30);
  private static final LocalDate FIRST_WEEK = LocalDate.of(2026, 1, 5);

  @Test
  void windowIsTheTwelveWeeksBeforeTheRunWeek() {
    TrendWindow window = new TrendWindow(RUN_WEEK);
    assertThat(window.firstWeekStart()).isEqualTo(FIRST_WEEK);
    assertThat(window.lastWeekStart()).isEqualTo(LocalDate.of(2026, 3, 23));
  }

  @Test
  void xCountsWeeksFromTheWindowsFirstWeekAndSkipsNulls() {
    Map<LocalDate, Double> values = new HashMap<>();
    for (int x : new int[] {0, 2, 3, 5, 7, 8, 10}) {
      values.put(FIRST_WEEK.plusWeeks(x), (double) x);
    }
    values.put(FIRST_WEEK.plusWeeks(4), null);
    values.put(FIRST_WEEK.plusWeeks(11), null);
    values.put(FIRST_WEEK.minusWeeks(1), 999.0);
    values.put(RUN_WEEK, 999.0);

    WeeklyTrend trend = new TrendWindow(RUN_WEEK).fit(values).orElseThrow();

    assertThat(trend.line().n()).as("7 non-null weeks inside the window").isEqualTo(7);
    assertThat(trend.line().slope()).as("y = x: x is weeks since 2026-01-05").isEqualTo(1.0);
    assertThat(trend.line().intercept()).isCloseTo(0.0, within(1e-14));
    assertThat(trend.lastWeekStart()).as("last non-null week").isEqualTo(LocalDate.of(2026, 3, 16));
    assertThat(trend.lastX()).isEqualTo(10.0);
  }

  @Test
  void sixPointsMakeATrendAndFiveDoNot() {
    Map<LocalDate, Double> values = new HashMap<>();
    for (int x = 0; x < 5; x++) {
      values.put(FIRST_WEEK.plusWeeks(2 * x), 1.0 + x % 2);
    }
    values.put(RUN_WEEK, 3.0);
    TrendWindow window = new TrendWindow(RUN_WEEK);
    assertThat(window.fit(values)).as("5 points in the window").isEmpty();

    values.put(FIRST_WEEK.plusWeeks(11), 3.0);
    Optional<WeeklyTrend> trend = window.fit(values);
    assertThat(trend).as("6 points").isPresent();
    assertThat(trend.get().line().n()).isEqualTo(6);
  }

  @Test
  void aFlatSeriesIsStableWithoutForecast() {
    Map<LocalDate, Double> values = new HashMap<>();
    for (int x = 0; x < 12; x++) {
      values.put(FIRST_WEEK.plusWeeks(x), 0.8);
    }
    WeeklyTrend trend = new TrendWindow(RUN_WEEK).fit(values).orElseThrow();
    assertThat(trend.line().pValue()).isNull();
    assertThat(trend.direction()).isEqualTo(TrendDirection.STABLE);
    assertThat(trend.boundaryForecast()).as("slope 0").isEmpty();
  }

  @Test
  void refusesDatesThatAreNotWeekStarts() {
    assertThatThrownBy(() -> new TrendWindow(LocalDate.of(2026, 4, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot use run week 2026-04-01 as a week start: it is a WEDNESDAY, not a Monday");
    TrendWindow window = new TrendWindow(RUN_WEEK);
    assertThatThrownBy(() -> window.fit(Map.of(LocalDate.of(2026, 3, 1), 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot use series week 2026-03-01 as a week start: it is a SUNDAY, not a Monday");
  }
}
