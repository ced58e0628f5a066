package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.landing.QuarantineReason;
import java.time.LocalDate;

/**
 * One piece of bad input written on purpose, and what ingest must make of it.
 *
 * @param kind what is wrong
 * @param dataset the dataset of the file
 * @param dt the drop
 * @param file the file, relative to the landing root, '/'-separated
 * @param outcome what ingest does with it
 * @param reason the quarantine reason expected for {@link Outcome#QUARANTINED}; null otherwise
 * @param detail what was written, for people reading the sample
 */
public record InjectedBadInput(
    BadInputKind kind,
    LandingDataset dataset,
    LocalDate dt,
    String file,
    Outcome outcome,
    QuarantineReason reason,
    String detail) {

  /** What ingest does with a piece of bad input. */
  public enum Outcome {
    /** One row quarantined (for a conflicting duplicate: every version of the key). */
    QUARANTINED,
    /** An exact duplicate collapsed into the row it repeats, and counted. */
    COLLAPSED,
    /** The whole file rejected; its rows are not read. */
    FILE_REJECTED
  }
}
