package io.stratify.common.adapt.incident;

import io.stratify.common.adapt.AdapterConfig;
import io.stratify.common.adapt.AdapterFormat;
import io.stratify.common.adapt.ConfigNode;
import io.stratify.common.adapt.FormatSection;
import io.stratify.common.contract.LandingDataset;
import java.util.Set;

/**
 * What the PagerDuty, Opsgenie and incident.io formats share: their name, the datasets they write,
 * and the section they parse (ADAPTERS §4.1, §8) with the {@code map:} keys each allows.
 */
abstract class IncidentFormat implements AdapterFormat {

  private final String name;
  private final Set<LandingDataset> datasets;
  private final String[] mapKeys;

  IncidentFormat(String name, Set<LandingDataset> datasets, String... mapKeys) {
    this.name = name;
    this.datasets = Set.copyOf(datasets);
    this.mapKeys = mapKeys.clone();
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<LandingDataset> datasets() {
    return datasets;
  }

  @Override
  public final FormatSection parseSection(ConfigNode section) {
    return IncidentSection.parse(name, section, mapKeys);
  }

  /** This format's section of {@code config}, for an on-call answer asked outside a run. */
  final IncidentSection section(AdapterConfig config) {
    return (IncidentSection) parseSection(config.section(name));
  }
}
