package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of one snapshot dataset per org over time, replayed from the drops as LANDING.md says:
 * an org's drop replaces its state; a quarantined or conflicting row whose key is readable keeps
 * that key's previous version; an org absent from a drop keeps its state.
 */
final class SnapshotHistory {

  private final Map<String, TreeMap<LocalDate, Map<String, Object[]>>> states = new TreeMap<>();

  SnapshotHistory(GeneratedLanding landing, LandingDataset dataset) {
    Map<LocalDate, Map<String, List<GeneratedLanding.Read>>> drops = new TreeMap<>();
    for (GeneratedLanding.Read read : landing.reads) {
      if (read.dataset() == dataset && read.orgId() != null) {
        drops
            .computeIfAbsent(read.dt(), d -> new TreeMap<>())
            .computeIfAbsent(read.orgId(), o -> new java.util.ArrayList<>())
            .add(read);
      }
    }
    drops.forEach(
        (dt, perOrg) ->
            perOrg.forEach(
                (org, reads) -> {
                  TreeMap<LocalDate, Map<String, Object[]>> history =
                      states.computeIfAbsent(org, o -> new TreeMap<>());
                  Map<String, Object[]> previous =
                      history.isEmpty() ? Map.of() : history.lastEntry().getValue();
                  Map<String, Object[]> next = new LinkedHashMap<>();
                  for (GeneratedLanding.Read read : reads) {
                    boolean conflicting =
                        landing.conflictingKeys.contains(
                            GeneratedLanding.dropOf(dataset, dt) + "|" + read.key());
                    if (read.valid() && !conflicting) {
                      next.put(read.key(), read.validated().values());
                    } else if (previous.containsKey(read.key())) {
                      next.put(read.key(), previous.get(read.key()));
                    }
                  }
                  history.put(dt, next);
                }));
  }

  /** The org's rows valid on {@code day}; before its first drop, those of its first drop. */
  List<Object[]> at(String org, LocalDate day) {
    TreeMap<LocalDate, Map<String, Object[]>> history = states.get(org);
    if (history == null) {
      return List.of();
    }
    Map.Entry<LocalDate, Map<String, Object[]>> e = history.floorEntry(day);
    return List.copyOf((e == null ? history.firstEntry() : e).getValue().values());
  }

  List<String> orgs() {
    return List.copyOf(states.keySet());
  }
}
