package io.stratify.common.metrics;

import io.stratify.common.metrics.OrgHistory.Change;
import io.stratify.common.metrics.OrgHistory.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which change caused which incident (METRICS.md, "Incident attribution to a change"): the
 * incident's change_id when set (one that matches no change attributes it to nothing); otherwise
 * the latest successful change of the same deployment deployed at or before the incident opened
 * (ties: the greatest change_id), when it opened within the attribution window after it.
 */
public final class ChangeAttribution {

  private final Map<String, List<Incident>> byChange = new HashMap<>();

  public ChangeAttribution(List<Change> changes, List<Incident> incidents, OptionalInt windowDays) {
    Map<String, Change> byId = new HashMap<>();
    Map<String, List<Change>> successes = new HashMap<>();
    for (Change c : changes) {
      byId.put(c.changeId(), c);
      if (c.succeeded()) {
        successes.computeIfAbsent(c.deploymentId(), d -> new ArrayList<>()).add(c);
      }
    }
    Comparator<Change> latest =
        Comparator.comparing(Change::deployedAt).thenComparing(Change::changeId);
    for (Incident i : incidents) {
      Optional<Change> cause;
      if (i.changeId() != null) {
        cause = Optional.ofNullable(byId.get(i.changeId()));
      } else if (i.deploymentId() == null) {
        cause = Optional.empty();
      } else {
        cause =
            successes.getOrDefault(i.deploymentId(), List.of()).stream()
                .filter(c -> !c.deployedAt().isAfter(i.openedAt()))
                .max(latest)
                .filter(
                    c ->
                        windowDays.isEmpty()
                            || Duration.between(c.deployedAt(), i.openedAt())
                                    .compareTo(Duration.ofDays(windowDays.getAsInt()))
                                <= 0);
      }
      cause.ifPresent(c -> byChange.computeIfAbsent(c.changeId(), k -> new ArrayList<>()).add(i));
    }
  }

  /** The incidents attributed to the change; empty for none. */
  public List<Incident> incidentsOf(String changeId) {
    return byChange.getOrDefault(changeId, List.of());
  }
}
