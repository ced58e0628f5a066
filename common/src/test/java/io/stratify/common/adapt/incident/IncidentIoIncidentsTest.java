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

/** ADAPTERS §8.5 on payloads built from the documented incident.io v2 field names. */
class IncidentIoIncidentsTest {

  private static final String INC1 = "01INC000000000000000000001";
  private static final String INC2 = "01INC000000000000000000002";
  private static final String INC5 = "01INC000000000000000000005";

  private static final ValueMap CHECKOUT = ValueMap.of(Map.of("Checkout", "checkout-assistant"));

  private static IncidentSettings settings() {
    return IncidentSettings.of("acme", s -> s.customField = CHECKOUT);
  }

  @Test
  void incidentsWithTheSeveritiesExport() throws Exception {
    IncidentIoIncidents.Result r =
        new IncidentIoIncidents(settings()).convert(resource("incidentio/drop"));

    Accounting.Counts inc = r.accounting().total("incidents");
    assertThat(inc.read()).isEqualTo(5);
    assertThat(inc.written()).isEqualTo(3);
    assertThat(inc.skippedByRule()).containsOnly(entry("status", 1L), entry("mode", 1L));

    String[] i1 = r.incidents().get("acme", INC1);
    assertThat(i1[5]).as("Minor, lowest of 3 ranks").isEqualTo("3");
    assertThat(i1[6]).as("Reported at").isEqualTo("2024-03-01T09:58:00Z");
    assertThat(i1[7]).isNull();
    assertThat(i1[8]).isNull();
    assertThat(i1[2]).isNull();
    String[] i2 = r.incidents().get("acme", INC2);
    assertThat(i2[5]).as("Critical, highest rank").isEqualTo("1");
    assertThat(i2[6]).isEqualTo("2024-03-02T08:00:00Z");
    assertThat(i2[7]).as("Accepted at").isEqualTo("2024-03-02T08:05:30Z");
    assertThat(i2[8]).as("Resolved at").isEqualTo("2024-03-02T11:00:00Z");
    assertThat(i2[2]).as("Affected service catalog entry").isEqualTo("checkout-assistant");
    String[] i5 = r.incidents().get("acme", INC5);
    assertThat(i5[5]).isEqualTo("2");
    assertThat(i5[6]).as("no Reported at: created_at").isEqualTo("2024-03-05T08:00:00Z");

    assertThat(r.events().asMaps())
        .extracting(
            m ->
                m.get("incident_id").substring(25)
                    + " "
                    + m.get("event_id")
                    + " "
                    + m.get("event_type")
                    + " "
                    + m.get("event_at"))
        .containsExactly(
            "1 assigned:01USERROB00000000000000001 assigned 2024-03-01T10:00:00.411Z",
            "2 01UPD2B resolved 2024-03-02T09:00:00Z",
            "2 01UPD2C reopened 2024-03-02T09:30:00Z",
            "2 01UPD2D resolved 2024-03-02T11:00:00Z",
            "2 assigned:01USERANA00000000000000002 assigned 2024-03-02T08:00:00Z");
    Accounting.Counts ev = r.accounting().total("incident_events");
    assertThat(ev.read()).isEqualTo(11);
    assertThat(ev.written()).isEqualTo(5);
    assertThat(ev.skippedByRule())
        .containsOnly(
            entry("role_not_lead", 1L),
            entry("unassigned", 1L),
            entry("status_update", 2L),
            entry("incident_not_written", 2L));
    assertThat(r.accounting().warnings())
        .containsOnly(entry("event_time_approximated", 2L), entry("unmapped_service", 2L));
    assertThat(quarantineReasons(r.incidents())).isEmpty();
    assertThat(quarantineReasons(r.events())).isEmpty();
    assertGolden(r.incidents(), "golden/incidentio/incidents.csv");
    assertGolden(r.events(), "golden/incidentio/incident_events.csv");
    assertThat(
            csv(new IncidentIoIncidents(settings()).convert(resource("incidentio/drop")).events()))
        .isEqualTo(csv(r.events()));
    assertBalanced(r.accounting());
  }

  @Test
  void withoutTheSeveritiesExportTheRanksSeenAreInvertedAndTheNameMapWins() throws Exception {
    Path incidents = resource("incidentio/drop/incidents.json");
    IncidentIoIncidents.Result seen = new IncidentIoIncidents(settings()).convert(incidents);
    assertThat(seen.incidents().get("acme", INC1)[5]).isEqualTo("3");
    assertThat(seen.incidents().get("acme", INC2)[5]).isEqualTo("1");
    ValueMap byName = ValueMap.of(Map.of("Minor", "4", "Major", "2", "Critical", "1"));
    IncidentIoIncidents.Result mapped =
        new IncidentIoIncidents(
                IncidentSettings.of(
                    "acme",
                    s -> {
                      s.customField = CHECKOUT;
                      s.severityName = byName;
                    }))
            .convert(incidents);
    assertThat(mapped.incidents().get("acme", INC1)[5]).isEqualTo("4");
  }

  @Test
  void anIncidentWithoutSeverityIsRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("incidents.jsonl");
    Files.writeString(
        file,
        """
        {"id":"01A","reference":"INC-9","name":"n","mode":"standard","created_at":"2024-01-01T00:00:00Z","incident_status":{"category":"live"},"severity":null}
        """);
    IncidentIoIncidents.Result r = new IncidentIoIncidents(settings()).convert(file);
    assertThat(r.incidents().size()).isZero();
    assertThat(r.accounting().rejections())
        .singleElement()
        .satisfies(x -> assertThat(x.reasons()).containsExactly("no_severity"));
    assertBalanced(r.accounting());
  }
}
