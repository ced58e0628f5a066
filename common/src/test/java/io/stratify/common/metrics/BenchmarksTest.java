package io.stratify.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stratify.common.stats.MinCohortSize;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchmarksTest {

  static final LocalDate WEEK = LocalDate.of(2026, 3, 2);
  static final MinCohortSize K = MinCohortSize.DEFAULT;

  static Benchmarks.OrgWeek org(
      String id, String industry, String size, boolean consent, Double ratio) {
    Map<String, Double> values = new HashMap<>();
    values.put("supportability_ratio", ratio);
    return new Benchmarks.OrgWeek(id, WEEK, industry, size, consent, values);
  }

  /**
   * Six consenting banks (a tie at 0.4), two consenting retailers, one bank that does not consent.
   */
  static List<Benchmarks.OrgWeek> orgs() {
    return new ArrayList<>(
        List.of(
            org("b1", "banking", "L", true, 0.2),
            org("b2", "banking", "L", true, 0.4),
            org("b3", "banking", "L", true, 0.4),
            org("b4", "banking", "L", true, 0.6),
            org("b5", "banking", "L", true, 0.8),
            org("b6", "banking", "L", true, 1.0),
            org("r1", "retail", "M", true, 0.5),
            org("r2", "retail", "M", true, 0.7),
            org("secret", "banking", "L", false, 5.0)));
  }

  static Optional<MetricRow> cohort(Benchmarks.Result r, String industry, String metric) {
    return r.cohortRows().stream()
        .filter(c -> c.get("industry").equals(industry) && c.get("metric").equals(metric))
        .findFirst();
  }

  static Optional<MetricRow> orgRow(Benchmarks.Result r, String org, String metric) {
    return r.orgRows().stream()
        .filter(c -> c.get("org_id").equals(org) && c.get("metric").equals(metric))
        .findFirst();
  }

  @Test
  void aPublishedCohortsPercentilesInterpolateLinearly() {
    MetricRow banks =
        cohort(Benchmarks.week(WEEK, orgs(), K), "banking", "supportability_ratio").orElseThrow();
    assertThat(banks.get("n_orgs")).isEqualTo(6);
    // sorted 0.2 0.4 0.4 0.6 0.8 1.0; position p x 5
    assertThat((Double) banks.get("p25")).isCloseTo(0.4, within(1e-12));
    assertThat((Double) banks.get("p50")).isCloseTo(0.5, within(1e-12));
    assertThat((Double) banks.get("p75")).isCloseTo(0.75, within(1e-12));
    assertThat((Double) banks.get("p90")).isCloseTo(0.9, within(1e-12));
  }

  @Test
  void percentRanksGiveTiesTheSameRankAndTheBestValue100() {
    Benchmarks.Result r = Benchmarks.week(WEEK, orgs(), K);
    assertThat((Double) orgRow(r, "b2", "supportability_ratio").orElseThrow().get("percentile"))
        .as("3 banks are strictly worse: 100 x 3 / 5")
        .isEqualTo(60.0);
    assertThat(orgRow(r, "b3", "supportability_ratio").orElseThrow().get("percentile"))
        .isEqualTo(60.0);
    assertThat(orgRow(r, "b1", "supportability_ratio").orElseThrow().get("percentile"))
        .isEqualTo(100.0);
    assertThat(orgRow(r, "b6", "supportability_ratio").orElseThrow().get("percentile"))
        .isEqualTo(0.0);
  }

  @Test
  void anUnpublishedOwnCohortFallsBackToAllOrgs() {
    Benchmarks.Result r = Benchmarks.week(WEEK, orgs(), K);
    assertThat(cohort(r, "retail", "supportability_ratio")).as("2 retailers < k").isEmpty();
    MetricRow r1 = orgRow(r, "r1", "supportability_ratio").orElseThrow();
    assertThat(r1.get("cohort_industry")).isEqualTo("*");
    assertThat(r1.get("cohort_size_band")).isEqualTo("*");
    // all 8 consenting: 0.2 0.4 0.4 0.5 0.6 0.7 0.8 1.0
    assertThat((Double) r1.get("cohort_p50")).isCloseTo(0.55, within(1e-12));
    assertThat((Double) r1.get("percentile")).isCloseTo(100.0 * 4 / 7, within(1e-9));
    MetricRow b2 = orgRow(r, "b2", "supportability_ratio").orElseThrow();
    assertThat(b2.get("cohort_industry")).as("own cohort published").isEqualTo("banking");
    assertThat((Double) b2.get("cohort_p50")).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void nonConsentingOrgsNeitherContributeNorReceive() {
    Benchmarks.Result r = Benchmarks.week(WEEK, orgs(), K);
    assertThat(r.orgRows()).noneMatch(o -> o.get("org_id").equals("secret"));
    assertThat(cohort(r, "*", "supportability_ratio").orElseThrow().get("n_orgs")).isEqualTo(8);
    List<Benchmarks.OrgWeek> changed = orgs();
    changed.set(8, org("secret", "banking", "L", false, 0.0));
    assertThat(Benchmarks.week(WEEK, changed, K).cohortRows().toString())
        .as("the non-consenting org's value cannot be read off any published row")
        .isEqualTo(r.cohortRows().toString());
  }

  @Test
  void aCohortOfExactlyKPublishesAndKMinusOneDoesNot() {
    List<Benchmarks.OrgWeek> five = new ArrayList<>(orgs().subList(0, 5));
    assertThat(cohort(Benchmarks.week(WEEK, five, K), "banking", "supportability_ratio"))
        .map(c -> c.get("n_orgs"))
        .contains(5);
    List<Benchmarks.OrgWeek> withdrawn = new ArrayList<>(five);
    withdrawn.set(4, org("b5", "banking", "L", false, 0.8));
    Benchmarks.Result r = Benchmarks.week(WEEK, withdrawn, K);
    assertThat(r.cohortRows()).as("4 participants: nothing published, not even all-orgs").isEmpty();
    assertThat(r.orgRows())
        .as("only the supportability_score rows, with no value")
        .allMatch(o -> o.get("metric").equals("supportability_score") && o.get("value") == null);
    assertThat(r.orgRows())
        .extracting(o -> o.get("org_id"))
        .containsExactly("b1", "b2", "b3", "b4");
  }

  @Test
  void aNullMetricMakesAnOrgNoParticipant() {
    List<Benchmarks.OrgWeek> list = orgs();
    list.set(0, org("b1", "banking", "L", true, null));
    Benchmarks.Result r = Benchmarks.week(WEEK, list, K);
    assertThat(cohort(r, "banking", "supportability_ratio").orElseThrow().get("n_orgs"))
        .isEqualTo(5);
    assertThat(orgRow(r, "b1", "supportability_ratio")).isEmpty();
    assertThat(orgRow(r, "b1", "supportability_score")).isPresent();
  }

  @Test
  void supportabilityScoreIsTheMeanOfAtLeastFourOfTheSixPercentiles() {
    List<Benchmarks.OrgWeek> list = new ArrayList<>();
    String[] six = {
      "unowned_incident_rate", "avg_teams_per_incident", "coordination_load_per_oncall",
      "incident_load_gini", "supportability_ratio", "mttr_p50_min"
    };
    for (int i = 0; i < 5; i++) {
      Map<String, Double> values = new HashMap<>();
      for (int m = 0; m < six.length; m++) {
        // org i has value i for the first four metrics; org 0 alone lacks the last two
        values.put(six[m], m < 4 || i > 0 ? (double) i : null);
      }
      list.add(new Benchmarks.OrgWeek("o" + i, WEEK, "x", "S", true, values));
    }
    Benchmarks.Result r = Benchmarks.week(WEEK, list, K);
    // o0 is best (lowest) in the four published metrics: percentile 100 each; the two others
    // have only 4 participants and are not published.
    assertThat((Double) orgRow(r, "o0", "supportability_score").orElseThrow().get("value"))
        .isEqualTo(100.0);
    assertThat((Double) orgRow(r, "o4", "supportability_score").orElseThrow().get("value"))
        .isEqualTo(0.0);
    assertThat((Double) orgRow(r, "o2", "supportability_score").orElseThrow().get("value"))
        .isEqualTo(50.0);
    list.forEach(o -> o.values().put("incident_load_gini", null));
    assertThat(
            orgRow(Benchmarks.week(WEEK, list, K), "o2", "supportability_score")
                .orElseThrow()
                .get("value"))
        .as("only 3 of the six metrics left")
        .isNull();
  }

  @Test
  void noPublishedRowComesFromFewerThanKOrgs() {
    for (int k = 5; k <= 7; k++) {
      Benchmarks.Result r = Benchmarks.week(WEEK, orgs(), MinCohortSize.of(k));
      int min = k;
      assertThat(r.cohortRows()).allMatch(c -> (Integer) c.get("n_orgs") >= min);
    }
  }
}
