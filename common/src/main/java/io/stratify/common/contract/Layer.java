package io.stratify.common.contract;

import java.util.Locale;

/** The lakehouse layers; each is a schema (database) of the same name. */
public enum Layer {
  /** Landing rows as accepted, typed, with provenance; plus quarantine and ingest accounting. */
  BRONZE,
  /** Conformed tables: SCD2 dimensions and latest-version facts, pseudonymised. */
  SILVER,
  /** Curated marts for analysts, BI and executives, published as a whole, version by version. */
  MARTS,
  /** Operational records: what was published when, and the quality checks that let it through. */
  OPS;

  public String schema() {
    return name().toLowerCase(Locale.ROOT);
  }
}
