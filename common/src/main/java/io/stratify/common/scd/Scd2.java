package io.stratify.common.scd;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds SCD type 2 history for one org of one snapshot dataset from its drops (LANDING.md, "Two
 * kinds of dataset"):
 *
 * <ul>
 *   <li>a drop counts for the org only if it holds at least one accepted row of the org (an org
 *       absent from a drop, or all of whose rows were quarantined, keeps its state);
 *   <li>a key present before and absent from such a drop was deleted on its dt;
 *   <li>a key whose row in the drop was quarantined (but whose key could be read) keeps its
 *       previous version: bad data is not a deletion;
 *   <li>a version lasts until its key's value changes or the key is deleted ({@code valid_to}
 *       exclusive); an unchanged value in a later drop extends it.
 * </ul>
 *
 * Pure and deterministic; the result does not depend on the order of the observations.
 */
public final class Scd2 {

  private Scd2() {}

  /**
   * A key seen in a drop: {@code value} is the accepted row, or null when the row was quarantined
   * with a readable key.
   */
  public record Observation<V>(LocalDate dt, String key, V value) {
    public boolean quarantined() {
      return value == null;
    }
  }

  /** One version of a key; {@code validTo} is null while current. */
  public record Version<V>(String key, V value, LocalDate validFrom, LocalDate validTo) {}

  public static <V> List<Version<V>> build(Iterable<Observation<V>> observations) {
    TreeMap<LocalDate, Map<String, V>> accepted = new TreeMap<>();
    Map<LocalDate, Set<String>> quarantined = new HashMap<>();
    for (Observation<V> o : observations) {
      if (o.quarantined()) {
        quarantined.computeIfAbsent(o.dt(), d -> new HashSet<>()).add(o.key());
      } else {
        V previous = accepted.computeIfAbsent(o.dt(), d -> new HashMap<>()).put(o.key(), o.value());
        if (previous != null && !previous.equals(o.value())) {
          throw new IllegalArgumentException(
              "Cannot build SCD2 history: key " + o.key() + " has two versions on " + o.dt());
        }
      }
    }

    List<Version<V>> closed = new ArrayList<>();
    Map<String, Version<V>> open = new LinkedHashMap<>();
    for (Map.Entry<LocalDate, Map<String, V>> drop : accepted.entrySet()) {
      LocalDate dt = drop.getKey();
      Map<String, V> rows = drop.getValue();
      Set<String> kept = quarantined.getOrDefault(dt, Set.of());
      for (String key : List.copyOf(open.keySet())) {
        if (!rows.containsKey(key) && !kept.contains(key)) {
          closed.add(close(open.remove(key), dt));
        }
      }
      for (Map.Entry<String, V> row : rows.entrySet()) {
        Version<V> current = open.get(row.getKey());
        if (current != null && Objects.equals(current.value(), row.getValue())) {
          continue;
        }
        if (current != null) {
          closed.add(close(current, dt));
        }
        open.put(row.getKey(), new Version<>(row.getKey(), row.getValue(), dt, null));
      }
    }
    closed.addAll(open.values());
    closed.sort(Comparator.comparing((Version<V> v) -> v.key()).thenComparing(Version::validFrom));
    return closed;
  }

  private static <V> Version<V> close(Version<V> v, LocalDate dt) {
    return new Version<>(v.key(), v.value(), v.validFrom(), dt);
  }
}
