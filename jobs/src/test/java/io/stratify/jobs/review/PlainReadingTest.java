package io.stratify.jobs.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.stats.TrendWindow;
import io.stratify.jobs.review.OperatingReview.Trend;
import io.stratify.jobs.review.OperatingReview.Week;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NoValue (why a figure is missing) and PlainWords (what a figure means), without Spark. */
class PlainReadingTest {

  static final LocalDate MONDAY = LocalDate.of(2026, 4, 20);

  static Week week(
      LocalDate weekStart, int oncall, int incidents, Double topShare, Map<String, Double> values) {
    return new Week(
        weekStart,
        true,
        3,
        oncall,
        6,
        6.0 * oncall,
        values.get("supportability_ratio"),
        "within",
        incidents,
        0,
        values.get("unowned_incident_rate"),
        values.get("coordination_load_per_oncall"),
        values.get("avg_teams_per_incident"),
        values.get("incident_load_gini"),
        BigDecimal.ONE,
        0,
        1,
        topShare,
        BigDecimal.ZERO,
        values);
  }

  @Test
  void eachMissingValueGivesTheReasonOfItsDefinition() {
    Week noIncidents = week(MONDAY, 3, 0, null, Map.of());
    Week noOncall = week(MONDAY, 0, 4, 0.5, Map.of());
    Week oneTeam = week(MONDAY, 3, 4, 1.0, Map.of());

    assertThat(NoValue.weekly("unowned_incident_rate", noIncidents))
        .isEqualTo("no incidents this week");
    assertThat(NoValue.weekly("coordination_load_per_oncall", noOncall))
        .as("not 'no incidents': the org had 4, but nobody on call")
        .isEqualTo("no on-call engineers this week");
    assertThat(NoValue.weekly("supportability_ratio", noOncall))
        .isEqualTo("no on-call engineers, so no capacity to compare with");
    assertThat(NoValue.weekly("mttr_p50_min", noOncall))
        .isEqualTo("none of the week's 4 incidents is resolved yet");
    assertThat(NoValue.weekly("mtta_p50_min", noIncidents)).isEqualTo("no incidents this week");
    assertThat(NoValue.weekly("incident_load_gini", noIncidents))
        .isEqualTo("no incidents on team-owned deployments in this week and the 3 before");
    assertThat(NoValue.weekly("incident_load_gini", oneTeam))
        .isEqualTo("fewer than 2 teams own production deployments: nothing to compare");
    assertThat(NoValue.weekly("change_failure_rate", oneTeam))
        .isEqualTo("no changes deployed this week");
  }

  @Test
  void aMissingTrendCountsTheWindowsPoints() {
    TrendWindow window = new TrendWindow(MONDAY);
    List<Week> weeks = new ArrayList<>();
    for (int i = 12; i >= 1; i--) {
      Map<String, Double> values = new HashMap<>();
      // a value in 4 of the 12 weeks: the others had no incidents
      values.put("unowned_incident_rate", i % 3 == 0 ? 0.25 : null);
      weeks.add(week(MONDAY.minusWeeks(i), 3, i % 3 == 0 ? 2 : 0, null, values));
    }

    assertThat(NoValue.trend("unowned_incident_rate", weeks, window))
        .isEqualTo(
            "too few weeks for a trend: 4 of the 12 weeks from "
                + MONDAY.minusWeeks(12)
                + " have a value (6 needed)");
  }

  @Test
  void aMissingScoreSaysWhetherConsentCohortOrMeasuresAreLacking() {
    assertThat(NoValue.score(false, false, 0)).isEqualTo("not benchmarked: no consent");
    assertThat(NoValue.score(true, false, 0)).isEqualTo("no published cohort this week");
    assertThat(NoValue.score(true, true, 3))
        .isEqualTo("only 3 of its 6 measures have a percentile this week (4 needed)");
  }

  @Test
  void statisticalFiguresReadInPlainWords() {
    Trend rising =
        new Trend("supportability_ratio", 12, 0.03, 0.5, 0.93, 0.0123, "worsening", 3.0, null);
    Trend noisy = new Trend("incident_load_gini", 12, -0.01, 0.5, 0.12, 0.31, "stable", null, null);
    Trend flat = new Trend("incident_load_gini", 12, 0, 0.5, null, null, "stable", null, null);

    assertThat(PlainWords.trend(rising, true))
        .isEqualTo(
            "Rising steadily, getting worse: too regular to be chance (p = 0.012); the line"
                + " explains 93% of the week-to-week movement (R\u00b2 0.93).");
    assertThat(PlainWords.trend(noisy, true))
        .isEqualTo(
            "No clear trend: the ups and downs are within normal week-to-week variation"
                + " (p = 0.310); the line explains 12% of the week-to-week movement (R\u00b2 0.12).");
    assertThat(PlainWords.trend(flat, true))
        .isEqualTo("Flat: the same value every week of the window.");
    assertThat(PlainWords.gini(0.45, 0.62))
        .isEqualTo(
            "Incidents fall mostly on a few teams: the busiest took 62% of those of the last 4"
                + " weeks.");
    assertThat(PlainWords.gini(0.1, 0.3)).startsWith("Incidents are spread fairly evenly");
    assertThat(PlainWords.percentile(70.0)).isEqualTo("ahead of 70% of peers");
    assertThat(PlainWords.percentile(100.0)).isEqualTo("best among peers");
    assertThat(PlainWords.percentile(0.0)).isEqualTo("behind every peer");
    assertThat(PlainWords.ratio(1.44))
        .isEqualTo(
            "deployed AI needs 144% of what on-call can carry: 44% more than it can support");
    assertThat(PlainWords.ratio(0.93)).isEqualTo("deployed AI needs 93% of what on-call can carry");
    assertThat(PlainWords.pace(1.35)).isEqualTo("spending 1.35\u00d7 as fast as the budget allows");
  }
}
