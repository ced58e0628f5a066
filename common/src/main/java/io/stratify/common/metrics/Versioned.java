package io.stratify.common.metrics;

import java.time.LocalDate;

/**
 * One SCD2 version of a snapshot row.
 *
 * @param value the row
 * @param validFrom dt of the snapshot that introduced it
 * @param validTo dt of the snapshot that changed or deleted it (exclusive), or null
 */
public record Versioned<T>(T value, LocalDate validFrom, LocalDate validTo) {

  public boolean validOn(LocalDate day) {
    return !validFrom.isAfter(day) && (validTo == null || validTo.isAfter(day));
  }
}
