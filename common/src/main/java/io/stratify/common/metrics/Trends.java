package io.stratify.common.metrics;

import io.stratify.common.contract.MartTables;
import io.stratify.common.stats.BoundaryForecast;
import io.stratify.common.stats.LinearTrend;
import io.stratify.common.stats.TrendWindow;
import io.stratify.common.stats.WeeklyTrend;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * marts.org_trend for one org and one run date (METRICS.md): each trended metric's least-squares
 * line over the 12 calendar weeks before the run date's week, and for supportability_ratio when it
 * will reach the boundary. Pure.
 */
public final class Trends {

  private static final String BOUNDARY_METRIC = "supportability_ratio";

  private Trends() {}

  /**
   * @param series metric -> week_start -> value (null or absent where unknown)
   */
  public static List<MetricRow> org(
      String orgId, LocalDate runDate, Map<String, Map<LocalDate, Double>> series) {
    TrendWindow window = new TrendWindow(Weeks.weekStart(runDate));
    List<MetricRow> rows = new ArrayList<>();
    for (String metric : MartTables.TREND_METRICS) {
      Optional<WeeklyTrend> fit = window.fit(series.getOrDefault(metric, Map.of()));
      if (fit.isEmpty()) {
        continue;
      }
      LinearTrend line = fit.get().line();
      Optional<BoundaryForecast> forecast =
          metric.equals(BOUNDARY_METRIC) ? fit.get().boundaryForecast() : Optional.empty();
      rows.add(
          new MetricRow(MartTables.ORG_TREND)
              .set("org_id", orgId)
              .set("metric", metric)
              .set("as_of_date", runDate)
              .set("n_points", line.n())
              .set("slope_per_week", line.slope())
              .set("intercept", line.intercept())
              .set("r_squared", line.rSquared())
              .set("p_value", line.pValue())
              .set("slope_ci95_low", line.slopeCi95Low())
              .set("slope_ci95_high", line.slopeCi95High())
              .set("direction", fit.get().direction().label())
              .set(
                  "weeks_to_boundary", forecast.map(BoundaryForecast::weeksToBoundary).orElse(null))
              .set("boundary_eta", forecast.map(BoundaryForecast::eta).orElse(null)));
    }
    return rows;
  }
}
