package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Map;

/**
 * Sets an org's budgets after its usage is known, so that as of the last day each lands where its
 * story wants it (METRICS.md budget_status): quarterly org budgets, monthly budgets for the
 * costliest deployment; on track unless the org is meant to be at risk (org budget of the current
 * quarter) or to have exhausted one (deployment budget of the current month). A budget appears in
 * the snapshots two weeks before its period starts; the current quarter's org budget of most orgs
 * is raised once mid-history.
 */
final class BudgetPlanner {

  private enum Target {
    ON_TRACK,
    AT_RISK,
    EXHAUSTED
  }

  private final OrgProfile org;
  private final GeneratorSettings settings;
  private final SeededRandom random;
  private final Map<LocalDate, Map<String, BigDecimal>> cost;
  final Timeline budgets = new Timeline(LandingDataset.BUDGETS);

  BudgetPlanner(
      OrgProfile org,
      GeneratorSettings settings,
      SeededRandom random,
      Map<LocalDate, Map<String, BigDecimal>> cost) {
    this.org = org;
    this.settings = settings;
    this.random = random;
    this.cost = cost;
  }

  void plan() {
    if (org.has(OrgProfile.Feature.NO_BUDGETS)) {
      return;
    }
    LocalDate end = settings.end();
    for (LocalDate q = quarterStart(settings.start()); !q.isAfter(end); q = q.plusMonths(3)) {
      LocalDate periodEnd = q.plusMonths(3).minusDays(1);
      boolean current = !q.isAfter(end) && !periodEnd.isBefore(end);
      Target target =
          current && org.has(OrgProfile.Feature.BUDGET_AT_RISK) ? Target.AT_RISK : Target.ON_TRACK;
      String id =
          String.format(Locale.ROOT, "%d-Q%d-ORG", q.getYear(), q.get(IsoFields.QUARTER_OF_YEAR));
      add(id, null, q, periodEnd, target, current && target == Target.ON_TRACK);
    }
    if (org.has(OrgProfile.Feature.DEPLOYMENT_BUDGETS)) {
      String costliest = costliestDeployment();
      if (costliest == null) {
        return;
      }
      LocalDate firstUse = firstUse(costliest);
      for (LocalDate m = firstUse.withDayOfMonth(1); !m.isAfter(end); m = m.plusMonths(1)) {
        LocalDate periodEnd = m.plusMonths(1).minusDays(1);
        boolean current = !periodEnd.isBefore(end);
        Target target =
            current && org.has(OrgProfile.Feature.BUDGET_EXHAUSTED)
                ? Target.EXHAUSTED
                : Target.ON_TRACK;
        String id =
            String.format(
                Locale.ROOT,
                "%d-%02d-%s",
                m.getYear(),
                m.getMonthValue(),
                costliest.replaceAll(".*/", "").toUpperCase(Locale.ROOT));
        add(id, costliest, m, periodEnd, target, false);
      }
    }
  }

  private void add(
      String id,
      String deployment,
      LocalDate start,
      LocalDate end,
      Target target,
      boolean raisedLater) {
    BigDecimal amount = amount(deployment, start, end, target);
    LocalDate visible = start.minusDays(14);
    if (visible.isBefore(settings.start())) {
      visible = settings.start();
    }
    Map<String, Object> row = budgets.blankRow();
    row.put("org_id", org.orgId());
    row.put("budget_id", id);
    row.put("scope", deployment == null ? "org" : "deployment");
    row.put("deployment_id", deployment);
    row.put("period_start", start);
    row.put("period_end", end);
    LocalDate raise = visible.plusDays(7L * random.between(2, 5));
    if (raisedLater && raise.isBefore(settings.end().minusDays(7))) {
      row.put(
          "amount_usd",
          amount
              .multiply(new BigDecimal("0.8"))
              .setScale(-2, RoundingMode.DOWN)
              .setScale(2, RoundingMode.UNNECESSARY));
      budgets.put(id, visible, row);
      row.put("amount_usd", amount);
      budgets.put(id, raise, row);
    } else {
      row.put("amount_usd", amount);
      budgets.put(id, visible, row);
    }
  }

  /** An amount that gives {@code target} as of the last day, with the usage as simulated. */
  private BigDecimal amount(String deployment, LocalDate start, LocalDate end, Target target) {
    LocalDate asOf = settings.end();
    LocalDate spentTo = end.isBefore(asOf) ? end : asOf;
    double spent = spend(deployment, start, spentTo);
    double daily = spend(deployment, asOf.minusDays(27), asOf) / 28;
    long remaining = Math.max(0, ChronoUnit.DAYS.between(asOf, end));
    double amount =
        switch (target) {
          case AT_RISK -> roundTo(spent + daily * remaining * 0.6, 10);
          case EXHAUSTED -> Math.max(10, Math.floor(spent * 0.85 / 10) * 10);
          case ON_TRACK ->
              Math.max(
                  500,
                  Math.ceil((spent + daily * remaining) * random.uniform(1.3, 1.6) / 100) * 100);
        };
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
  }

  private static double roundTo(double value, int step) {
    return Math.round(value / step) * (double) step;
  }

  /** Usage cost in scope (the whole org when {@code deployment} is null) over [from, to]. */
  private double spend(String deployment, LocalDate from, LocalDate to) {
    double total = 0;
    for (Map.Entry<LocalDate, Map<String, BigDecimal>> day : cost.entrySet()) {
      if (day.getKey().isBefore(from) || day.getKey().isAfter(to)) {
        continue;
      }
      for (Map.Entry<String, BigDecimal> e : day.getValue().entrySet()) {
        if (deployment == null || e.getKey().startsWith(deployment + "\u0001")) {
          total += e.getValue().doubleValue();
        }
      }
    }
    return total;
  }

  private String costliestDeployment() {
    Map<String, Double> totals = new java.util.TreeMap<>();
    cost.values()
        .forEach(
            day ->
                day.forEach(
                    (key, value) ->
                        totals.merge(
                            key.substring(0, key.indexOf('\u0001')),
                            value.doubleValue(),
                            Double::sum)));
    return totals.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  private LocalDate firstUse(String deployment) {
    for (Map.Entry<LocalDate, Map<String, BigDecimal>> day : cost.entrySet()) {
      for (String key : day.getValue().keySet()) {
        if (key.startsWith(deployment + "\u0001")) {
          return day.getKey();
        }
      }
    }
    return settings.start();
  }

  private static LocalDate quarterStart(LocalDate day) {
    return LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
  }
}
