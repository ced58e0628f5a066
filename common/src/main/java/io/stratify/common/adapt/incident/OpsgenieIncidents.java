package io.stratify.common.adapt.incident;

import static io.stratify.common.adapt.incident.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
public final class OpsgenieIncidents extends IncidentConverter<OpsgenieIncidents.Result> {

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

  private final OutputTable teams =
      new OutputTable(
          "teams", List.of("org_id", "team_id", "team_name", "parent_team_id", "function"), 2);
  private final List<OnCallEntry> oncalls = new ArrayList<>();

  public OpsgenieIncidents(IncidentSettings settings) {
    super(settings, "x_og_tiny_id");
  }

  @Override
  void read(VendorFiles.InputFile f) throws IOException {
    String kind = kindOfFile(f);
    if (f.path().getFileName().toString().endsWith(".csv")) {
      readRawCsv(
          f.path(), f.name(), kind, (object, position) -> accept(f.name(), kind, object, position));
    } else {
      readJson(
          f.path(),
          f.name(),
          LIST_KEYS,
          kind,
          (k, object, position) -> accept(f.name(), kind, object, position));
    }
  }

  @Override
  Result finish() {
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

  /** Converts one object of the given kind. */
  void accept(String file, String kind, JsonNode object, String position) {
    switch (kind) {
      case "incidents" -> incident(file, object, position);
      case "teams" -> team(file, object, position);
      case "users" -> user(file, object, "username");
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
    String id = text(incident, "id");
    JsonNode responders = incident.path("responders");
    String severity = settings.severityPriority().apply(text(incident, "priority")).orElse(null);
    if (!admit(
        file, position, incident, id, severity, Collections.nCopies(responders.size(), file))) {
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
    accounting.written(file, IncidentTables.INCIDENTS, 1);

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
}
