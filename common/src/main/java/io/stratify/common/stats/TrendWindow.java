package io.stratify.common.stats;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The trend window of one run (METRICS.md, {@code marts.org_trend}): the {@link #WEEKS} calendar
 * weeks before the run date's week. A series is fitted on its non-null values in the window, with x
 * = (week_start - {@link #firstWeekStart()}) / 7, and only when there are at least {@link
 * #MIN_POINTS} of them.
 *
 * @param runWeekStart the Monday of the run date's week, which is itself not in the window
 */
public record TrendWindow(LocalDate runWeekStart) {

  /** Calendar weeks in the window. */
  public static final int WEEKS = 12;

  /** The fewest non-null weekly values that make a trend. */
  public static final int MIN_POINTS = 6;

  /**
   * @throws IllegalArgumentException if runWeekStart is not a Monday
   */
  public TrendWindow {
    requireWeekStart(runWeekStart, "run week");
  }

  /** week_start of the window's first week, where x = 0. */
  public LocalDate firstWeekStart() {
    return runWeekStart.minusWeeks(WEEKS);
  }

  /** week_start of the window's last week, the week before the run date's. */
  public LocalDate lastWeekStart() {
    return runWeekStart.minusWeeks(1);
  }

  /**
   * Fits the trend of one org's metric.
   *
   * @param valueByWeekStart the metric by week_start; values may be null; weeks outside the window
   *     are ignored
   * @return the trend, or empty with fewer than {@link #MIN_POINTS} non-null values in the window
   * @throws IllegalArgumentException if a key is not a Monday or a value is not finite
   */
  public Optional<WeeklyTrend> fit(Map<LocalDate, Double> valueByWeekStart) {
    valueByWeekStart.keySet().forEach(week -> requireWeekStart(week, "series week"));
    double[] x = new double[WEEKS];
    double[] y = new double[WEEKS];
    int n = 0;
    for (int week = 0; week < WEEKS; week++) {
      Double value = valueByWeekStart.get(firstWeekStart().plusWeeks(week));
      if (value != null) {
        x[n] = week;
        y[n] = value;
        n++;
      }
    }
    if (n < MIN_POINTS) {
      return Optional.empty();
    }
    LinearTrend line = LinearTrend.fit(Arrays.copyOf(x, n), Arrays.copyOf(y, n));
    double lastX = x[n - 1];
    return Optional.of(new WeeklyTrend(line, firstWeekStart().plusWeeks((long) lastX), lastX));
  }

  private static void requireWeekStart(LocalDate date, String what) {
    if (date.getDayOfWeek() != DayOfWeek.MONDAY) {
      throw new IllegalArgumentException(
          String.format(
              "Cannot use %s %s as a week start: it is a %s, not a Monday",
              what, date, date.getDayOfWeek()));
    }
  }
}
