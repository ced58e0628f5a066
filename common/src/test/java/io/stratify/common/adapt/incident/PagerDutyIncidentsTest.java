package io.stratify.common.adapt.incident;

import static io.stratify.common.adapt.incident.LandingCheck.assertBalanced;
import static io.stratify.common.adapt.incident.LandingCheck.assertGolden;
import static io.stratify.common.adapt.incident.LandingCheck.csv;
import static io.stratify.common.adapt.incident.LandingCheck.quarantineReasons;
import static io.stratify.common.adapt.incident.LandingCheck.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.stratify.common.adapt.ValueMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADAPTERS §8.1 and §8.3 on the real PagerDuty files (DevLake e2e payloads, Port examples). */
class PagerDutyIncidentsTest {

  private static final String DEVLAKE = "pagerduty/devlake/_raw_pagerduty_incidents.csv";

  private static PagerDutyIncidents.Result devlake() throws Exception {
    return new PagerDutyIncidents(IncidentSettings.defaults("acme")).convert(resource(DEVLAKE));
  }

  private static Map<String, Map<String, String>> byNumber(OutputTable incidents) {
    return incidents.asMaps().stream()
        .collect(Collectors.toMap(m -> m.get("x_pd_number"), Function.identity()));
  }

  @Test
  void devlakePayloadsGiveTheExpectedIncidentsAndEvents() throws Exception {
    PagerDutyIncidents.Result r = devlake();

    Accounting.Counts inc = r.accounting().total("incidents");
    assertThat(inc.read()).isEqualTo(3);
    assertThat(inc.written()).isEqualTo(3);
    Map<String, Map<String, String>> incidents = byNumber(r.incidents());
    assertThat(incidents.get("4").get("severity")).as("#4 high urgency").isEqualTo("2");
    assertThat(incidents.get("5").get("severity")).as("#5 high urgency").isEqualTo("2");
    assertThat(incidents.get("6").get("severity")).as("#6 low urgency").isEqualTo("4");
    assertThat(incidents.get("6").get("resolved_at")).isEqualTo("2022-11-03T06:51:44Z");
    assertThat(incidents.get("6").get("opened_at")).isEqualTo("2022-11-03T06:45:36Z");
    assertThat(incidents.get("4").get("acknowledged_at"))
        .as("first ack although triggered")
        .isEqualTo("2022-11-03T06:23:07Z");
    assertThat(incidents.get("4").get("resolved_at")).isNull();
    assertThat(incidents.get("5").get("resolved_at")).isNull();

    Accounting.Counts ev = r.accounting().total("incident_events");
    assertThat(ev.read()).as("log entries").isEqualTo(44);
    assertThat(ev.written()).isEqualTo(25);
    assertThat(ev.rowsWritten()).isEqualTo(25);
    assertThat(ev.skippedByRule())
        .containsOnly(entry("notify", 15L), entry("trigger", 3L), entry("annotate", 1L));
    Map<String, Long> types =
        r.events().asMaps().stream()
            .collect(Collectors.groupingBy(m -> m.get("event_type"), Collectors.counting()));
    assertThat(types)
        .containsOnly(
            entry("assigned", 9L),
            entry("escalated", 8L),
            entry("acknowledged", 5L),
            entry("reassigned", 2L),
            entry("resolved", 1L));
    assertThat(r.accounting().warnings()).containsOnly(entry("unmapped_service", 3L));
    assertThat(r.incomplete()).isNull();
    assertBalanced(r.accounting());
  }

