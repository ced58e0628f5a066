package io.stratify.common.adapt.incident;

import static io.stratify.common.adapt.incident.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratify.common.adapt.Redaction;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Converts incident.io v2 exports ({@code GET /v2/incidents} pages, arrays or JSON Lines, plus an
 * optional {@code GET /v1/severities} export) into {@code incidents} and {@code incident_events}
 * (ADAPTERS §8.5). No real export is stored in {@code real-formats/}: field names follow the v2
 * payload in {@code incident-io/singer-tap}'s test data.
 *
 * <p>Severity: {@code map.severity} by name, else the rank inverted (incident.io ranks grow with
 * severity, "Minor" = 0): the highest rank is 1, each lower rank one more, capped at 4. The ranks
 * come from the severities export when the drop has one, else from the severities the drop's
 * incidents carry, so severities are decided once every file is read.
 */
public final class IncidentIoIncidents extends IncidentConverter<IncidentIoIncidents.Result> {

  static final String FORMAT = "incidentio";
  private static final Set<String> LIST_KEYS = Set.of("incidents", "severities");
  private static final Set<String> SKIPPED_STATUS = Set.of("declined", "merged", "canceled");
  private static final Set<String> SKIPPED_MODE = Set.of("test", "tutorial");
  private static final Set<String> RESOLVED_STATUS = Set.of("learning", "closed");

  /** What the conversion produced. */
  public record Result(
      OutputTable incidents, OutputTable events, Accounting accounting, List<VendorUser> users) {}

  /** An incident row waiting for its severity. */
  private record Held(
      String file,
      String position,
      String[] row,
      String severityName,
      Integer severityRank,
      String excerpt) {}

  private final List<Held> held = new ArrayList<>();
  private final Set<Integer> exportedRanks = new TreeSet<>();
  private final Set<Integer> seenRanks = new TreeSet<>();
  private final Set<String> heldIds = new java.util.HashSet<>();

  public IncidentIoIncidents(IncidentSettings settings) {
    super(settings, "x_inc_reference", "x_inc_summary");
  }

  @Override
  void read(VendorFiles.InputFile f) throws IOException {
    readJson(
        f.path(),
        f.name(),
        LIST_KEYS,
        f.folder(),
        (kind, object, position) -> accept(f.name(), kindOf(kind, object), object, position));
  }

  private static String kindOf(String kind, JsonNode object) {
    if ("incidents".equals(kind) || "severities".equals(kind)) {
      return kind;
    }
    // A bare object: an incident has a status, a severity has a rank and no status.
    return object.has("incident_status") || object.has("reference") ? "incidents" : "severities";
  }

  private void accept(String file, String kind, JsonNode object, String position) {
    if ("severities".equals(kind)) {
      accounting.read(file, "severities");
      accounting.skipped(file, "severities", "severity_ranks");
      if (object.path("rank").isInt()) {
        exportedRanks.add(object.path("rank").asInt());
      }
      return;
    }
    incident(file, object, position);
  }

  private void incident(String file, JsonNode incident, String position) {
    String ds = IncidentTables.INCIDENTS;
    accounting.read(file, ds);
    String id = text(incident, "id");
    JsonNode roles = incident.path("incident_role_assignments");
    JsonNode updates = incident.path("updates");
    int eventRecords = roles.size() + updates.size();
    String mode = text(incident, "mode");
    String category = text(incident.path("incident_status"), "category");
    String skip =
        mode != null && SKIPPED_MODE.contains(mode)
            ? "mode"
            : category != null && SKIPPED_STATUS.contains(category) ? "status" : null;
    if (id == null || skip != null || heldIds.contains(id)) {
      if (id == null) {
        accounting.rejected(file, ds, position, null, List.of("no_key"));
      } else if (skip != null) {
        accounting.skipped(file, ds, skip);
      } else {
        accounting.duplicate(file, ds);
      }
      for (int i = 0; i < eventRecords; i++) {
        accounting.read(file, IncidentTables.EVENTS);
        if (id == null || skip != null) {
          accounting.skipped(file, IncidentTables.EVENTS, "incident_not_written");
        } else {
          accounting.duplicate(file, IncidentTables.EVENTS);
        }
      }
      return;
    }
    heldIds.add(id);

    JsonNode severity = incident.path("severity");
    Integer rank = severity.path("rank").isInt() ? severity.path("rank").asInt() : null;
    if (rank != null) {
      seenRanks.add(rank);
    }
    Instant created = instant(text(incident, "created_at"), id);
    Instant opened = timestamp(incident, "opened_at", id);
    String deployment = deployment(incident);
    if (deployment == null) {
      accounting.warn("unmapped_service", id);
    }
    String[] row = {
      settings.org(),
      id,
      deployment,
      null,
      text(incident, "name"),
      null,
      VendorTime.format(opened != null ? opened : created),
      VendorTime.format(timestamp(incident, "acknowledged_at", id)),
      VendorTime.format(timestamp(incident, "resolved_at", id)),
      null,
      null,
      null,
      text(incident, "reference"),
      text(incident, "summary")
    };
    held.add(
        new Held(
            file,
            position,
            row,
            text(severity, "name"),
            rank,
            rank == null && text(severity, "name") == null ? Redaction.excerpt(incident) : null));

    String createdText = VendorTime.format(created);
    for (JsonNode ra : roles) {
      accounting.read(file, IncidentTables.EVENTS);
      String roleType = text(ra.path("role"), "role_type");
      String who = text(ra.path("assignee"), "id");
      if (!"lead".equals(roleType)) {
        accounting.skipped(file, IncidentTables.EVENTS, "role_not_lead");
        continue;
      }
      if (who == null) {
        accounting.skipped(file, IncidentTables.EVENTS, "unassigned");
        continue;
      }
      String email = text(ra.path("assignee"), "email");
      if (email != null) {
        users.add(new VendorUser(who, email));
      }
      if (events.add(
          settings.org(),
          id,
          "assigned:" + who,
          createdText,
          "assigned",
          null,
          settings.person(who))) {
        accounting.written(file, IncidentTables.EVENTS, 1);
        accounting.warn("event_time_approximated", id + " lead " + who);
      } else {
        accounting.duplicate(file, IncidentTables.EVENTS);
      }
    }
    statusEvents(file, id, updates);
  }

