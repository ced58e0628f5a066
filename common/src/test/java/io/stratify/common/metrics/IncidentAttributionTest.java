package io.stratify.common.metrics;

import static io.stratify.common.metrics.OrgHistoryBuilder.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.stratify.common.config.MetricSettings;
import io.stratify.common.config.StratifyConfig;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * marts.incident_attribution (METRICS.md v1.2) on a hand-built org run on Wednesday 2026-03-11, one
 * incident per case the spec names; every expected value is worked out in the comments.
 *
 * <pre>
 * changes  c1  d1 success 03-02 10:00      c2  d1 failed  03-03 10:00
 *          c10 d1 success 03-04 12:00      c9  d1 success 03-04 12:00   (a tie)
 *          c3  d2 success 03-02 00:00      c4  d3 success 03-12 08:00   (after the run date)
 * </pre>
 */
class IncidentAttributionTest {

  static final LocalDate RUN = LocalDate.of(2026, 3, 11);

  static OrgHistory org() {
    OrgHistoryBuilder b = new OrgHistoryBuilder("acme");
    b.org("UTC", null, "2026-03-02", null);
    b.team("t1", "2026-03-02", null);
    b.person("p1", "t1", true, "2026-03-02", null);
    for (String d : List.of("d1", "d2", "d3")) {
      b.deployment(
          deployment(
              d, "t1", "production", 2, 0, List.of(), "openai", "standard", true, true, true),
          "2026-03-02",
          null);
    }
    b.change("c1", "d1", null, "2026-03-02T10:00:00Z", "success");
    b.change("c2", "d1", null, "2026-03-03T10:00:00Z", "failed");
    b.change("c10", "d1", null, "2026-03-04T12:00:00Z", "success");
    b.change("c9", "d1", null, "2026-03-04T12:00:00Z", "success");
    b.change("c3", "d2", null, "2026-03-02T00:00:00Z", "success");
    b.change("c4", "d3", null, "2026-03-12T08:00:00Z", "success");
    // window: latest success of d1 at or before 03-04 13:30 is the c9/c10 tie; c9 > c10 as text.
    b.incident("i1", "d1", null, 2, "2026-03-04T13:30:00Z", null, "2026-03-04T15:00:00Z");
    // explicit: its own change c2 (failed, deployed an hour after it opened): -1 h.
    b.incident("i2", "d1", "c2", 3, "2026-03-03T09:00:00Z", null, null);
    // window boundary: exactly 7 days after c3 is attributed (<= 7 days) ...
    b.incident("i3", "d2", null, 1, "2026-03-09T00:00:00Z", null, "2026-03-09T06:00:00Z");
    // ... one millisecond later is not.
    b.incident("i4", "d2", null, 4, "2026-03-09T00:00:00.001Z", null, null);
    // a change_id that matches no change: nothing, not the window's c9 half an hour earlier.
    b.incident("i5", "d1", "cX", 4, "2026-03-04T12:30:00Z", null, null);
    // no deployment, no change_id: nothing.
    b.incident("i6", null, null, 2, "2026-03-05T00:00:00Z", null, null);
    // a deployment without changes: nothing.
    b.incident("i7", "d9", null, 2, "2026-03-05T00:00:00Z", null, null);
    // explicit to a change of another deployment, deployed after the run date: -36 h.
    b.incident("i8", "d1", "c4", 2, "2026-03-10T20:00:00Z", null, null);
    // opened at the end of the run date (03-12 00:00 UTC): not in the mart.
    b.incident("i9", "d2", null, 2, "2026-03-12T00:00:00Z", null, null);
    // before any success of d1: nothing.
    b.incident("i10", "d1", null, 3, "2026-03-01T23:00:00Z", null, null);
    // opened at the very instant c1 was deployed: attributed, 0 h.
    b.incident("i11", "d1", null, 3, "2026-03-02T10:00:00Z", null, "2026-03-02T12:00:00Z");
    // 9 days after c3: outside the default window, inside an unbounded one (216 h).
    b.incident("i12", "d2", null, 3, "2026-03-11T00:00:00Z", null, null);
    return b.build();
  }

  static Map<String, MetricRow> rows(MetricSettings settings) {
    return OrgWeekly.compute(org(), RUN, settings).incidentAttribution().stream()
        .collect(Collectors.toMap(r -> (String) r.get("incident_id"), Function.identity()));
  }

