package io.stratify.common.adapt.incident;

import io.stratify.common.adapt.AdapterConfig;
import io.stratify.common.adapt.AdapterFormat;
import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.ConfigNode;
import io.stratify.common.adapt.FormatSection;
import io.stratify.common.adapt.OnCallSource;
import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code stratify adapt pagerduty} (ADAPTERS §8.4) and Opsgenie's on-call source (§8.2). */
public final class OpsgenieFormat implements AdapterFormat, OnCallSource {

  static final String[] MAP_KEYS = {"service", "severity_priority"};

  @Override
  public String name() {
    return OpsgenieIncidents.FORMAT;
  }

  @Override
  public Set<LandingDataset> datasets() {
    return Set.of(LandingDataset.INCIDENTS, LandingDataset.INCIDENT_EVENTS, LandingDataset.TEAMS);
  }

  @Override
  public FormatSection parseSection(ConfigNode section) {
    return IncidentSection.parse(name(), section, MAP_KEYS);
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
    IncidentSection section = (IncidentSection) parseSection(config.section(name()));
    try {
      OpsgenieIncidents.Result r =
          new OpsgenieIncidents(section.settings(org, config)).convert(drop);
      return section.onCall(dt, r.oncalls(), r.users(), config, people, report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
