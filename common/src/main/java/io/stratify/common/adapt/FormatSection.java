package io.stratify.common.adapt;

import io.stratify.common.contract.LandingDataset;
import java.util.List;

/**
 * A format's parsed configuration section (e.g. {@code backstage:}). Each format parses its own
 * section, so adding a format touches no framework code beyond its registry line.
 */
public interface FormatSection {
  /**
   * Where {@code dataset.column} comes from, in precedence order (vendor field, mapping, default),
   * as shown by {@code adapt --explain}; a required column without an {@link ColumnSource#always}
   * source exits 2.
   */
  List<ColumnSource> sources(LandingDataset dataset, String column, AdapterConfig config);

  /** True when the format derives org_ids from the data (DevLake {@code org_from: project}). */
  default boolean derivesOrgs() {
    return false;
  }
}
