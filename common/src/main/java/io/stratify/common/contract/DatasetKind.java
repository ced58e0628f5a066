package io.stratify.common.contract;

/** How successive drops of a landing dataset combine (LANDING.md, "Two kinds of dataset"). */
public enum DatasetKind {
  /** Each drop is the complete state of every org in it; history is kept as SCD type 2. */
  SNAPSHOT,
  /** Each drop carries new or changed records; per key, the record from the latest dt wins. */
  UPSERT
}
