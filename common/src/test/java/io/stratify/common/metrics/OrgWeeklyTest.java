package io.stratify.common.metrics;

import static io.stratify.common.metrics.OrgHistoryBuilder.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stratify.common.config.MetricSettings;
import io.stratify.common.config.StratifyConfig;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One hand-built org, Acme (Europe/Berlin), run on 2026-03-31. Every expected value below was
 * worked out by hand from METRICS.md; the comments show the arithmetic.
 *
 * <pre>
 * teams   t1, t2, t3 from 03-02; reorg on 03-16: t3 dissolved, t4 created
 * people  p1 t1 on-call, p2 t1 on-call, p3 t2 on-call, p4 t3 off-call;
 *         from 03-16: p3 off-call, p4 moves to t4 and goes on-call
 * deploys d1 prod t1 crit1 units2 -> d2, provider openai, frontier, monitored+runbook+fallback
 *         d2 prod t2 crit2 units1 -> d3, anthropic, standard, monitored
 *         d3 pilot t3 crit3 units0 -> d1 (a cycle), no provider
 *         d4 prod no owner crit4 units5 -> "ghost" (unknown id), openai, frontier, monitored
 *         from 03-16 d2 is owned by t3 (the dissolved team)
 * </pre>
 */
class OrgWeeklyTest {

  static final LocalDate RUN = LocalDate.of(2026, 3, 31);
  static Map<LocalDate, MetricRow> weeks;
  static Map<String, MetricRow> deploymentWeeks;

