package io.stratify.common.adapt.incident;

import static io.stratify.common.adapt.incident.PagerDutyIncidents.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratify.common.adapt.Redaction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Converts Opsgenie API exports into {@code incidents}, {@code incident_events} and {@code teams}
 * (ADAPTERS §8.4): incidents ({@code /v1/incidents}), teams, users and schedule on-calls, one
 * object, an array, a {@code {"data": [...]}} page or JSON Lines per file, the kind from the folder
 * ({@code incident}, {@code team}, {@code user}, {@code schedule-oncall}) or the DevLake raw
 * table's name ({@code _raw_opsgenie_incidents.csv}).
 *
 * <p>Opsgenie is end-of-sale since 2025-06-04 and end-of-support on 2027-04-05: the adapter is for
 * existing customers.
 */
public final class OpsgenieIncidents {

  static final String FORMAT = "opsgenie";
  private static final Set<String> LIST_KEYS = Set.of("data");
  private static final Set<String> CLOSED = Set.of("resolved", "closed");

  /** What the conversion produced. */
  public record Result(
      OutputTable incidents,
      OutputTable events,
      OutputTable teams,
      Accounting accounting,
      List<OnCallEntry> oncalls,
      List<VendorUser> users) {}

  private final IncidentSettings settings;
  private final Accounting accounting = new Accounting();
  private final OutputTable incidents = IncidentTables.incidents("x_og_tiny_id");
  private final OutputTable events = IncidentTables.events();
  private final OutputTable teams =
      new OutputTable(
          "teams", List.of("org_id", "team_id", "team_name", "parent_team_id", "function"), 2);
  private final List<OnCallEntry> oncalls = new ArrayList<>();
  private final List<VendorUser> users = new ArrayList<>();

  public OpsgenieIncidents(IncidentSettings settings) {
    this.settings = settings;
  }

  /**
   * Reads every file of a drop ({@code --in}: a file or a folder; several for DevLake's raw tables,
   * whose {@code _raw_} names a folder read ignores) and returns the result.
   */
  public Result convert(Path... in) throws IOException {
    return convert(VendorFiles.list(in));
  }

  /** Reads the given files in order and returns the result. */
  Result convert(List<VendorFiles.InputFile> files) throws IOException {
    for (VendorFiles.InputFile f : files) {
      read(f.path(), f.name(), kindOfFile(f));
    }
    return new Result(incidents, events, teams, accounting, oncalls, users);
  }

  private static String kindOfFile(VendorFiles.InputFile f) {
    String file = f.path().getFileName().toString();
    if (file.startsWith("_raw_opsgenie_")) {
      return normalise(file.substring("_raw_opsgenie_".length()).replace(".csv", ""));
    }
    return normalise(f.folder());
  }

  private static String normalise(String kind) {
    return switch (kind) {
      case "incident", "incidents" -> "incidents";
      case "team", "teams" -> "teams";
      case "user", "users" -> "users";
      case "schedule-oncall", "schedule-oncalls", "on-calls", "oncalls" -> "schedule-oncall";
      default -> kind;
    };
  }

  private void read(Path file, String name, String kind) throws IOException {
    if (file.getFileName().toString().endsWith(".csv")) {
      DevLakeRawCsv.read(
          file,
          new DevLakeRawCsv.Sink() {
            @Override
            public void accept(JsonNode object, String position) {
              OpsgenieIncidents.this.accept(name, kind, object, position);
            }

            @Override
            public void unparseable(String position, String why) {
              accounting.read(name, kind);
              accounting.rejected(name, kind, position, null, List.of("unparseable"), why);
            }
          });
      return;
    }
    try {
      VendorJson.read(
          file, LIST_KEYS, kind, (k, object, position) -> accept(name, kind, object, position));
    } catch (VendorJson.Unparseable e) {
      accounting.read(name, IncidentTables.INCIDENTS);
      accounting.rejected(
          name,
          IncidentTables.INCIDENTS,
          "line " + e.line,
          null,
          List.of("unparseable"),
          e.getMessage());
    }
  }

  /** Converts one object of the given kind. */
  void accept(String file, String kind, JsonNode object, String position) {
    switch (kind) {
      case "incidents" -> incident(file, object, position);
      case "teams" -> team(file, object, position);
      case "users" -> {
        accounting.read(file, "users");
        accounting.skipped(file, "users", "identity_source");
        String id = text(object, "id");
        if (id != null) {
          users.add(new VendorUser(id, text(object, "username")));
        }
      }
      case "schedule-oncall" -> {
        accounting.read(file, "schedule-oncall");
        accounting.skipped(file, "schedule-oncall", "on_call_source");
        scheduleOncall(object);
      }
      default -> {
        accounting.read(file, kind);
        accounting.skipped(file, kind, "not_converted");
      }
    }
  }

