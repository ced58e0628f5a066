package io.stratify.jobs.review;

import io.stratify.jobs.review.OperatingReview.Week;
import java.time.LocalDate;
import java.util.List;

/**
 * The model-cost what-if: the monthly saving if the frontier-tier usage of low-criticality
 * deployments (org_weekly's low_criticality_frontier_cost_usd: business_criticality >= 3) moved to
 * the standard tier, priced at {@code review.standard-tier-price-ratio} of the frontier price, next
 * to the monthly cost to support. Monthly figures are the mean of the last complete weeks (up to 4,
 * ending with the page's week) x 52 / 12.
 *
 * @param weeks how many complete weeks were averaged
 * @param from the first of them
 * @param to the last of them (the page's week)
 * @param priceRatio the standard tier's price as a fraction of the frontier tier's
 * @param monthlyLowCriticalityFrontierUsd what that usage costs a month today
 * @param monthlySavingUsd monthlyLowCriticalityFrontierUsd x (1 - priceRatio)
 * @param monthlyCostToSupportUsd cost_to_support_usd a month
 */
public record ModelCostWhatIf(
    int weeks,
    LocalDate from,
    LocalDate to,
    double priceRatio,
    double monthlyLowCriticalityFrontierUsd,
    double monthlySavingUsd,
    double monthlyCostToSupportUsd) {

  /** Complete weeks averaged at most. */
  static final int BASIS_WEEKS = 4;

  static final double WEEKS_PER_MONTH = 52.0 / 12;

  /**
   * @param history org_weekly rows, oldest first, ending with the page's week
   * @return null when none of the weeks is complete
   */
  static ModelCostWhatIf of(List<Week> history, double priceRatio) {
    List<Week> complete = history.stream().filter(Week::weekComplete).toList();
    if (complete.isEmpty()) {
      return null;
    }
    List<Week> basis =
        complete.subList(Math.max(0, complete.size() - BASIS_WEEKS), complete.size());
    double frontier =
        basis.stream().mapToDouble(w -> w.lowCriticalityFrontierCostUsd().doubleValue()).sum()
            / basis.size()
            * WEEKS_PER_MONTH;
    double support =
        basis.stream().mapToDouble(Week::costToSupportUsd).sum() / basis.size() * WEEKS_PER_MONTH;
    return new ModelCostWhatIf(
        basis.size(),
        basis.get(0).weekStart(),
        basis.get(basis.size() - 1).weekStart(),
        priceRatio,
        frontier,
        frontier * (1 - priceRatio),
        support);
  }

  /** The saving as a share of the cost to support; null when that cost is 0. */
  public Double savingShareOfCostToSupport() {
    return monthlyCostToSupportUsd == 0 ? null : monthlySavingUsd / monthlyCostToSupportUsd;
  }
}
