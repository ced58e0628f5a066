package io.stratify.common.stats;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a rising {@code supportability_ratio} trend reaches the sustainable boundary 1.0
 * (METRICS.md, {@code marts.org_trend}; significance is not required).
 *
 * @param weeksToBoundary (1 - fitted value at the last point) / slope, positive
 * @param eta week_start of the last point + 7 ceil(weeksToBoundary) days; null when that date is
 *     past 9999-12-31, the last date Spark SQL and Python can hold
 */
public record BoundaryForecast(double weeksToBoundary, LocalDate eta) {

  /** The supportability ratio at which ambition exceeds capacity. */
  public static final double BOUNDARY = 1.0;

  private static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

  /**
   * Forecasts the boundary crossing of a fitted supportability ratio trend.
   *
   * @param fit the trend
   * @param lastX x of the last point used in the fit
   * @param lastWeekStart week_start of that point
   * @return the forecast, or empty unless the slope is positive and the fitted value at lastX is
   *     below {@link #BOUNDARY}
   */
  public static Optional<BoundaryForecast> of(
      LinearTrend fit, double lastX, LocalDate lastWeekStart) {
    double fitted = fit.fittedAt(lastX);
    if (!(fit.slope() > 0 && fitted < BOUNDARY)) {
      return Optional.empty();
    }
    double weeks = (BOUNDARY - fitted) / fit.slope();
    double wholeWeeks = Math.ceil(weeks);
    long weeksLeft = ChronoUnit.DAYS.between(lastWeekStart, LAST_DATE) / 7;
    LocalDate eta = wholeWeeks <= weeksLeft ? lastWeekStart.plusWeeks((long) wholeWeeks) : null;
    return Optional.of(new BoundaryForecast(weeks, eta));
  }
}
