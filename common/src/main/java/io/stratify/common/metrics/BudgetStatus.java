package io.stratify.common.metrics;

import io.stratify.common.contract.MartTables;
import io.stratify.common.metrics.OrgHistory.Budget;
import io.stratify.common.metrics.OrgHistory.Usage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** marts.budget_status for one org and one run date, as METRICS.md defines it. Pure. */
public final class BudgetStatus {

  private static final int AVERAGE_DAYS = 28;

  private BudgetStatus() {}

  public static List<MetricRow> compute(OrgHistory h, LocalDate asOf) {
    List<MetricRow> rows = new ArrayList<>();
    if (h.org().first().isEmpty()) {
      return rows;
    }
    List<Versioned<Budget>> valid =
        h.budgets().versions().stream()
            .filter(v -> v.validOn(asOf))
            .sorted(Comparator.comparing(v -> v.value().budgetId()))
            .toList();
    for (Versioned<Budget> v : valid) {
      Budget b = v.value();
      List<Usage> inScope =
          h.usage().stream()
              .filter(
                  u ->
                      "org".equals(b.scope()) || Objects.equals(u.deploymentId(), b.deploymentId()))
              .toList();
      LocalDate spentUntil = asOf.isBefore(b.periodEnd()) ? asOf : b.periodEnd();
      BigDecimal spent = sum(inScope, b.periodStart(), spentUntil);
      BigDecimal last28 = sum(inScope, asOf.minusDays(AVERAGE_DAYS - 1), asOf);
      long periodDays = ChronoUnit.DAYS.between(b.periodStart(), b.periodEnd()) + 1;
      long elapsedDays =
          Math.max(0, Math.min(periodDays, ChronoUnit.DAYS.between(b.periodStart(), asOf) + 1));
      double elapsed = (double) elapsedDays / periodDays;
      boolean exhausted = spent.compareTo(b.amountUsd()) >= 0;
      LocalDate projected;
      if (exhausted) {
        projected = asOf;
      } else if (last28.signum() == 0) {
        projected = null;
      } else {
        // (amount - spent) / (last28 / 28), rounded up to whole days, in exact arithmetic.
        BigDecimal days =
            b.amountUsd()
                .subtract(spent)
                .multiply(BigDecimal.valueOf(AVERAGE_DAYS))
                .divide(last28, 0, RoundingMode.CEILING);
        projected = asOf.plusDays(days.longValueExact());
      }
      String status =
          exhausted
              ? "exhausted"
              : projected != null && !projected.isAfter(b.periodEnd()) ? "at_risk" : "on_track";
      rows.add(
          new MetricRow(MartTables.BUDGET_STATUS)
              .set("as_of_date", asOf)
              .set("org_id", h.orgId())
              .set("budget_id", b.budgetId())
              .set("scope", b.scope())
              .set("deployment_id", b.deploymentId())
              .set("period_start", b.periodStart())
              .set("period_end", b.periodEnd())
              .set("amount_usd", b.amountUsd())
              .set("spent_usd", spent)
              .set("elapsed_fraction", elapsed)
              .set(
                  "burn_ratio",
                  elapsedDays == 0
                      ? null
                      : spent.divide(b.amountUsd(), MathContext.DECIMAL64).doubleValue() / elapsed)
              .set(
                  "avg_daily_spend_28d",
                  last28
                      .divide(BigDecimal.valueOf(AVERAGE_DAYS), MathContext.DECIMAL64)
                      .doubleValue())
              .set("projected_exhaustion_date", projected)
              .set("status", status));
    }
    return rows;
  }

  private static BigDecimal sum(List<Usage> usage, LocalDate from, LocalDate to) {
    BigDecimal total = BigDecimal.ZERO;
    for (Usage u : usage) {
      if (!u.usageDate().isBefore(from) && !u.usageDate().isAfter(to)) {
        total = total.add(u.costUsd());
      }
    }
    return total;
  }
}
