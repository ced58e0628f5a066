package io.stratify.common.metrics;

import static io.stratify.common.metrics.OrgHistoryBuilder.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.config.MetricSettings;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The zero denominators of org_weekly: an org with nobody on call, whose only production deployment
 * moves back to pilot in its second week.
 *
 * <pre>
 * team    t1 (from 03-02); person p1 in t1, never on call
 * deploy  d1 owned by t1, crit 1 (weight 4), provider openai: production 03-02..03-09, then pilot
 * incident i1 on d1, Tue 03-03
 * </pre>
 */
class NobodyOnCallTest {

  static Map<LocalDate, MetricRow> weeks;

  @BeforeAll
  static void compute() {
    OrgHistoryBuilder b = new OrgHistoryBuilder("lean");
    b.org("UTC", null, "2026-03-02", null);
    b.team("t1", "2026-03-02", null);
    b.person("p1", "t1", false, "2026-03-02", null);
    b.deployment(
        deployment(
            "d1", "t1", "production", 1, 0, List.of(), "openai", "standard", true, true, true),
        "2026-03-02",
        "2026-03-09");
    b.deployment(
        deployment("d1", "t1", "pilot", 1, 0, List.of(), "openai", "standard", true, true, true),
        "2026-03-09",
        null);
    b.incident(
        "i1",
        "d1",
        null,
        2,
        "2026-03-03T10:00:00Z",
        "2026-03-03T10:05:00Z",
        "2026-03-03T11:00:00Z");
    b.event("i1", "e1", "2026-03-03T10:01:00Z", "assigned", "t1", "pa");
    weeks =
        OrgWeekly.compute(b.build(), LocalDate.of(2026, 3, 12), MetricSettings.defaults())
            .orgWeeks()
            .stream()
            .collect(Collectors.toMap(r -> (LocalDate) r.get("week_start"), Function.identity()));
  }

  @Test
  void productionWithNobodyOnCallIsBeyondTheBoundaryWithNullRatios() {
    MetricRow w = weeks.get(LocalDate.parse("2026-03-02"));
    assertThat(w.get("oncall_engineers")).isEqualTo(0);
    assertThat(w.get("ambition_points")).isEqualTo(4);
    assertThat(w.get("capacity_points")).isEqualTo(0.0);
    assertThat(w.get("supportability_ratio")).as("4 / 0").isNull();
    assertThat(w.get("boundary_status")).as("capacity 0 with ambition > 0").isEqualTo("exceeded");
    assertThat(w.get("deployments_per_oncall")).isNull();
    assertThat(w.get("pages_per_oncall")).isNull();
    assertThat(w.get("sleep_interruptions_per_oncall")).isNull();
    assertThat(w.get("coordination_load_per_oncall")).isNull();
    assertThat(w.get("incidents")).isEqualTo(1);
    assertThat(w.get("thinly_staffed_deployments"))
        .as("t1 has fewer than 2 on-call members")
        .isEqualTo(1);
    assertThat((Double) w.get("provider_hhi")).isEqualTo(1.0);
    assertThat((Double) w.get("unowned_deployment_share")).isEqualTo(0.0);
  }

  @Test
  void noProductionAndNobodyOnCallIsWithinWithNullShares() {
    MetricRow w = weeks.get(LocalDate.parse("2026-03-09"));
    assertThat(w.get("production_deployments")).isEqualTo(0);
    assertThat(w.get("pilot_deployments")).isEqualTo(1);
    assertThat(w.get("ambition_points")).isEqualTo(0);
    assertThat(w.get("supportability_ratio")).as("0 / 0").isNull();
    assertThat(w.get("boundary_status")).isEqualTo("within");
    assertThat(w.get("provider_hhi")).as("no production deployment to share").isNull();
    assertThat(w.get("unowned_deployment_share")).isNull();
    assertThat(w.get("thinly_staffed_deployments")).isEqualTo(0);
    assertThat(w.get("max_provider_blast_radius"))
        .as("a provider exists (on the pilot) but no production deployment reaches it")
        .isEqualTo(0);
    assertThat(w.get("incident_load_gini")).as("no team owns a production deployment").isNull();
    assertThat(w.get("top_team_incident_share")).isNull();
    assertThat(w.get("week_complete")).isEqualTo(false);
  }
}