  private void incident(String file, JsonNode incident, String position) {
    String ds = IncidentTables.INCIDENTS;
    accounting.read(file, ds);
    String id = text(incident, "id");
    JsonNode responders = incident.path("responders");
    List<String> reasons = new ArrayList<>();
    if (id == null) {
      reasons.add("no_key");
    }
    String severity = settings.severityPriority().apply(text(incident, "priority")).orElse(null);
    if (severity == null) {
      reasons.add("no_severity");
    }
    if (!reasons.isEmpty()) {
      accounting.rejected(file, ds, position, id, reasons, Redaction.excerpt(incident));
      for (int i = 0; i < responders.size(); i++) {
        accounting.read(file, IncidentTables.EVENTS);
        accounting.skipped(file, IncidentTables.EVENTS, "incident_rejected");
      }
      return;
    }
    if (incidents.get(settings.org(), id) != null) {
      accounting.duplicate(file, ds);
      for (int i = 0; i < responders.size(); i++) {
        accounting.read(file, IncidentTables.EVENTS);
        accounting.duplicate(file, IncidentTables.EVENTS);
      }
      return;
    }

    String deployment = null;
    int mappedCount = 0;
    JsonNode services = incident.path("impactedServices");
    for (JsonNode s : services) {
      String mapped = settings.service().apply(s.asText()).orElse(null);
      if (mapped != null) {
        mappedCount++;
        if (deployment == null) {
          deployment = mapped;
        }
      }
    }
    if (deployment == null) {
      accounting.warn("unmapped_service", id + " services " + services);
    } else if (services.size() > 1) {
      accounting.warn("multiple_services", id + " services " + services + " -> " + deployment);
    }
    Instant created = instant(text(incident, "createdAt"), id);
    Instant opened =
        settings.openedFromImpactStart() ? instant(text(incident, "impactStartDate"), id) : created;
    String status = text(incident, "status");
    Instant impactEnd = instant(text(incident, "impactEndDate"), id);
    Instant resolved = null;
    if (status != null && CLOSED.contains(status)) {
      resolved = impactEnd;
    } else if (impactEnd != null) {
      accounting.warn("impact_end_while_open", id + " status " + status);
    }
    incidents.add(
        settings.org(),
        id,
        deployment,
        null,
        text(incident, "message"),
        severity,
        VendorTime.format(opened),
        null,
        VendorTime.format(resolved),
        null,
        null,
        null,
        text(incident, "tinyId"));
    accounting.written(file, ds, 1);

    String at = VendorTime.format(created);
    String ownerTeam = text(incident, "ownerTeam");
    if (ownerTeam != null) {
      accounting.read(file, IncidentTables.EVENTS);
      events.add(settings.org(), id, "assigned:" + ownerTeam, at, "assigned", ownerTeam, null);
      accounting.written(file, IncidentTables.EVENTS, 1);
      accounting.warn("event_time_approximated", id + " assigned " + ownerTeam);
    }
    int i = 0;
    for (JsonNode r : responders) {
      accounting.read(file, IncidentTables.EVENTS);
      String type = text(r, "type");
      String who = text(r, "id");
      if (who == null || !("team".equals(type) || "user".equals(type))) {
        accounting.rejected(
            file,
            IncidentTables.EVENTS,
            position + "/responders/" + i,
            id,
            List.of(who == null ? "no_key" : "unknown_resource_type"));
      } else if (events.add(
          settings.org(),
          id,
          "responder_added:" + who,
          at,
          "responder_added",
          "team".equals(type) ? who : null,
          "user".equals(type) ? settings.person(who) : null)) {
        accounting.written(file, IncidentTables.EVENTS, 1);
        accounting.warn("event_time_approximated", id + " responder " + type + " " + who);
      } else {
        accounting.duplicate(file, IncidentTables.EVENTS);
      }
      i++;
    }
  }

  private void team(String file, JsonNode team, String position) {
    accounting.read(file, "teams");
    String id = text(team, "id");
    if (id == null) {
      accounting.rejected(file, "teams", position, null, List.of("no_key"));
      return;
    }
    if (teams.add(settings.org(), id, text(team, "name"), null, settings.defaultFunction())) {
      accounting.written(file, "teams", 1);
      if (settings.defaultFunction() != null) {
        accounting.warn("default_used:function", id);
      }
    } else {
      accounting.duplicate(file, "teams");
    }
  }

  /**
   * Port's {@code schedule-oncall} object ({@code __currentOncalls.onCallRecipients}: emails) or
   * the API's {@code /v2/schedules/{id}/on-calls} ({@code onCallParticipants}: id, name = username,
   * type), both the on-calls at export time.
   */
  private void scheduleOncall(JsonNode object) {
    JsonNode body = object.has("data") ? object.path("data") : object;
    JsonNode current = body.has("__currentOncalls") ? body.path("__currentOncalls") : body;
    for (JsonNode p : current.path("onCallParticipants")) {
      if ("user".equals(text(p, "type"))) {
        oncalls.add(new OnCallEntry(FORMAT, text(p, "id"), text(p, "name"), 1, null, null));
      }
    }
    if (!current.has("onCallParticipants")) {
      for (JsonNode email : current.path("onCallRecipients")) {
        oncalls.add(new OnCallEntry(FORMAT, null, email.asText(), 1, null, null));
      }
    }
  }

  private Instant instant(String text, String where) {
    return accounting.instant(text, where);
  }
}
