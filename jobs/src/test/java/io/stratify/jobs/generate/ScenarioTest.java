package io.stratify.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.contract.LandingDataset;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The stories the default sample tells, computed straight from the generated rows with METRICS.md's
 * definitions: supportability ratio per org and week, the benchmark cohort, budget status.
 */
class ScenarioTest {

  private static final GeneratorSettings SETTINGS = GeneratorSettings.defaults();

  /** ratio = sum of criticality weights of production deployments / (on-call people x 6). */
  private static Map<String, double[]> ratios() {
    GeneratedLanding landing = DefaultSample.landing();
    SnapshotHistory deployments = new SnapshotHistory(landing, LandingDataset.DEPLOYMENTS);
    SnapshotHistory people = new SnapshotHistory(landing, LandingDataset.PEOPLE);
    int stage = LandingDataset.DEPLOYMENTS.indexOf("lifecycle_stage");
    int criticality = LandingDataset.DEPLOYMENTS.indexOf("business_criticality");
    int onCall = LandingDataset.PEOPLE.indexOf("on_call");
    Map<String, double[]> ratios = new TreeMap<>();
    for (String org : deployments.orgs()) {
      double[] weekly = new double[SETTINGS.weeks()];
      for (int w = 0; w < SETTINGS.weeks(); w++) {
        LocalDate sunday = SETTINGS.monday(w).plusDays(6);
        int ambition = 0;
        for (Object[] d : deployments.at(org, sunday)) {
          if ("production".equals(d[stage])) {
            ambition += 5 - (Integer) d[criticality];
          }
        }
        long capacity =
            6 * people.at(org, sunday).stream().filter(p -> Boolean.TRUE.equals(p[onCall])).count();
        weekly[w] = capacity == 0 ? Double.POSITIVE_INFINITY : ambition / (double) capacity;
      }
      ratios.put(org, weekly);
    }
    return ratios;
  }

  private static String status(double ratio) {
    return ratio > 1.0 ? "exceeded" : ratio >= 0.8 ? "approaching" : "within";
  }

  @Test
  void lastWeekHasOrgsWithinApproachingAndPastTheBoundaryAsDocumented() {
    Map<String, double[]> ratios = ratios();
    int last = SETTINGS.weeks() - 1;
    Map<String, String> statuses = new TreeMap<>();
    ratios.forEach((org, weekly) -> statuses.put(org, status(weekly[last])));
    assertThat(statuses.values()).contains("exceeded", "approaching", "within");
    Map<String, String> intended =
        OrgProfiles.forSettings(SETTINGS).stream()
            .collect(
                Collectors.toMap(
                    OrgProfile::orgId, p -> p.scenario().finalStatus(), (a, b) -> a, TreeMap::new));
    assertThat(statuses).as("status at the last week per org").isEqualTo(intended);
  }

  @Test
  void scenariosHoldWeekByWeek() {
    Map<String, double[]> ratios = ratios();
    for (OrgProfile org : OrgProfiles.forSettings(SETTINGS)) {
      double[] weekly = ratios.get(org.orgId());
      String story = org.orgId() + " " + java.util.Arrays.toString(weekly);
      switch (org.scenario()) {
        case WITHIN ->
            assertThat(java.util.Arrays.stream(weekly).max().orElseThrow())
                .as(story)
                .isLessThan(0.8);
        case EXCEEDED ->
            assertThat(java.util.Arrays.stream(weekly).min().orElseThrow())
                .as(story)
                .isGreaterThan(1.0);
        case CROSSING -> {
          assertThat(weekly[0]).as(story).isLessThan(0.8);
          assertThat(weekly[weekly.length - 1]).as(story).isGreaterThan(1.0);
        }
        case APPROACHING -> assertThat(weekly[weekly.length - 1]).as(story).isBetween(0.8, 1.0);
      }
    }
  }