  @Test
  void devlakeAssignmentsAllAppearAmongAssignedAndEscalatedEvents() throws Exception {
    PagerDutyIncidents.Result r = devlake();
    Map<String, String> idByNumber =
        r.incidents().asMaps().stream()
            .collect(Collectors.toMap(m -> m.get("x_pd_number"), m -> m.get("incident_id")));
    List<String> events =
        r.events().asMaps().stream()
            .filter(m -> List.of("assigned", "escalated").contains(m.get("event_type")))
            .map(m -> m.get("incident_id") + "|" + m.get("person_id") + "|" + m.get("event_at"))
            .toList();
    List<String> lines =
        Files.readAllLines(resource("pagerduty/devlake/_tool_pagerduty_assignments.csv"));
    assertThat(lines).hasSize(4);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      String assignedAt = f[f.length - 1].replace(".000+00:00", "Z");
      assertThat(events)
          .as("DevLake assignment " + line)
          .contains(idByNumber.get(f[0]) + "|" + f[1] + "|" + assignedAt);
    }
  }

  @Test
  void devlakeOutputIsValidLandingAndMatchesTheGoldenFiles() throws Exception {
    PagerDutyIncidents.Result r = devlake();
    assertThat(quarantineReasons(r.incidents())).isEmpty();
    assertThat(quarantineReasons(r.events())).isEmpty();
    assertGolden(r.incidents(), "golden/pagerduty-devlake/incidents.csv");
    assertGolden(r.events(), "golden/pagerduty-devlake/incident_events.csv");
    PagerDutyIncidents.Result again = devlake();
    assertThat(csv(again.incidents())).isEqualTo(csv(r.incidents()));
    assertThat(csv(again.events())).isEqualTo(csv(r.events()));
  }

  @Test
  void portExamplesGiveFourIncidentsFromAssignments() throws Exception {
    PagerDutyIncidents.Result r =
        new PagerDutyIncidents(IncidentSettings.defaults("acme"))
            .convert(resource("pagerduty/port"));

    assertThat(r.accounting().total("incidents").written()).isEqualTo(4);
    assertThat(r.incidents().asMaps()).extracting(m -> m.get("severity")).containsOnly("2");
    assertThat(r.events().asMaps())
        .hasSize(4)
        .extracting(m -> m.get("event_type"))
        .containsOnly("assigned");
    assertThat(r.accounting().warnings())
        .containsOnly(entry("unmapped_service", 4L), entry("no_log_entries", 4L));
    assertThat(r.oncalls()).hasSize(4);
    assertThat(r.users()).as("users, oncall users, assignees").hasSize(9);
    assertThat(quarantineReasons(r.incidents())).isEmpty();
    assertThat(quarantineReasons(r.events())).isEmpty();
    assertGolden(r.incidents(), "golden/pagerduty-port/incidents.csv");
    assertGolden(r.events(), "golden/pagerduty-port/incident_events.csv");
    assertBalanced(r.accounting());
  }

  @Test
  void mappedServiceAndPolicyTeamFillDeploymentAndEventTeams() throws Exception {
    IncidentSettings settings =
        IncidentSettings.of(
            "acme",
            s -> {
              s.service = ValueMap.of(Map.of("PIKL83L", "checkout-assistant"));
              s.escalationPolicyTeam = ValueMap.of(Map.of("PNJQLBU", "team-a"));
              s.detectedBy = ValueMap.of(Map.of("web_trigger", "internal"));
            });
    PagerDutyIncidents.Result r = new PagerDutyIncidents(settings).convert(resource(DEVLAKE));
    assertThat(r.incidents().asMaps())
        .extracting(m -> m.get("deployment_id"))
        .containsOnly("checkout-assistant");
    assertThat(r.incidents().asMaps())
        .extracting(m -> m.get("detected_by"))
        .as("first trigger entry's channel web_trigger")
        .containsOnly("internal");
    assertThat(r.events().asMaps()).extracting(m -> m.get("team_id")).containsOnly("team-a");
    assertThat(r.accounting().warnings()).isEmpty();
  }

  @Test
  void priorityWinsOverUrgencyAndNeitherIsRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("incidents.jsonl");
    Files.writeString(
        file,
        """
        {"id":"PA","type":"incident","created_at":"2024-01-01T00:00:00Z","priority":{"name":"P1"},"urgency":"low","service":{"id":"S"}}
        {"id":"PB","type":"incident","created_at":"2024-01-01T00:00:00Z","service":{"id":"S"}}
        {"id":"PC","type":"incident","created_at":"2024-01-01 10:00:00","urgency":"low","service":{"id":"S"}}
        """);
    PagerDutyIncidents.Result r =
        new PagerDutyIncidents(IncidentSettings.defaults("acme")).convert(file);
    assertThat(r.incidents().get("acme", "PA")[5]).as("P1 beats low urgency").isEqualTo("1");
    assertThat(r.incidents().get("acme", "PB")).isNull();
    assertThat(r.incidents().get("acme", "PC")[6]).isEqualTo("2024-01-01T10:00:00Z");
    assertThat(r.accounting().rejections())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.vendorId()).isEqualTo("PB");
              assertThat(x.reasons()).containsExactly("no_severity");
              assertThat(x.position()).isEqualTo("line 2");
            });
    assertThat(r.accounting().warnings()).containsEntry("assumed_utc", 1L);
    assertBalanced(r.accounting());
  }

  @Test
  void separateLogEntriesExportWithAssigneesAndALastPageSayingMore(@TempDir Path dir)
      throws Exception {
    Files.writeString(
        dir.resolve("incidents.json"),
        """
        {"incidents":[{"id":"PA","created_at":"2024-01-01T00:00:00Z","urgency":"high","status":"resolved",
          "resolved_at":"2024-01-01T02:00:00.250Z","service":{"id":"S"},"teams":[{"id":"PT1"}]}],
         "limit":100,"offset":0,"more":false}
        """);
    Files.writeString(
        dir.resolve("log_entries.json"),
        """
        {"log_entries":[
          {"id":"L1","type":"assign_log_entry","created_at":"2024-01-01T00:01:00Z","incident":{"id":"PA"},
           "assignees":[{"id":"U1"},{"id":"U2"}],"teams":[{"id":"PT9"}]},
          {"id":"L2","type":"acknowledge_log_entry","created_at":"2024-01-01T00:02:00Z","incident":{"id":"PA"},
           "agent":{"id":"U1","type":"user_reference"}},
          {"id":"L3","type":"notify_log_entry","created_at":"2024-01-01T00:02:00Z","incident":{"id":"PA"},
           "user":{"id":"U1","contact_methods":[{"address":"+1 555 0100"}]}}],
         "limit":3,"offset":0,"more":true}
        """);
    PagerDutyIncidents.Result r =
        new PagerDutyIncidents(
                IncidentSettings.of("acme", s -> s.identity = Map.of("U1", "person-1")))
            .convert(dir);
    assertThat(r.incomplete()).as("last log_entries page says more").isEqualTo("log_entries");
    assertThat(r.incidents().get("acme", "PA")[7]).isEqualTo("2024-01-01T00:02:00Z");
    assertThat(r.incidents().get("acme", "PA")[8]).isEqualTo("2024-01-01T02:00:00.25Z");
    assertThat(r.events().asMaps())
        .extracting(m -> m.get("event_id") + " " + m.get("team_id") + " " + m.get("person_id"))
        .containsExactly("L1:U1 PT9 person-1", "L1:U2 PT9 U2", "L2 PT1 person-1");
    assertThat(r.accounting().total("incident_events").skippedByRule())
        .containsOnly(entry("notify", 1L));
    assertThat(csv(r.events()) + csv(r.incidents())).doesNotContain("555");
    assertBalanced(r.accounting());
  }

  @Test
  void anUnparseableFileIsRejectedWholeWithItsLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"incidents\": [\n{\"id\": \"PA\",\n\"urgency\": }\n]}\n");
    PagerDutyIncidents.Result r =
        new PagerDutyIncidents(IncidentSettings.defaults("acme")).convert(file);
    assertThat(r.incidents().size()).isZero();
    assertThat(r.accounting().rejections())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.position()).isEqualTo("line 3");
              assertThat(x.reasons().get(0)).startsWith("unparseable");
            });
    assertBalanced(r.accounting());
  }
}
