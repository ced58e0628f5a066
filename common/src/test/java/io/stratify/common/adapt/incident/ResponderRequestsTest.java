package io.stratify.common.adapt.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADAPTERS §8.1: PagerDuty {@code responder_requests} (Incident.responder_requests, targets users
 * or escalation policies) become {@code responder_added} events, one per responder with {@code
 * incidents_responders}.
 */
class ResponderRequestsTest {
  @TempDir Path dir;

  @Test
  void responderRequestTargetsBecomeResponderAddedEvents() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(
        in.resolve("incidents.json"),
        """
        {"incidents": [{"id": "Q1", "created_at": "2024-01-01T00:00:00Z", "urgency": "high",
          "log_entries": [],
          "incidents_responders": [
            {"user": {"id": "U1"}, "requested_at": "2024-01-01T00:05:00Z"}],
          "responder_requests": [
            {"requested_at": "2024-01-01T00:05:00Z", "responder_request_targets": [
              {"responder_request_target": {"type": "user_reference", "id": "U1"}},
              {"responder_request_target": {"type": "user_reference", "id": "U2"}},
              {"responder_request_target": {"type": "escalation_policy_reference",
                                            "id": "EP1"}}]},
            {"responder_request_targets": [{"type": "user_reference", "id": "U3"}]}]}],
         "more": false}
        """);
    Path config = dir.resolve("pagerduty.yaml");
    Files.writeString(
        config, "org: acme\npagerduty:\n  map: {escalation_policy_team: {EP1: team-sre}}\n");
    AdapterReport r =
        AdapterRunner.run(
            new AdapterRunner.Request(
                "pagerduty",
                in,
                dir.resolve("landing"),
                LocalDate.parse("2024-01-02"),
                null,
                config,
                null,
                false,
                null),
            new PrintStream(new ByteArrayOutputStream()));
    assertThat(r.exitCode()).as(r.reason()).isZero();
    List<String> events =
        Files.readAllLines(dir.resolve("landing/incident_events/dt=2024-01-02/pagerduty-acme.csv"));
    assertThat(events.subList(1, events.size()))
        .containsExactly(
            "acme,Q1,responder_added:EP1,2024-01-01T00:05:00Z,responder_added,team-sre,",
            "acme,Q1,responder_added:U1,2024-01-01T00:05:00Z,responder_added,,U1",
            "acme,Q1,responder_added:U2,2024-01-01T00:05:00Z,responder_added,,U2");
    AdapterReport.Account account =
        r.accounts().stream()
            .filter(a -> a.dataset().equals("incident_events"))
            .findFirst()
            .orElseThrow();
    // 1 incidents_responders entry + 4 targets = 3 written + U1 merged + U3 rejected (no time).
    assertThat(List.of(account.recordsRead(), account.recordsWritten(), account.duplicatesMerged()))
        .containsExactly(5L, 3L, 1L);
    assertThat(r.rejects())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.codes()).containsExactly("no_event_time");
              assertThat(x.position())
                  .endsWith("/responder_requests/1/responder_request_targets/0");
            });
    assertThat(account.balanced()).isTrue();
  }
}