  @Test
  void approachingOrgsRiseClearlyOverTheLastTwelveWeeks() {
    Map<String, double[]> ratios = ratios();
    List<String> rising = new ArrayList<>();
    for (OrgProfile org : OrgProfiles.forSettings(SETTINGS)) {
      if (org.scenario() != OrgProfile.Scenario.APPROACHING
          || org.ratioEnd() - org.ratioStart() < 0.2) {
        continue;
      }
      double[] weekly = ratios.get(org.orgId());
      double[] window = java.util.Arrays.copyOfRange(weekly, weekly.length - 12, weekly.length);
      String story = org.orgId() + " " + java.util.Arrays.toString(window);
      assertThat(slope(window)).as(story).isGreaterThan(0.015);
      assertThat(window[11] - window[0]).as(story).isGreaterThan(0.15);
      assertThat(window[0]).as("starts the window within: " + story).isLessThan(0.8);
      rising.add(org.orgId());
    }
    assertThat(rising).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void sixConsentingOrgsShareACohortAndSomeDoNotConsent() {
    GeneratedLanding landing = DefaultSample.landing();
    SnapshotHistory orgs = new SnapshotHistory(landing, LandingDataset.ORGS);
    LandingDataset o = LandingDataset.ORGS;
    Map<String, Integer> consentingPerCohort = new TreeMap<>();
    int declining = 0;
    for (String org : orgs.orgs()) {
      Object[] row = orgs.at(org, SETTINGS.end()).get(0);
      if (Boolean.TRUE.equals(row[o.indexOf("benchmark_consent")])) {
        consentingPerCohort.merge(
            row[o.indexOf("industry")] + "/" + row[o.indexOf("size_band")], 1, Integer::sum);
      } else {
        declining++;
      }
    }
    assertThat(consentingPerCohort).containsEntry("financial services/L", 6);
    assertThat(declining).isPositive();
  }

  @Test
  void budgetsEndOnTrackExceptOneAtRiskAndOneExhausted() {
    GeneratedLanding landing = DefaultSample.landing();
    LandingDataset u = LandingDataset.INFERENCE_USAGE;
    Map<String, GeneratedLanding.Read> usage = new HashMap<>();
    for (GeneratedLanding.Read read : landing.accepted) {
      if (read.dataset() == u) {
        usage.put(read.key(), read);
      }
    }
    SnapshotHistory budgets = new SnapshotHistory(landing, LandingDataset.BUDGETS);
    LandingDataset b = LandingDataset.BUDGETS;
    LocalDate asOf = SETTINGS.end();
    Map<String, String> statuses = new TreeMap<>();
    for (String org : budgets.orgs()) {
      for (Object[] budget : budgets.at(org, asOf)) {
        LocalDate start = (LocalDate) budget[b.indexOf("period_start")];
        LocalDate end = (LocalDate) budget[b.indexOf("period_end")];
        String deployment = (String) budget[b.indexOf("deployment_id")];
        double amount = ((BigDecimal) budget[b.indexOf("amount_usd")]).doubleValue();
        double spent = 0;
        double last28 = 0;
        for (GeneratedLanding.Read r : usage.values()) {
          if (!org.equals(r.orgId())
              || (deployment != null && !deployment.equals(r.value("deployment_id")))) {
            continue;
          }
          LocalDate day = (LocalDate) r.value("usage_date");
          double cost = ((BigDecimal) r.value("cost_usd")).doubleValue();
          if (!day.isBefore(start) && !day.isAfter(end.isBefore(asOf) ? end : asOf)) {
            spent += cost;
          }
          if (!day.isBefore(asOf.minusDays(27)) && !day.isAfter(asOf)) {
            last28 += cost;
          }
        }
        double daily = last28 / 28;
        String status;
        if (spent >= amount) {
          status = "exhausted";
        } else if (daily > 0
            && !asOf.plusDays((long) Math.ceil((amount - spent) / daily)).isAfter(end)) {
          status = "at_risk";
        } else {
          status = "on_track";
        }
        statuses.put(org + " " + budget[b.indexOf("budget_id")], status);
      }
    }
    Map<String, Long> counts =
        statuses.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    assertThat(counts)
        .as(statuses.toString())
        .containsEntry("at_risk", 1L)
        .containsEntry("exhausted", 1L);
    assertThat(counts.get("on_track")).isGreaterThan(5);
    assertThat(statuses).containsEntry("harbor-mutual 2026-Q2-ORG", "at_risk");
    assertThat(statuses.entrySet())
        .anyMatch(
            e ->
                e.getKey().startsWith("verdant-retail 2026-04-")
                    && e.getValue().equals("exhausted"));
  }

  private static double slope(double[] y) {
    double n = y.length;
    double meanX = (n - 1) / 2;
    double meanY = java.util.Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < y.length; i++) {
      sxy += (i - meanX) * (y[i] - meanY);
      sxx += (i - meanX) * (i - meanX);
    }
    return sxy / sxx;
  }
}