  /** {@code updates[]} in time order: into learning/closed = resolved, back out = reopened. */
  private void statusEvents(String file, String incidentId, JsonNode updates) {
    List<JsonNode> ordered = new ArrayList<>();
    updates.forEach(ordered::add);
    ordered.sort(
        Comparator.comparing((JsonNode u) -> String.valueOf(instant(text(u, "created_at"), null)))
            .thenComparing(u -> String.valueOf(text(u, "id"))));
    boolean resolved = false;
    for (JsonNode u : ordered) {
      accounting.read(file, IncidentTables.EVENTS);
      String category = text(u.path("new_incident_status"), "category");
      String updateId = text(u, "id");
      String type = null;
      if (category != null && RESOLVED_STATUS.contains(category) && !resolved) {
        type = "resolved";
        resolved = true;
      } else if (category != null && !RESOLVED_STATUS.contains(category) && resolved) {
        type = "reopened";
        resolved = false;
      }
      if (type == null) {
        accounting.skipped(file, IncidentTables.EVENTS, "status_update");
        continue;
      }
      if (updateId == null) {
        accounting.rejected(file, IncidentTables.EVENTS, "updates", incidentId, List.of("no_key"));
        continue;
      }
      String updater = text(u.path("updater").path("user"), "id");
      if (events.add(
          settings.org(),
          incidentId,
          updateId,
          VendorTime.format(instant(text(u, "created_at"), incidentId)),
          type,
          null,
          settings.person(updater))) {
        accounting.written(file, IncidentTables.EVENTS, 1);
      } else {
        accounting.duplicate(file, IncidentTables.EVENTS);
      }
    }
  }

  private Instant timestamp(JsonNode incident, String column, String id) {
    String name = settings.timestamps().get(column);
    if (name == null) {
      return null;
    }
    for (JsonNode tv : incident.path("incident_timestamp_values")) {
      if (name.equals(text(tv.path("incident_timestamp"), "name"))) {
        return instant(text(tv.path("value"), "value"), id);
      }
    }
    return null;
  }

  /** The first custom field value {@code map.custom_field} maps (catalog entry, option or text). */
  private String deployment(JsonNode incident) {
    for (JsonNode entry : incident.path("custom_field_entries")) {
      for (JsonNode v : entry.path("values")) {
        for (String candidate :
            new String[] {
              text(v.path("value_catalog_entry"), "name"),
              text(v.path("value_catalog_entry"), "external_id"),
              text(v.path("value_option"), "value"),
              text(v, "value_text")
            }) {
          String mapped = settings.customField().apply(candidate).orElse(null);
          if (mapped != null) {
            return mapped;
          }
        }
      }
    }
    return null;
  }

  @Override
  Result finish() {
    List<Integer> ranks = new ArrayList<>(exportedRanks.isEmpty() ? seenRanks : exportedRanks);
    ranks.sort(Comparator.reverseOrder());
    for (Held h : held) {
      String severity = settings.severityName().apply(h.severityName).orElse(null);
      if (severity == null && h.severityRank != null && ranks.contains(h.severityRank)) {
        severity = String.valueOf(Math.min(4, ranks.indexOf(h.severityRank) + 1));
      }
      if (severity == null) {
        accounting.rejected(
            h.file,
            IncidentTables.INCIDENTS,
            h.position,
            h.row[1],
            List.of("no_severity"),
            h.excerpt);
        continue;
      }
      h.row[5] = severity;
      incidents.add(h.row);
      accounting.written(h.file, IncidentTables.INCIDENTS, 1);
    }
    held.clear();
    return new Result(incidents, events, accounting, users);
  }
}