  static OrgHistory acme() {
    OrgHistoryBuilder b = new OrgHistoryBuilder("acme");
    b.org("Europe/Berlin", "150", "2026-03-02", null);
    b.team("t1", "2026-03-02", null).team("t2", "2026-03-02", null);
    b.team("t3", "2026-03-02", "2026-03-16").team("t4", "2026-03-16", null);
    b.person("p1", "t1", true, "2026-03-02", null).person("p2", "t1", true, "2026-03-02", null);
    b.person("p3", "t2", true, "2026-03-02", "2026-03-16")
        .person("p3", "t2", false, "2026-03-16", null);
    b.person("p4", "t3", false, "2026-03-02", "2026-03-16")
        .person("p4", "t4", true, "2026-03-16", null);
    b.deployment(
        deployment(
            "d1", "t1", "production", 1, 2, List.of("d2"), "openai", "frontier", true, true, true),
        "2026-03-02",
        null);
    b.deployment(
        deployment(
            "d2",
            "t2",
            "production",
            2,
            1,
            List.of("d3"),
            "anthropic",
            "standard",
            true,
            false,
            false),
        "2026-03-02",
        "2026-03-16");
    b.deployment(
        deployment(
            "d2",
            "t3",
            "production",
            2,
            1,
            List.of("d3"),
            "anthropic",
            "standard",
            true,
            false,
            false),
        "2026-03-16",
        null);
    b.deployment(
        deployment("d3", "t3", "pilot", 3, 0, List.of("d1"), null, "small", false, false, false),
        "2026-03-02",
        null);
    b.deployment(
        deployment(
            "d4",
            null,
            "production",
            4,
            5,
            List.of("ghost"),
            "openai",
            "frontier",
            true,
            false,
            false),
        "2026-03-02",
        null);

    // Week of 03-02. i1: Mon 10:00 Berlin (business), ack 10 min, resolved 120 min.
    b.incident(
        "i1",
        "d1",
        null,
        1,
        "2026-03-02T09:00:00Z",
        "2026-03-02T09:10:00Z",
        "2026-03-02T11:00:00Z");
    b.event("i1", "e1", "2026-03-02T09:05:00Z", "assigned", "t1", "pa");
    b.event("i1", "e2", "2026-03-02T09:30:00Z", "escalated", "t2", "pb");
    b.event("i1", "e3", "2026-03-02T09:40:00Z", "responder_added", "t1", "pa");
    b.event("i1", "e4", "2026-03-02T11:00:00Z", "resolved", null, "pa");
    // i2: no deployment; Wed 22:30 Berlin (sleep); never acknowledged or resolved.
    b.incident("i2", null, null, 3, "2026-03-04T21:30:00Z", null, null);
    b.event("i2", "e1", "2026-03-04T21:40:00Z", "assigned", "t2", "pc");
    // i3: unknown deployment d9; Sat 13:00 Berlin (off hours); no events.
    b.incident(
        "i3",
        "d9",
        null,
        2,
        "2026-03-07T12:00:00Z",
        "2026-03-07T12:30:00Z",
        "2026-03-07T13:00:00Z");
    // i6: names a change that does not exist: attributed to nothing (not to c3, 30 min before).
    b.incident("i6", "d1", "cX", 4, "2026-03-04T08:30:00Z", null, "2026-03-04T09:30:00Z");
    b.event("i6", "e1", "2026-03-04T08:40:00Z", "assigned", "t1", "pa");
    // Week of 03-16. i4 on d2, whose owner t3 was dissolved (gap b); reassigned t4 -> t1.
    b.incident(
        "i4",
        "d2",
        null,
        2,
        "2026-03-17T10:00:00Z",
        "2026-03-17T10:05:00Z",
        "2026-03-17T10:45:00Z");
    b.event("i4", "e1", "2026-03-17T10:02:00Z", "assigned", "t4", "pd");
    b.event("i4", "e2", "2026-03-17T10:10:00Z", "reassigned", "t1", "pa");
    b.event("i4", "e3", "2026-03-17T10:45:00Z", "resolved", null, "pa");
    // i5: Fri 00:30 Berlin (sleep); assigned only after 60 min (gap c); unresolved.
    b.incident("i5", "d1", null, 3, "2026-03-19T23:30:00Z", "2026-03-19T23:50:00Z", null);
    b.event("i5", "e1", "2026-03-20T00:30:00Z", "assigned", "t1", "pb");
    b.event("i5", "e2", "2026-03-20T00:40:00Z", "escalated", "t4", "pd");
    // DST: Berlin moves to CEST on Sunday 03-29. 06:30Z is 07:30 (sleep) on Fri 03-27, 08:30
    // (business) on Mon 03-30.
    b.incident(
        "i7",
        "d1",
        null,
        3,
        "2026-03-27T06:30:00Z",
        "2026-03-27T06:35:00Z",
        "2026-03-27T07:30:00Z");
    b.event("i7", "e1", "2026-03-27T06:31:00Z", "assigned", "t1", "pa");
    b.incident("i8", "d1", null, 4, "2026-03-30T06:30:00Z", null, null);

    b.change("c1", "d1", "2026-03-01T08:00:00Z", "2026-03-02T08:00:00Z", "success");
    b.change("c2", "d2", null, "2026-03-03T10:00:00Z", "failed");
    b.change("c3", "d1", "2026-03-04T09:00:00Z", "2026-03-04T08:00:00Z", "success");
    b.change("c4", "d2", null, "2026-03-10T10:00:00Z", "success");
    b.change("c5", "d4", null, "2026-03-18T10:00:00Z", "rolled_back");

    // Before the first snapshot: the week of 02-23 exists because of this usage row.
    b.usage("2026-02-26", "d1", "big", "frontier", 100, 10, 10, 0, "2.0", 380.0);
    b.usage("2026-03-03", "d1", "big", "frontier", 1000, 100, 50, 10, "12.5", 400.0);
    b.usage("2026-03-05", "d3", "small", "small", 500, 20, 10, 0, "0.5", null);
    b.usage("2026-03-06", "d4", "big", "frontier", 100, 5, 5, 1, "3.0", 800.0);
    b.usage("2026-03-10", "d1", "big", "frontier", 100, 10, 10, 1, "1.0", 410.0);
    b.usage("2026-03-17", "d1", "big", "frontier", 100, 10, 10, 1, "1.0", 390.0);
    b.usage("2026-03-24", "d1", "big", "frontier", 100, 10, 10, 1, "1.0", 420.0);
    b.usage("2026-03-30", "d1", "big", "frontier", 100, 10, 10, 1, "1.0", 1000.0);
    b.usage("2026-03-30", "d1", "mid", "standard", 300, 10, 10, 3, "0.6", 500.0);
    return b.build();
  }

