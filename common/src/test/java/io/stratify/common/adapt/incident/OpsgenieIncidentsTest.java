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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADAPTERS §8.4 on the real Opsgenie files (DevLake e2e payloads, Port examples). */
class OpsgenieIncidentsTest {

  private static final String RESOLVED = "3f84e009-7548-4e7d-832a-fa82c1ceb6b1";
  private static final String OPEN = "3a74524a-f492-4172-b3f5-6041c7cb404a";

  private static OpsgenieIncidents.Result devlake() throws Exception {
    return new OpsgenieIncidents(IncidentSettings.of("acme", s -> s.defaultFunction = "sre"))
        .convert(
            resource("opsgenie/devlake/_raw_opsgenie_incidents.csv"),
            resource("opsgenie/devlake/_raw_opsgenie_users.csv"),
            resource("opsgenie/devlake/_raw_opsgenie_teams.csv"));
  }

  @Test
  void devlakePayloadsGiveTwoIncidentsAndFourApproximatedResponders() throws Exception {
    OpsgenieIncidents.Result r = devlake();
    assertThat(r.incidents().size()).isEqualTo(2);
    String[] resolved = r.incidents().get("acme", RESOLVED);
    assertThat(resolved[5]).as("P5 -> 4").isEqualTo("4");
    assertThat(resolved[8]).as("as DevLake's issues.csv").isEqualTo("2023-09-05T18:21:21.49Z");
    String[] open = r.incidents().get("acme", OPEN);
    assertThat(open[5]).as("P3 -> 3").isEqualTo("3");
    assertThat(open[8]).isNull();
    assertThat(r.events().asMaps())
        .extracting(m -> m.get("event_type") + " " + m.get("team_id") + " " + m.get("person_id"))
        .containsExactlyInAnyOrder(
            "responder_added c0259fb8-2068-48c5-ae09-1b116e3579b1 null",
            "responder_added null b3948a43-fee8-4adc-b7bd-3ac58919f4eb",
            "responder_added c0259fb8-2068-48c5-ae09-1b116e3579b1 null",
            "responder_added null b3948a43-fee8-4adc-b7bd-3ac58919f4eb");
    assertThat(r.accounting().warnings())
        .containsOnly(
            entry("event_time_approximated", 4L),
            entry("unmapped_service", 2L),
            entry("default_used:function", 2L));
    assertThat(r.teams().size()).isEqualTo(2);
    assertThat(r.users())
        .singleElement()
        .extracting(VendorUser::email)
        .isEqualTo("pikekad209@ipnuc.com");
    assertThat(quarantineReasons(r.incidents())).isEmpty();
    assertThat(quarantineReasons(r.events())).isEmpty();
    assertThat(quarantineReasons(r.teams())).isEmpty();
    assertGolden(r.incidents(), "golden/opsgenie-devlake/incidents.csv");
    assertGolden(r.events(), "golden/opsgenie-devlake/incident_events.csv");
    assertGolden(r.teams(), "golden/opsgenie-devlake/teams.csv");
    assertThat(csv(devlake().events())).isEqualTo(csv(r.events()));
    assertBalanced(r.accounting());
  }

  @Test
  void portExamplesMergeTheByteIdenticalDuplicates() throws Exception {
    OpsgenieIncidents.Result r =
        new OpsgenieIncidents(IncidentSettings.defaults("acme")).convert(resource("opsgenie/port"));
    Accounting.Counts inc = r.accounting().total("incidents");
    assertThat(inc.read()).isEqualTo(4);
    assertThat(inc.written()).isEqualTo(2);
    assertThat(inc.duplicatesMerged()).isEqualTo(2);
    String[] a = r.incidents().get("acme", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeee0041");
    assertThat(a[8]).as("open with impactEndDate 2023-09-26T17:45:25.719Z").isNull();
    assertThat(r.accounting().warnings()).containsEntry("impact_end_while_open", 1L);
    assertThat(r.accounting().warningExamples().get("impact_end_while_open"))
        .containsExactly("aaaaaaaa-bbbb-cccc-dddd-eeeeeeee0041 status open");
    assertThat(r.oncalls())
        .extracting(OnCallEntry::email)
        .containsExactlyInAnyOrder("user3@example.com", "user2@example.com");
    assertThat(quarantineReasons(r.incidents())).isEmpty();
    assertThat(quarantineReasons(r.events())).isEmpty();
    assertGolden(r.incidents(), "golden/opsgenie-port/incidents.csv");
    assertGolden(r.events(), "golden/opsgenie-port/incident_events.csv");
    assertBalanced(r.accounting());
  }

  @Test
  void severalImpactedServicesTakeTheFirstMappedOne() throws Exception {
    ValueMap services =
        ValueMap.of(
            Map.of(
                "aaaaaaaa-bbbb-cccc-dddd-eeeeeeee0052", "checkout",
                "aaaaaaaa-bbbb-cccc-dddd-eeeeeeee0053", "search"));
    OpsgenieIncidents.Result r =
        new OpsgenieIncidents(IncidentSettings.of("acme", s -> s.service = services))
            .convert(resource("opsgenie/port"));
    // b lists ...0053 first, then ...0052.
    assertThat(r.incidents().get("acme", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeee0042")[2])
        .isEqualTo("search");
    assertThat(r.accounting().warnings())
        .containsEntry("multiple_services", 1L)
        .doesNotContainKey("unmapped_service");
  }

  @Test
  void noPriorityIsRejectedAndClosedUsesImpactEnd(@TempDir Path dir) throws Exception {
    Path incidents = Files.createDirectories(dir.resolve("incident"));
    Files.writeString(
        incidents.resolve("page.json"),
        """
        {"data":[
          {"id":"I1","message":"m","status":"closed","priority":"P1","createdAt":"2024-01-01T00:00:00Z",
           "impactStartDate":"2023-12-31T23:50:00Z","impactEndDate":"2024-01-01T01:00:00Z","responders":[]},
          {"id":"I2","message":"m","status":"open","createdAt":"2024-01-01T00:00:00Z",
           "responders":[{"type":"user","id":"U"}]}],
         "took":0.1}
        """);
    OpsgenieIncidents.Result r =
        new OpsgenieIncidents(IncidentSettings.of("acme", s -> s.openedFromImpactStart = true))
            .convert(dir);
    String[] i1 = r.incidents().get("acme", "I1");
    assertThat(i1[6]).isEqualTo("2023-12-31T23:50:00Z");
    assertThat(i1[8]).isEqualTo("2024-01-01T01:00:00Z");
    assertThat(r.accounting().rejections())
        .singleElement()
        .satisfies(x -> assertThat(x.reasons()).containsExactly("no_severity"));
    assertThat(r.accounting().total("incident_events").skippedByRule())
        .containsOnly(entry("incident_rejected", 1L));
    assertBalanced(r.accounting());
  }
}
