package io.stratify.common.adapt.incident;

import static io.stratify.common.adapt.incident.LandingCheck.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident formats through the framework's runner: files, report, exit codes, privacy. */
class IncidentFormatsRunTest {

  private static final LocalDate DT = LocalDate.parse("2026-04-10");

  private static AdapterReport run(String format, Path in, Path landing, Path config, Path report) {
    return AdapterRunner.run(
        new AdapterRunner.Request(format, in, landing, DT, "acme", config, report, false, null),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  void pagerdutyWritesTheGoldenFilesAndRerunsByteIdentically(@TempDir Path landing)
      throws Exception {
    Path in = resource("pagerduty/devlake/_raw_pagerduty_incidents.csv");
    AdapterReport report = run("pagerduty", in, landing, null, null);
    assertThat(report.exitCode()).as(report.reason()).isZero();
    Path incidents = landing.resolve("incidents/dt=2026-04-10/pagerduty-acme.csv");
    Path events = landing.resolve("incident_events/dt=2026-04-10/pagerduty-acme.csv");
    assertThat(read(incidents)).isEqualTo(read(resource("golden/pagerduty-devlake/incidents.csv")));
    assertThat(read(events))
        .isEqualTo(read(resource("golden/pagerduty-devlake/incident_events.csv")));
    assertThat(report.accounts()).allMatch(AdapterReport.Account::balanced);
    assertThat(report.warnings()).containsEntry("unmapped_service", 3L);
    String first = read(incidents) + read(events);
    assertThat(run("pagerduty", in, landing, null, null).exitCode()).isZero();
    assertThat(read(incidents) + read(events)).isEqualTo(first);
  }

  @Test
  void aLastPageSayingMoreIsExit2AndWritesNoLandingFile(@TempDir Path dir) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(
        in.resolve("incidents.json"),
        """
        {"incidents":[{"id":"PA","created_at":"2024-01-01T00:00:00Z","urgency":"high"}],
         "limit":1,"offset":0,"more":true}
        """);
    Path landing = dir.resolve("landing");
    AdapterReport report = run("pagerduty", in, landing, null, null);
    assertThat(report.exitCode()).isEqualTo(2);
    assertThat(report.reason()).contains("more: true");
    assertThat(landing.resolve("incidents")).doesNotExist();
  }

  @Test
  void noContactMethodPhoneOrEmailReachesAnOutputOrReport(@TempDir Path dir) throws Exception {
    Path landing = dir.resolve("landing");
    Path config = dir.resolve("pagerduty.yaml");
    Files.writeString(
        config,
        """
        org: acme
        owners: {incidents: pagerduty, incident_events: pagerduty}
        pagerduty:
          map: {service: {P00BUSE: gateway}}
          oncall: {max_level: 1, lookback_days: 7}
        """);
    assertThat(run("pagerduty", resource("pagerduty/port"), landing, config, null).exitCode())
        .isZero();
    assertThat(
            run(
                    "pagerduty",
                    resource("pagerduty/devlake/_raw_pagerduty_incidents.csv"),
                    dir.resolve("landing2"),
                    null,
                    dir.resolve("report2.json"))
                .exitCode())
        .isZero();
    List<Path> written;
    try (Stream<Path> walk = Files.walk(dir)) {
      written = walk.filter(Files::isRegularFile).filter(p -> !p.equals(config)).toList();
    }
    assertThat(written).hasSizeGreaterThanOrEqualTo(6);
    for (Path p : written) {
      String text = read(p).toLowerCase(java.util.Locale.ROOT);
      assertThat(text)
          .as(p.toString())
          .doesNotContain("contact_method")
          .doesNotContain("pcq9t3z")
          .doesNotContain("prv0dhb")
          .doesNotContain("@getport.io")
          .doesNotContain("@port.io")
          .doesNotContain("phone");
    }
  }

  @Test
  void opsgenieTeamsNeedADefaultFunction(@TempDir Path dir) throws Exception {
    Path in = resource("opsgenie/port");
    AdapterReport none = run("opsgenie", in, dir.resolve("a"), null, null);
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.reason()).contains("teams.function");
    Path config = dir.resolve("opsgenie.yaml");
    Files.writeString(
        config,
        """
        org: acme
        owners: {teams: opsgenie, incidents: opsgenie, incident_events: opsgenie}
        opsgenie: {opened_from: createdAt, defaults: {function: sre}}
        """);
    AdapterReport owned = run("opsgenie", in, dir.resolve("b"), config, null);
    assertThat(owned.exitCode()).as(String.valueOf(owned.reason())).isZero();
    assertThat(Files.readAllLines(dir.resolve("b/teams/dt=2026-04-10/opsgenie-acme.csv")))
        .as("header + 2 teams (team a and c are the same)")
        .hasSize(3);
    assertThat(owned.defaultedColumns()).containsEntry("teams.function", 2L);
    assertThat(read(dir.resolve("b/incidents/dt=2026-04-10/opsgenie-acme.csv")))
        .isEqualTo(read(resource("golden/opsgenie-port/incidents.csv")));
    assertThat(owned.warnings()).containsEntry("impact_end_while_open", 1L);
  }

  @Test
  void anUnknownKeyInTheSectionIsExit2(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(
        config, "org: acme\nincidentio:\n  map: {severity: {Minor: 4}, colour: {}}\n");
    AdapterReport report =
        run("incidentio", resource("incidentio/drop"), dir.resolve("l"), config, null);
    assertThat(report.exitCode()).isEqualTo(2);
    assertThat(report.reason()).contains("colour");
  }

  @Test
  void theSampleConfigsExplainWithEveryRequiredColumnSourced() {
    for (String format : List.of("pagerduty", "opsgenie", "incidentio")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code =
          AdapterRunner.explain(
              Path.of("../sample-data/adapters/" + format + ".yaml"),
              format,
              new PrintStream(out, true, StandardCharsets.UTF_8));
      assertThat(code).as(format + ": " + out.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("incidents.severity");
    }
  }
}
