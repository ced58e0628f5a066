package io.stratify.common.adapt;

import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.util.Set;

/**
 * One vendor format (ADAPTERS.md section 3.3). Implementations are registered in {@link
 * AdapterRegistry}; see /work/notes/adapt-framework.md and docs/adapters.md for how to add one.
 */
public interface AdapterFormat {
  /** The CLI name, e.g. {@code backstage}. */
  String name();

  /** Every dataset this format can write; the config's {@code owners:} may give some away. */
  Set<LandingDataset> datasets();

  /**
   * Datasets written only when {@code owners:} names this format explicitly (e.g. backstage's
   * orgs); by default none.
   */
  default Set<LandingDataset> datasetsOnlyWhenOwned() {
    return Set.of();
  }

  /** The fixed output extension per dataset: {@code csv} (default) or {@code jsonl}. */
  default String extension(LandingDataset dataset) {
    return "csv";
  }

  /**
   * Parses this format's section of the configuration; {@code section} is null when the file has
   * none (or there is no file). Exit 2 via {@link ConfigNode#error} on anything invalid.
   */
  FormatSection parseSection(ConfigNode section);

  /**
   * Converts the run's inputs: emits rows with {@link AdapterRun#emit}, accounts for every record
   * in {@link AdapterRun#account}. Throws {@link AdapterException} for unusable input.
   */
  void convert(AdapterRun run) throws IOException;
}
