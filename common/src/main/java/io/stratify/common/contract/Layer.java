package io.stratify.common.contract;

import java.util.Locale;

/** The lakehouse layers; each is a schema (database) of the same name. */
public enum Layer {
  /** Landing rows as accepted, typed, with provenance; plus quarantine and ingest accounting. */
  BRONZE,
  /** Conformed tables: SCD2 dimensions and latest-version facts, pseudonymised. */
  SILVER,
  /** Curated marts for analysts, BI and executives. */
  MARTS;

  public String schema() {
    return name().toLowerCase(Locale.ROOT);
  }
}
