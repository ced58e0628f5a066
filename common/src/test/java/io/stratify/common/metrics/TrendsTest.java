package io.stratify.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendsTest {

  /** Run date Wed 2026-04-01: its week starts 03-30; the window is the 12 weeks from 01-05. */
  static final LocalDate RUN = LocalDate.of(2026, 4, 1);

  static final LocalDate FIRST = LocalDate.of(2026, 1, 5);

  static Map<LocalDate, Double> series(double intercept, double slope) {
    Map<LocalDate, Double> s = new HashMap<>();
    for (int x = 0; x < 12; x++) {
      s.put(FIRST.plusWeeks(x), intercept + slope * x);
    }
    return s;
  }

  static MetricRow only(List<MetricRow> rows, String metric) {
    return rows.stream().filter(r -> r.get("metric").equals(metric)).findFirst().orElseThrow();
  }

  @Test
  void aRisingSupportabilityRatioGetsItsBoundaryDate() {
    Map<LocalDate, Double> ratio = series(0.5, 0.03);
    ratio.put(LocalDate.of(2026, 3, 30), 9.0); // the run date's own week: outside the window
    ratio.put(FIRST.minusWeeks(1), 9.0); // before the window
    MetricRow r =
        only(
            Trends.org("acme", RUN, Map.of("supportability_ratio", ratio)), "supportability_ratio");
    assertThat(r.get("n_points")).isEqualTo(12);
    assertThat((Double) r.get("slope_per_week")).isCloseTo(0.03, within(1e-12));
    assertThat((Double) r.get("intercept")).isCloseTo(0.5, within(1e-12));
    assertThat((Double) r.get("r_squared")).isCloseTo(1.0, within(1e-12));
    assertThat(r.get("p_value")).as("a perfect line").isEqualTo(0.0);
    assertThat(r.get("direction")).isEqualTo("worsening");
    // fitted at x = 11: 0.83; (1 - 0.83) / 0.03 = 5.67 weeks -> 6 weeks after 03-23
    assertThat((Double) r.get("weeks_to_boundary")).isCloseTo(0.17 / 0.03, within(1e-9));
    assertThat(r.get("boundary_eta")).isEqualTo(LocalDate.of(2026, 3, 23).plusWeeks(6));
    assertThat(r.get("as_of_date")).isEqualTo(RUN);
  }

  @Test
  void aFlatSeriesIsStableWithoutStatistics() {
    MetricRow r = only(Trends.org("acme", RUN, Map.of("incidents", series(3, 0))), "incidents");
    assertThat(r.get("slope_per_week")).isEqualTo(0.0);
    assertThat(r.get("intercept")).isEqualTo(3.0);
    assertThat(r.get("r_squared")).isNull();
    assertThat(r.get("p_value")).isNull();
    assertThat(r.get("slope_ci95_low")).isNull();
    assertThat(r.get("direction")).isEqualTo("stable");
    assertThat(r.get("weeks_to_boundary")).as("only supportability_ratio has a boundary").isNull();
  }

  @Test
  void fewerThanSixValuesGiveNoRowAndOnlyTrendedMetricsAppear() {
    Map<LocalDate, Double> sparse = new HashMap<>();
    for (int x = 0; x < 12; x++) {
      sparse.put(FIRST.plusWeeks(x), x < 5 ? (double) x : null);
    }
    List<MetricRow> rows =
        Trends.org("acme", RUN, Map.of("mttr_p50_min", sparse, "pilot_deployments", series(1, 1)));
    assertThat(rows).isEmpty();
  }

  @Test
  void aFallingRatioHasNoBoundary() {
    MetricRow r =
        only(
            Trends.org("acme", RUN, Map.of("supportability_ratio", series(0.9, -0.02))),
            "supportability_ratio");
    assertThat(r.get("direction")).isEqualTo("improving");
    assertThat(r.get("weeks_to_boundary")).isNull();
    assertThat(r.get("boundary_eta")).isNull();
  }
}
