package io.stratify.common.metrics;

import io.stratify.common.metrics.OrgHistory.Change;
import io.stratify.common.metrics.OrgHistory.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 *
 * <p>This is the one attribution: change_failure_rate and recovery_time_p50_hours read it through
 * {@link #incidentsOf}, marts.incident_attribution through {@link #perIncident}.
 */
public final class ChangeAttribution {

  /** How an incident was attributed to its change. */
  public enum AttributedBy {
    /** The incident's own change_id matches a change. */
    EXPLICIT,
    /** The latest successful change of its deployment within the window. */
    WINDOW;

    /** The value written to marts.incident_attribution.attributed_by. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One incident and the change it is attributed to.
   *
   * @param incident the incident
   * @param change the change it is attributed to; null when none
   * @param attributedBy how; null when not attributed
   */
  public record Attribution(Incident incident, Change change, AttributedBy attributedBy) {

    /** opened_at - deployed_at in hours (negative for an explicit change deployed later). */
    public Optional<Double> hoursAfterChange() {
      return change == null
          ? Optional.empty()
          : Optional.of(OrgWeekly.hours(change.deployedAt(), incident.openedAt()));
    }
  }

  private final List<Attribution> perIncident = new ArrayList<>();
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
      Attribution a;
      if (i.changeId() != null) {
        Change c = byId.get(i.changeId());
        a = new Attribution(i, c, c == null ? null : AttributedBy.EXPLICIT);
      } else if (i.deploymentId() == null) {
        a = new Attribution(i, null, null);
      } else {
        Optional<Change> cause =
            successes.getOrDefault(i.deploymentId(), List.of()).stream()
                .filter(c -> !c.deployedAt().isAfter(i.openedAt()))
                .max(latest)
                .filter(
                    c ->
                        windowDays.isEmpty()
                            || Duration.between(c.deployedAt(), i.openedAt())
                                    .compareTo(Duration.ofDays(windowDays.getAsInt()))
                                <= 0);
        a = new Attribution(i, cause.orElse(null), cause.isPresent() ? AttributedBy.WINDOW : null);
      }
      perIncident.add(a);
      if (a.change() != null) {
        byChange.computeIfAbsent(a.change().changeId(), k -> new ArrayList<>()).add(i);
      }
    }
  }

  /** The incidents attributed to the change; empty for none. */
  public List<Incident> incidentsOf(String changeId) {
    return byChange.getOrDefault(changeId, List.of());
  }

  /** Every incident given to the constructor, in its order, with its attribution (or none). */
  public List<Attribution> perIncident() {
    return Collections.unmodifiableList(perIncident);
  }
}