  @BeforeAll
  static void compute() {
    OrgWeekly.Result result = OrgWeekly.compute(acme(), RUN, MetricSettings.defaults());
    weeks =
        result.orgWeeks().stream()
            .collect(Collectors.toMap(r -> (LocalDate) r.get("week_start"), Function.identity()));
    deploymentWeeks =
        result.deploymentWeeks().stream()
            .collect(
                Collectors.toMap(
                    r -> r.get("deployment_id") + " " + r.get("week_start"), Function.identity()));
  }

  static MetricRow week(String monday) {
    return weeks.get(LocalDate.parse(monday));
  }

  static double d(MetricRow r, String column) {
    return (Double) r.get(column);
  }

  @Test
  void everyWeekFromTheFirstActivityToTheRunWeekHasARow() {
    assertThat(weeks.keySet())
        .containsExactlyInAnyOrder(
            LocalDate.parse("2026-02-23"),
            LocalDate.parse("2026-03-02"),
            LocalDate.parse("2026-03-09"),
            LocalDate.parse("2026-03-16"),
            LocalDate.parse("2026-03-23"),
            LocalDate.parse("2026-03-30"));
    assertThat(week("2026-03-30").get("week_complete")).isEqualTo(false);
    assertThat(week("2026-03-23").get("week_complete")).isEqualTo(true);
  }

  @Test
  void weeksBeforeTheFirstSnapshotUseTheFirstSnapshot() {
    MetricRow w = week("2026-02-23");
    assertThat(w.get("production_deployments")).isEqualTo(3);
    assertThat(w.get("oncall_engineers")).isEqualTo(3);
    assertThat(w.get("inference_cost_usd")).isEqualTo(new BigDecimal("2.0"));
    assertThat(d(w, "cost_per_1k_requests")).isCloseTo(20.0, within(1e-12));
    assertThat(d(w, "frontier_cost_share")).isEqualTo(1.0);
  }

  @Test
  void capacityAmbitionAndBoundary() {
    MetricRow w = week("2026-03-02");
    assertThat(w.get("production_deployments")).isEqualTo(3);
    assertThat(w.get("pilot_deployments")).isEqualTo(1);
    assertThat(w.get("ambition_points")).as("d1 4 + d2 3 + d4 1").isEqualTo(8);
    assertThat(w.get("capacity_points")).isEqualTo(18.0);
    assertThat(d(w, "supportability_ratio")).isCloseTo(8.0 / 18, within(1e-12));
    assertThat(w.get("boundary_status")).isEqualTo("within");
    assertThat(d(w, "deployments_per_oncall")).isEqualTo(1.0);
  }

