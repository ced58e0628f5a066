package io.stratify.common.metrics;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The SCD2 versions of one snapshot dataset for one org, read "as of" a day (METRICS.md,
 * Conventions): the versions valid on that day; for days before the org's first snapshot of the
 * dataset, the state of that first snapshot.
 */
public final class Timeline<T> {

  private final List<Versioned<T>> versions;
  private final LocalDate first;

  public Timeline(List<Versioned<T>> versions) {
    this.versions = List.copyOf(versions);
    this.first =
        versions.stream().map(Versioned::validFrom).min(Comparator.naturalOrder()).orElse(null);
  }

  /** The state on {@code day}; empty when the dataset never had a row for the org. */
  public List<T> asOf(LocalDate day) {
    if (first == null) {
      return List.of();
    }
    LocalDate effective = day.isBefore(first) ? first : day;
    return versions.stream().filter(v -> v.validOn(effective)).map(Versioned::value).toList();
  }

  /** The org's first snapshot of the dataset. */
  public Optional<LocalDate> first() {
    return Optional.ofNullable(first);
  }

  public List<Versioned<T>> versions() {
    return versions;
  }
}
