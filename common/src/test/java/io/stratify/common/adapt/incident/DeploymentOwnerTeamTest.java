package io.stratify.common.adapt.incident;

import static io.stratify.common.adapt.incident.LandingCheck.resource;
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
 * ADAPTERS §8.1, the last source of an event's team: the owner team of the incident's mapped
 * deployment, from the deployments snapshot already landed for the org (the DevLake incidents have
 * no teams and no policy map, so every event takes it).
 */
class DeploymentOwnerTeamTest {
  static final LocalDate DT = LocalDate.parse("2022-11-07");

  @TempDir Path dir;

  List<String> events(boolean withSnapshot) throws Exception {
    Path landing = dir.resolve(withSnapshot ? "with" : "without");
    if (withSnapshot) {
      Path deployments = landing.resolve("deployments/dt=2022-11-01/backstage-acme.csv");
      Files.createDirectories(deployments.getParent());
      Files.writeString(
          deployments,
          "org_id,deployment_id,name,owner_team_id,lifecycle_stage\n"
              + "acme,www-artist,www-artist,team-a,production\n"
              + "other,www-artist,www-artist,team-z,production\n");
    }
    Path config = dir.resolve("pagerduty.yaml");
    Files.writeString(config, "org: acme\npagerduty:\n  map: {service: {PIKL83L: www-artist}}\n");
    AdapterReport r =
        AdapterRunner.run(
            new AdapterRunner.Request(
                "pagerduty",
                resource("pagerduty/devlake/_raw_pagerduty_incidents.csv"),
                landing,
                DT,
                null,
                config,
                null,
                false,
                null),
            new PrintStream(new ByteArrayOutputStream()));
    assertThat(r.exitCode()).as(r.reason()).isZero();
    List<String> lines =
        Files.readAllLines(landing.resolve("incident_events/dt=2022-11-07/pagerduty-acme.csv"));
    assertThat(lines.get(0)).startsWith("org_id,incident_id,event_id,event_at,event_type,team_id");
    return lines.subList(1, lines.size());
  }

  @Test
  void eventsWithoutATeamTakeTheOwnerTeamOfTheMappedDeployment() throws Exception {
    List<String> events = events(true);
    assertThat(events).hasSize(25);
    assertThat(events).allMatch(l -> l.split(",", -1)[5].equals("team-a"), "team_id team-a");
  }

  @Test
  void withoutADeploymentsSnapshotTheTeamStaysEmpty() throws Exception {
    assertThat(events(false)).hasSize(25).allMatch(l -> l.split(",", -1)[5].isEmpty());
  }
}
