package io.stratify.common.adapt.incident;

import io.stratify.common.adapt.AdapterFormat;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.ConfigNode;
import io.stratify.common.adapt.FormatSection;
import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** {@code stratify adapt incidentio} (ADAPTERS §8.5). */
public final class IncidentIoFormat implements AdapterFormat {

  @Override
  public String name() {
    return IncidentIoIncidents.FORMAT;
  }

  @Override
  public Set<LandingDataset> datasets() {
    return Set.of(LandingDataset.INCIDENTS, LandingDataset.INCIDENT_EVENTS);
  }

  @Override
  public FormatSection parseSection(ConfigNode section) {
    return IncidentSection.parse(name(), section, "severity", "timestamps", "custom_field");
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
