package io.stratify.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stratify.common.metrics.OrgHistory.Budget;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Run date 2026-03-20; usage every day from 03-01 to 03-20: d1 6.00 a day, d4 2.00 a day (so 8.00 a
 * day for the org, 160.00 in all; d4 40.00).
 */
class BudgetStatusTest {

  static final LocalDate RUN = LocalDate.of(2026, 3, 20);
  static Map<String, MetricRow> rows;

  static Budget budget(
      String id, String scope, String deployment, String start, String end, String amount) {
    return new Budget(
        id,
        scope,
        deployment,
        LocalDate.parse(start),
        LocalDate.parse(end),
        new BigDecimal(amount));
  }

  @BeforeAll
  static void compute() {
    OrgHistoryBuilder b = new OrgHistoryBuilder("acme").org("UTC", null, "2026-03-01", null);
    b.budget(
        budget("b0", "org", null, "2026-03-01", "2026-03-31", "999"), "2026-03-01", "2026-03-09");
    b.budget(budget("b1", "org", null, "2026-03-01", "2026-03-31", "100"), "2026-03-01", null);
    b.budget(
        budget("b2", "deployment", "d4", "2026-03-01", "2026-04-30", "50"), "2026-03-01", null);
    b.budget(budget("b3", "org", null, "2026-04-01", "2026-04-30", "1000"), "2026-03-09", null);
    b.budget(
        budget("b4", "deployment", "d9", "2026-03-01", "2026-03-31", "10"), "2026-03-01", null);
    for (LocalDate day = LocalDate.of(2026, 3, 1); !day.isAfter(RUN); day = day.plusDays(1)) {
      b.usage(day.toString(), "d1", "m", "standard", 10, 1, 1, 0, "6.00", null);
      b.usage(day.toString(), "d4", "m", "standard", 10, 1, 1, 0, "2.00", null);
    }
    b.usage("2026-03-21", "d4", "m", "standard", 10, 1, 1, 0, "500.00", null);
    rows =
        BudgetStatus.compute(b.build(), RUN).stream()
            .collect(Collectors.toMap(r -> (String) r.get("budget_id"), Function.identity()));
  }

  @Test
  void onlyVersionsValidOnTheRunDate() {
    assertThat(rows).containsOnlyKeys("b1", "b2", "b3", "b4");
  }

  @Test
  void anExhaustedOrgBudget() {
    MetricRow b1 = rows.get("b1");
    assertThat((BigDecimal) b1.get("spent_usd")).isEqualByComparingTo("160");
    assertThat((Double) b1.get("elapsed_fraction")).isCloseTo(20.0 / 31, within(1e-12));
    assertThat((Double) b1.get("burn_ratio")).isCloseTo(1.6 / (20.0 / 31), within(1e-12));
    assertThat((Double) b1.get("avg_daily_spend_28d")).isCloseTo(160.0 / 28, within(1e-12));
    assertThat(b1.get("projected_exhaustion_date")).isEqualTo(RUN);
    assertThat(b1.get("status")).isEqualTo("exhausted");
  }

  @Test
  void anAtRiskDeploymentBudget() {
    MetricRow b2 = rows.get("b2");
    assertThat((BigDecimal) b2.get("spent_usd"))
        .as("d4 only; 03-21 is after the run date")
        .isEqualByComparingTo("40");
    assertThat((Double) b2.get("avg_daily_spend_28d")).isCloseTo(40.0 / 28, within(1e-12));
    assertThat(b2.get("projected_exhaustion_date"))
        .as("10 left / (40 / 28) a day = 7 days")
        .isEqualTo(LocalDate.of(2026, 3, 27));
    assertThat(b2.get("status")).isEqualTo("at_risk");
    assertThat((Double) b2.get("burn_ratio")).isCloseTo(0.8 / (20.0 / 61), within(1e-12));
  }

  @Test
  void aBudgetWhosePeriodHasNotStarted() {
    MetricRow b3 = rows.get("b3");
    assertThat((BigDecimal) b3.get("spent_usd")).isEqualByComparingTo("0");
    assertThat(b3.get("elapsed_fraction")).isEqualTo(0.0);
    assertThat(b3.get("burn_ratio")).isNull();
    assertThat(b3.get("projected_exhaustion_date"))
        .as("ceil(1000 x 28 / 160) = 175 days")
        .isEqualTo(RUN.plusDays(175));
    assertThat(b3.get("status")).isEqualTo("on_track");
  }

  @Test
  void noRecentSpendMeansNoProjection() {
    MetricRow b4 = rows.get("b4");
    assertThat(b4.get("projected_exhaustion_date")).isNull();
    assertThat(b4.get("status")).isEqualTo("on_track");
    assertThat(b4.get("avg_daily_spend_28d")).isEqualTo(0.0);
  }
}
