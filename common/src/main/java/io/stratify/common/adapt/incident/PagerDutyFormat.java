package io.stratify.common.adapt.incident;

import io.stratify.common.adapt.AdapterConfig;
import io.stratify.common.adapt.AdapterException;
import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.OnCallSource;
import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code stratify adapt pagerduty} (ADAPTERS §8.1) and PagerDuty's on-call source (§8.2). */
public final class PagerDutyFormat extends IncidentFormat implements OnCallSource {

  public PagerDutyFormat() {
    super(
        PagerDutyIncidents.FORMAT,
        Set.of(LandingDataset.INCIDENTS, LandingDataset.INCIDENT_EVENTS),
        "service",
        "escalation_policy_team",
        "severity_priority",
        "severity_urgency",
        "detected_by");
  }

  @Override
  public void convert(AdapterRun run) throws IOException {
    IncidentSection section = run.section();
    PagerDutyIncidents.Result r =
        new PagerDutyIncidents(section.settings(run.org(), run.config()))
            .convert(RunReplay.inputs(run));
    if (r.incomplete() != null) {
      throw AdapterException.unusable(
          "Cannot adapt an incomplete PagerDuty export: the last '"
              + r.incomplete()
              + "' page says more: true; export every page (offset += limit until more is"
              + " false)");
    }
    teamsFromDeploymentOwners(run, r);
    RunReplay.replay(run, r.accounting(), List.of(r.incidents(), r.events()));
  }

  /**
   * §8.1's last source of an event's team: the owner team of the incident's mapped deployment, for
   * events that neither the log entry, the incident nor {@code map.escalation_policy_team} gave
   * one.
   */
  private static void teamsFromDeploymentOwners(AdapterRun run, PagerDutyIncidents.Result r) {
    OutputTable incidents = r.incidents();
    OutputTable events = r.events();
    int teamColumn = events.columns().indexOf("team_id");
    int eventIncident = events.columns().indexOf("incident_id");
    Map<String, String> deploymentOf = new java.util.HashMap<>();
    int incidentId = incidents.columns().indexOf("incident_id");
    int deploymentId = incidents.columns().indexOf("deployment_id");
    for (String[] row : incidents.rows()) {
      if (row[deploymentId] != null) {
        deploymentOf.put(row[incidentId], row[deploymentId]);
      }
    }
    if (deploymentOf.isEmpty() || events.rows().stream().allMatch(e -> e[teamColumn] != null)) {
      return;
    }
    Map<String, String> owners = DeploymentOwners.read(run.landing(), run.org(), run.dt());
    for (String[] event : events.rows()) {
      if (event[teamColumn] == null) {
        String deployment = deploymentOf.get(event[eventIncident]);
        event[teamColumn] = deployment == null ? null : owners.get(deployment);
      }
    }
  }

  @Override
  public Map<String, Boolean> onCall(
      Path drop,
      String org,
      LocalDate dt,
      AdapterConfig config,
      List<Person> people,
      AdapterReport report) {
    IncidentSection section = section(config);
    try {
      PagerDutyIncidents.Result r =
          new PagerDutyIncidents(section.settings(org, config)).convert(drop);
      if (r.incomplete() != null) {
        throw AdapterException.unusable(
            "Cannot read PagerDuty on-calls: the last '"
                + r.incomplete()
                + "' page says more: true");
      }
      return section.onCall(dt, r.oncalls(), r.users(), config, people, report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
