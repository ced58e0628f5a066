package io.stratify.common.adapt.incident;

import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** {@code stratify adapt incidentio} (ADAPTERS §8.5). */
public final class IncidentIoFormat extends IncidentFormat {

  public IncidentIoFormat() {
    super(
        IncidentIoIncidents.FORMAT,
        Set.of(LandingDataset.INCIDENTS, LandingDataset.INCIDENT_EVENTS),
        "severity",
        "timestamps",
        "custom_field");
  }

  @Override
  public void convert(AdapterRun run) throws IOException {
    IncidentSection section = run.section();
    IncidentIoIncidents.Result r =
        new IncidentIoIncidents(section.settings(run.org(), run.config()))
            .convert(RunReplay.inputs(run));
    RunReplay.replay(run, r.accounting(), List.of(r.incidents(), r.events()));
  }
}
