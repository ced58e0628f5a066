package io.stratify.jobs.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stratify.common.config.StratifyConfig;
import io.stratify.jobs.review.OperatingReview.Org;
import io.stratify.jobs.review.OperatingReview.Week;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ModelCostWhatIf and its section of the page, without Spark. */
class ModelCostWhatIfTest {

  static final LocalDate MONDAY = LocalDate.of(2026, 4, 20);

  private static Week week(LocalDate start, boolean complete, String frontier, double support) {
    return new Week(
        start,
        complete,
        3,
        2,
        6,
        12.0,
        0.5,
        "within",
        1,
        0,
        0.0,
        0.0,
        1.0,
        null,
        new BigDecimal("50"),
        1.0,
        support,
        null,
        new BigDecimal(frontier),
        Map.of());
  }

  /** Five complete weeks then the partial one: the last 4 complete weeks are averaged. */
  private static List<Week> history() {
    List<Week> weeks = new ArrayList<>();
    weeks.add(week(MONDAY.minusWeeks(5), true, "1000", 9999));
    weeks.add(week(MONDAY.minusWeeks(4), true, "100", 1000));
    weeks.add(week(MONDAY.minusWeeks(3), true, "200", 1000));
    weeks.add(week(MONDAY.minusWeeks(2), true, "300", 1000));
    weeks.add(week(MONDAY.minusWeeks(1), true, "400", 1000));
    return weeks;
  }

  @Test
  void theSavingIsTheLastFourCompleteWeeksFrontierCostAtTheStandardPrice() {
    ModelCostWhatIf m = ModelCostWhatIf.of(history(), 0.25);

    assertThat(m.weeks()).isEqualTo(4);
    assertThat(m.from()).isEqualTo(MONDAY.minusWeeks(4));
    assertThat(m.to()).isEqualTo(MONDAY.minusWeeks(1));
    // mean 250 a week x 52 / 12 = 1083.33 a month; 75% of it saved
    assertThat(m.monthlyLowCriticalityFrontierUsd()).isCloseTo(250 * 52 / 12.0, within(1e-9));
    assertThat(m.monthlySavingUsd()).isCloseTo(0.75 * 250 * 52 / 12.0, within(1e-9));
    assertThat(m.monthlyCostToSupportUsd()).isCloseTo(1000 * 52 / 12.0, within(1e-9));
    assertThat(m.savingShareOfCostToSupport()).isCloseTo(0.1875, within(1e-12));
    assertThat(ModelCostWhatIf.of(history(), 1.0).monthlySavingUsd())
        .as("same price: no saving")
        .isZero();
    assertThat(ModelCostWhatIf.of(List.of(week(MONDAY, false, "5", 5)), 0.25))
        .as("no complete week")
        .isNull();
  }

  @Test
  void thePageShowsTheSavingNextToTheCostToSupportAndTheSetting() {
    RecordedSettings settings =
        RecordedSettings.of(
            "v1",
            Map.of(),
            StratifyConfig.defaults().with("review.standard-tier-price-ratio", "0.2"));
    List<Week> weeks = history();
    OperatingReview review =
        new OperatingReview(
            new Org("o1", "Org One", "retail", "M", true),
            MONDAY.plusDays(2),
            MONDAY.minusWeeks(1),
            weeks,
            Map.of(),
            List.of(),
            null,
            List.of(),
            List.of(),
            settings,
            null);

    String page = ReviewPage.render(review);

    // 250 a week = $1,083 a month; 80% saved = $867; cost to support $4,333; 867 / 4333 = 20%
    assertThat(page)
        .contains("would save about <strong>$867 a month</strong>, 20% of the cost to support.")
        .contains("<td class=\"num\">$1,083 a month</td>")
        .contains("at 20% of the price")
        .contains("<td class=\"num\">$4,333 a month</td>")
        .contains("review.standard-tier-price-ratio = 0.2 (current configuration)");
  }
}
