package io.stratify.common.stats;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A metric's trend over a {@link TrendWindow}: the fitted line and where its last point lies, which
 * the boundary forecast starts from.
 *
 * @param line the OLS fit over the window's non-null values
 * @param lastWeekStart week_start of the last point used
 * @param lastX x of that point (weeks since the window's first week)
 */
public record WeeklyTrend(LinearTrend line, LocalDate lastWeekStart, double lastX) {

  /** The {@code direction} column. */
  public TrendDirection direction() {
    return line.direction();
  }

  /**
   * The {@code weeks_to_boundary} and {@code boundary_eta} columns, for {@code
   * supportability_ratio} only: see {@link BoundaryForecast#of}.
   */
  public Optional<BoundaryForecast> boundaryForecast() {
    return BoundaryForecast.of(line, lastX, lastWeekStart);
  }
}
