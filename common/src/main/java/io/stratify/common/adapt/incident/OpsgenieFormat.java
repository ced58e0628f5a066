package io.stratify.common.adapt.incident;

import io.stratify.common.adapt.AdapterConfig;
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

/** {@code stratify adapt opsgenie} (ADAPTERS §8.4) and Opsgenie's on-call source (§8.2). */
public final class OpsgenieFormat extends IncidentFormat implements OnCallSource {

  public OpsgenieFormat() {
    super(
        OpsgenieIncidents.FORMAT,
        Set.of(LandingDataset.INCIDENTS, LandingDataset.INCIDENT_EVENTS, LandingDataset.TEAMS),
        "service",
        "severity_priority");
  }

  @Override
  public void convert(AdapterRun run) throws IOException {
    IncidentSection section = run.section();
    OpsgenieIncidents.Result r =
        new OpsgenieIncidents(section.settings(run.org(), run.config()))
            .convert(RunReplay.inputs(run));
    RunReplay.replay(run, r.accounting(), List.of(r.incidents(), r.events(), r.teams()));
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
      OpsgenieIncidents.Result r =
          new OpsgenieIncidents(section.settings(org, config)).convert(drop);
      return section.onCall(dt, r.oncalls(), r.users(), config, people, report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