  static Object[] cells(MetricRow r) {
    return new Object[] {
      r.get("change_id"),
      r.get("attributed_by"),
      r.get("change_deployment_id"),
      r.get("hours_after_change")
    };
  }

  @Test
  void everyCaseOfTheRuleWithTheDefaultWindow() {
    Map<String, MetricRow> rows = rows(MetricSettings.defaults());
    assertThat(rows.keySet())
        .as("every incident opened before 03-12 00:00 UTC, i9 left out")
        .containsExactlyInAnyOrder(
            "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i10", "i11", "i12");
    assertThat(cells(rows.get("i1"))).containsExactly("c9", "window", "d1", 1.5);
    assertThat(cells(rows.get("i2"))).containsExactly("c2", "explicit", "d1", -1.0);
    assertThat(cells(rows.get("i3"))).containsExactly("c3", "window", "d2", 168.0);
    assertThat(cells(rows.get("i8"))).containsExactly("c4", "explicit", "d3", -36.0);
    assertThat(cells(rows.get("i11"))).containsExactly("c1", "window", "d1", 0.0);
    for (String none : List.of("i4", "i5", "i6", "i7", "i10", "i12")) {
      assertThat(cells(rows.get(none))).as(none).containsExactly(null, null, null, null);
    }
  }

  @Test
  void theIncidentsOwnColumns() {
    Map<String, MetricRow> rows = rows(MetricSettings.defaults());
    assertThat(List.of(rows.get("i1"), rows.get("i6"), rows.get("i10")))
        .extracting(
            r -> r.get("org_id"),
            r -> r.get("week_start"),
            r -> r.get("deployment_id"),
            r -> r.get("severity"))
        .containsExactly(
            tuple("acme", LocalDate.of(2026, 3, 2), "d1", 2),
            tuple("acme", LocalDate.of(2026, 3, 2), null, 2),
            tuple("acme", LocalDate.of(2026, 2, 23), "d1", 3));
  }

  @Test
  void anUnboundedWindowReachesAnyEarlierSuccess() {
    MetricSettings unbounded =
        StratifyConfig.defaults()
            .with("metrics.attribution-window-days", "unbounded")
            .metricSettings();
    Map<String, MetricRow> rows = rows(unbounded);
    assertThat(cells(rows.get("i4"))).containsExactly("c3", "window", "d2", 168.0 + 1 / 3.6e6);
    assertThat(cells(rows.get("i12"))).containsExactly("c3", "window", "d2", 216.0);
    assertThat(cells(rows.get("i10")))
        .as("still nothing before")
        .containsExactly(null, null, null, null);
    MetricSettings oneDay =
        StratifyConfig.defaults().with("metrics.attribution-window-days", "1").metricSettings();
    assertThat(cells(rows(oneDay).get("i3")))
        .as("168 h > 1 day")
        .containsExactly(null, null, null, null);
  }

  @Test
  void changeFailureRateCountsExactlyTheChangesThisTableBlames() {
    OrgWeekly.Result result = OrgWeekly.compute(org(), RUN, MetricSettings.defaults());
    Set<String> blamed = new HashSet<>();
    result.incidentAttribution().stream()
        .map(r -> (String) r.get("change_id"))
        .filter(c -> c != null)
        .forEach(blamed::add);
    assertThat(blamed).containsExactlyInAnyOrder("c1", "c2", "c3", "c4", "c9");
    Map<LocalDate, MetricRow> weeks =
        result.orgWeeks().stream()
            .collect(Collectors.toMap(r -> (LocalDate) r.get("week_start"), Function.identity()));
    assertThat(weeks.get(LocalDate.of(2026, 3, 2)).get("change_failure_rate"))
        .as("c1 (i11), c2 (failed, i2), c9 (i1), c3 (i3) of c1, c2, c9, c10, c3")
        .isEqualTo(4 / 5.0);
    assertThat(weeks.get(LocalDate.of(2026, 3, 2)).get("recovery_time_p50_hours"))
        .as("c1 2 h (i11), c2 unresolved i2 skipped, c9 3 h (i1), c3 174 h (i3): median 3")
        .isEqualTo(3.0);
    assertThat(weeks.get(LocalDate.of(2026, 3, 9)).get("change_failure_rate"))
        .as("c4, blamed for i8")
        .isEqualTo(1.0);
  }
}