  @Test
  void incidentResponseWithUnacknowledgedAndUnresolvedIncidents() {
    MetricRow w = week("2026-03-02");
    assertThat(w.get("incidents")).isEqualTo(4);
    assertThat(w.get("sev12_incidents")).isEqualTo(2);
    assertThat(d(w, "mtta_p50_min")).as("acks 10 and 30").isEqualTo(20.0);
    assertThat(d(w, "mttr_p50_min")).as("resolutions 60, 60, 120").isEqualTo(60.0);
    assertThat(d(w, "mttr_p90_min")).as("60 + 0.8 x 60").isCloseTo(108.0, within(1e-9));
    assertThat(w.get("business_hours_incidents")).isEqualTo(2);
    assertThat(w.get("off_hours_incidents")).isEqualTo(1);
    assertThat(w.get("sleep_hours_incidents")).isEqualTo(1);
    assertThat(d(w, "pages_per_oncall")).isCloseTo(4.0 / 3, within(1e-12));
    assertThat(d(w, "sleep_interruptions_per_oncall")).isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void operatingSignals() {
    MetricRow w = week("2026-03-02");
    assertThat(d(w, "unowned_incident_rate"))
        .as("i2 (no deployment), i3 (unknown d9)")
        .isEqualTo(0.5);
    assertThat(d(w, "reassignments_per_incident")).isEqualTo(0.0);
    assertThat(d(w, "escalations_per_incident")).isEqualTo(0.25);
    assertThat(d(w, "avg_teams_per_incident")).as("touches 2, 1, 0, 1").isEqualTo(1.0);
    assertThat(d(w, "cross_team_incident_share")).isEqualTo(0.25);
    assertThat(d(w, "coordination_load_per_oncall")).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(d(w, "unowned_deployment_share"))
        .as("d4 has no owner")
        .isCloseTo(1.0 / 3, within(1e-12));
    assertThat(w.get("thinly_staffed_deployments")).as("d2: t2 has one on-call").isEqualTo(1);
    assertThat(d(w, "incident_load_gini")).as("t1 2, t2 0").isEqualTo(0.5);
    assertThat(d(w, "top_team_incident_share")).isEqualTo(1.0);
  }

  @Test
  void aReorganisationDissolvesAnOwnerTeam() {
    MetricRow w = week("2026-03-16");
    assertThat(w.get("oncall_engineers")).as("p1, p2, p4").isEqualTo(3);
    assertThat(d(w, "unowned_incident_rate"))
        .as("i4: owner t3 dissolved; i5: assigned late")
        .isEqualTo(1.0);
    assertThat(d(w, "reassignments_per_incident")).isEqualTo(0.5);
    assertThat(d(w, "avg_teams_per_incident")).isEqualTo(2.0);
    assertThat(d(w, "cross_team_incident_share")).isEqualTo(1.0);
    assertThat(d(w, "coordination_load_per_oncall")).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(d(w, "unowned_deployment_share"))
        .as("d2 (t3 gone) and d4")
        .isCloseTo(2.0 / 3, within(1e-12));
    assertThat(w.get("thinly_staffed_deployments")).isEqualTo(0);
    assertThat(w.get("incident_load_gini")).as("only t1 owns a production deployment").isNull();
    assertThat(d(w, "top_team_incident_share")).as("a single team").isEqualTo(1.0);
    assertThat(d(w, "mtta_p50_min")).isEqualTo(12.5);
    assertThat(d(w, "mttr_p90_min")).isEqualTo(45.0);
  }

  @Test
  void aQuietWeekHasZerosAndNulls() {
    MetricRow w = week("2026-03-09");
    assertThat(w.get("incidents")).isEqualTo(0);
    assertThat(w.get("mtta_p50_min")).isNull();
    assertThat(w.get("mttr_p50_min")).isNull();
    assertThat(w.get("unowned_incident_rate")).isNull();
    assertThat(w.get("avg_teams_per_incident")).isNull();
    assertThat(d(w, "pages_per_oncall")).isEqualTo(0.0);
    assertThat(d(w, "coordination_load_per_oncall")).isEqualTo(0.0);
    assertThat(d(w, "incident_load_gini"))
        .as("the 3 weeks before still count: t1 2, t2 0")
        .isEqualTo(0.5);
    assertThat(w.get("incident_engineer_hours")).isEqualTo(0.0);
  }

  @Test
  void timeBandsFollowTheOrgsDaylightSavingTime() {
    assertThat(week("2026-03-23").get("sleep_hours_incidents")).as("07:30 CET").isEqualTo(1);
    assertThat(week("2026-03-30").get("business_hours_incidents")).as("08:30 CEST").isEqualTo(1);
    assertThat(week("2026-03-30").get("sleep_hours_incidents")).isEqualTo(0);
  }

  @Test
  void providerConcentrationAndBlastRadiusThroughACycle() {
    MetricRow w = week("2026-03-02");
    assertThat(d(w, "provider_hhi"))
        .as("openai 2/3, anthropic 1/3")
        .isCloseTo(5.0 / 9, within(1e-12));
    assertThat(w.get("max_provider_blast_radius"))
        .as("openai: d1 and d4 use it, d2 reaches d1 through d3")
        .isEqualTo(3);
  }

  @Test
  void costAndCostToSupport() {
    MetricRow w = week("2026-03-02");
    assertThat((BigDecimal) w.get("inference_cost_usd")).isEqualByComparingTo("16.0");
    assertThat(w.get("requests")).isEqualTo(1600L);
    assertThat(w.get("tokens")).isEqualTo(190L);
    assertThat(d(w, "cost_per_1k_requests")).isCloseTo(10.0, within(1e-12));
    assertThat(d(w, "frontier_cost_share")).isCloseTo(15.5 / 16, within(1e-12));
    assertThat((BigDecimal) w.get("low_criticality_frontier_cost_usd"))
        .as("d4 (criticality 4) frontier usage")
        .isEqualByComparingTo("3.0");
    // i1: pa 115 min + pb 90 min; i2 unresolved: pc 8 h; i3 nobody; i6: pa 50 min.
    double hours = 115 / 60.0 + 1.5 + 8 + 50 / 60.0;
    assertThat(d(w, "incident_engineer_hours")).isCloseTo(hours, within(1e-9));
    assertThat(d(w, "cost_to_support_usd")).isCloseTo(16 + hours * 150, within(1e-9));
    assertThat(d(week("2026-03-16"), "incident_engineer_hours"))
        .as("i4: pd 43 + pa 35 min; i5 unresolved: pb and pd 8 h each")
        .isCloseTo(78 / 60.0 + 16, within(1e-9));
  }

  @Test
  void changeMetricsWithAttribution() {
    MetricRow w = week("2026-03-02");
    assertThat(w.get("changes_deployed")).isEqualTo(3);
    assertThat(w.get("deployment_days")).as("c1 on 03-02, c3 on 03-04").isEqualTo(2);
    assertThat(d(w, "change_failure_rate"))
        .as("c1 caused i1, c2 failed; c3 is not blamed for i6, which names cX")
        .isCloseTo(2.0 / 3, within(1e-12));
    assertThat(d(w, "lead_time_p50_hours")).as("c1 24 h; c3 negative, skipped").isEqualTo(24.0);
    assertThat(d(w, "recovery_time_p50_hours"))
        .as("c1: i1 resolved 3 h later; c2: next success c4 168 h later")
        .isEqualTo(85.5);
    MetricRow unattributed = week("2026-03-16");
    assertThat(d(unattributed, "change_failure_rate")).as("c5 rolled back").isEqualTo(1.0);
    assertThat(unattributed.get("recovery_time_p50_hours"))
        .as("c5: no incident, no later success")
        .isNull();
    MetricRow boundary = week("2026-03-09");
    assertThat(d(boundary, "change_failure_rate"))
        .as("i4 opened exactly 7 days after c4 on d2: attributed (<= 7 days)")
        .isEqualTo(1.0);
    assertThat(d(boundary, "recovery_time_p50_hours"))
        .as("i4 resolved 168.75 h after c4")
        .isEqualTo(168.75);
  }

  @Test
  void deploymentRowsStartWithTheDeploymentsFirstVersion() {
    assertThat(deploymentWeeks).doesNotContainKey("d1 2026-02-23").containsKey("d1 2026-03-02");
    assertThat(deploymentWeeks.keySet().stream().filter(k -> k.startsWith("d1 ")).count())
        .isEqualTo(5);
  }

  @Test
  void blastRadiusCountsOthersNeverItselfEvenInACycle() {
    MetricRow d3 = deploymentWeeks.get("d3 2026-03-02");
    assertThat(d3.get("blast_radius")).as("d2 -> d3, d1 -> d2").isEqualTo(2);
    assertThat(d3.get("blast_radius_business_units")).as("0 + d1 2 + d2 1").isEqualTo(3);
    MetricRow d4 = deploymentWeeks.get("d4 2026-03-02");
    assertThat(d4.get("blast_radius")).isEqualTo(0);
    assertThat(d4.get("blast_radius_business_units")).isEqualTo(5);
  }

  @Test
  void readinessLevels() {
    assertThat(deploymentWeeks.get("d1 2026-03-23").get("readiness_level"))
        .as("i1 (sev 1) on 03-02 is within this week and the 3 before")
        .isEqualTo("silver");
    assertThat(deploymentWeeks.get("d1 2026-03-30").get("readiness_level")).isEqualTo("gold");
    assertThat(deploymentWeeks.get("d2 2026-03-02").get("readiness_level")).isEqualTo("bronze");
    assertThat(deploymentWeeks.get("d2 2026-03-16").get("readiness_level"))
        .as("owned by the dissolved t3")
        .isEqualTo("none");
    assertThat(deploymentWeeks.get("d4 2026-03-02").get("readiness_level")).isEqualTo("none");
  }

  @Test
  void latencyDriftAgainstTheMedianOfThePreviousWeeks() {
    MetricRow d1 = deploymentWeeks.get("d1 2026-03-30");
    assertThat(d(d1, "latency_p95_ms")).as("(1000 x 100 + 500 x 300) / 400").isEqualTo(625.0);
    assertThat(d(d1, "latency_drift"))
        .as("625 / median(400, 410, 390, 420)")
        .isCloseTo(625 / 405.0, within(1e-12));
    assertThat(d(d1, "error_rate")).isEqualTo(0.01);
    assertThat(d(d1, "error_rate_drift")).isCloseTo(1.0, within(1e-12));
    assertThat(d1.get("degraded")).isEqualTo(true);
    MetricRow earlier = deploymentWeeks.get("d1 2026-03-23");
    assertThat(earlier.get("latency_drift")).as("only 3 earlier values").isNull();
    assertThat(earlier.get("degraded")).isEqualTo(false);
  }

  @Test
  void deploymentIncidentsAndCost() {
    MetricRow d1 = deploymentWeeks.get("d1 2026-03-02");
    assertThat(d1.get("incidents")).isEqualTo(2);
    assertThat(d1.get("sev12_incidents")).isEqualTo(1);
    assertThat(d(d1, "mttr_p50_min")).as("120 and 60").isEqualTo(90.0);
    assertThat(d1.get("requests")).isEqualTo(1000L);
    assertThat(d(d1, "cost_per_1k_requests")).isCloseTo(12.5, within(1e-12));
    MetricRow d3 = deploymentWeeks.get("d3 2026-03-02");
    assertThat(d3.get("latency_p95_ms")).as("no latency reported").isNull();
    assertThat(d3.get("degraded")).isEqualTo(false);
  }

  @Test
  void settingsChangeTheThresholds() {
    MetricSettings strict =
        StratifyConfig.defaults()
            .with("metrics.points-per-oncall-engineer", "2")
            .with("metrics.attribution-window-days", "unbounded")
            .metricSettings();
    MetricRow w =
        OrgWeekly.compute(acme(), RUN, strict).orgWeeks().stream()
            .filter(r -> r.get("week_start").equals(LocalDate.parse("2026-03-16")))
            .findFirst()
            .orElseThrow();
    assertThat(d(w, "supportability_ratio")).as("8 / (3 x 2)").isCloseTo(8.0 / 6, within(1e-12));
    assertThat(w.get("boundary_status")).isEqualTo("exceeded");
    MetricRow first =
        OrgWeekly.compute(acme(), RUN, strict).orgWeeks().stream()
            .filter(r -> r.get("week_start").equals(LocalDate.parse("2026-03-02")))
            .findFirst()
            .orElseThrow();
    assertThat(d(first, "change_failure_rate"))
        .as("unbounded: c3 is blamed for i5, opened 15 days later")
        .isEqualTo(1.0);
  }
}
