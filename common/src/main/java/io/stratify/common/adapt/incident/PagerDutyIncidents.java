package io.stratify.common.adapt.incident;

import static io.stratify.common.adapt.incident.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts PagerDuty REST v2 exports into {@code incidents} and {@code incident_events} (ADAPTERS
 * §8.1): incidents with embedded {@code log_entries} or a separate {@code /log_entries} export,
 * plus services, users and oncalls, in any shape {@link VendorJson} reads, or DevLake's raw table
 * whose {@code data} column holds the incident JSON.
 *
 * <p>An incident with embedded log entries is converted as soon as it is read; one without waits
 * until every file is read, for log entries exported separately (held compactly, only the types
 * that become events). Users and oncalls are kept for the on-call source (§8.2); {@code
 * contact_methods} are never read.
 */
public final class PagerDutyIncidents extends IncidentConverter<PagerDutyIncidents.Result> {

  static final String FORMAT = "pagerduty";
  static final Set<String> LIST_KEYS =
      Set.of("incidents", "log_entries", "services", "users", "oncalls");

  /** Log entry types that become events (§8.1); every other type is skipped by its name. */
  private static final Map<String, String> EVENT_TYPES =
      Map.of(
          "assign", "assigned",
          "escalate", "escalated",
          "delegate", "reassigned",
          "acknowledge", "acknowledged",
          "resolve", "resolved");

  /** What the conversion produced. {@code incomplete} names the kind whose last page said more. */
  public record Result(
      OutputTable incidents,
      OutputTable events,
      Accounting accounting,
      String incomplete,
      List<OnCallEntry> oncalls,
      List<VendorUser> users) {}

  /** An incident's list whose items are events: {@code <name>[].<who>.id} at {@code <time>}. */
  private record EventList(
      String name, String who, String time, boolean timeRequired, String type) {}

  /** Assignments become events only for an incident without log entries; time not required. */
  private static final EventList ASSIGNMENTS =
      new EventList("assignments", "assignee", "at", false, "assigned");

  private static final EventList RESPONDERS =
      new EventList("incidents_responders", "user", "requested_at", true, "responder_added");

  /** A written incident with what its events need: where it was read, its JSON, its teams. */
  private record Written(
      String file,
      String position,
      String id,
      JsonNode json,
      String incidentTeam,
      String policyTeam) {}

  /** A log entry reduced to what conversion needs. */
  private record Entry(
      boolean embedded,
      String file,
      String position,
      String id,
      String type,
      Instant at,
      String incidentId,
      List<String> assignees,
      String agentUser,
      String team,
      String channel) {}

  private final Map<String, List<Entry>> separateEntries = new HashMap<>();
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final List<OnCallEntry> oncalls = new ArrayList<>();
  private final Map<String, Long> teamSources = new java.util.TreeMap<>();
  private final Map<String, VendorJson.Paging> lastPages = new HashMap<>();
  private String incomplete;

  private record Pending(String file, String position, JsonNode incident) {}

  public PagerDutyIncidents(IncidentSettings settings) {
    super(settings, "x_pd_number");
  }

  /**
   * Reads one export file ({@code .json}, {@code .jsonl}, or a DevLake raw {@code .csv}), its
   * parent folder's name the kind of objects that name none.
   */
  @Override
  void read(VendorFiles.InputFile f) throws IOException {
    String name = f.name();
    if (f.path().getFileName().toString().endsWith(".csv")) {
      readRawCsv(
          f.path(),
          name,
          IncidentTables.INCIDENTS,
          (object, position) ->
              accept(name, VendorJson.kindOf(object, null, "incidents"), object, position));
      return;
    }
    VendorJson.Paging paging =
        readJson(
            f.path(),
            name,
            LIST_KEYS,
            f.folder(),
            (kind, object, position) -> accept(name, kind, object, position));
    if (paging != null && paging.listPage()) {
      String kind = paging.kind();
      VendorJson.Paging last = lastPages.get(kind);
      if (last == null || paging.offset() >= last.offset()) {
        lastPages.put(kind, paging);
      }
    }
  }

  /** Converts one vendor object of the given kind (list key, type or folder name). */
  public void accept(String file, String kind, JsonNode object, String position) {
    switch (kind) {
      case "incidents" -> incident(file, object, position);
      case "log_entries" -> separateLogEntry(file, object, position);
      case "oncalls" -> {
        accounting.read(file, "oncalls");
        accounting.skipped(file, "oncalls", "on_call_source");
        OnCallEntry entry = OnCallEntry.fromPagerDuty(object);
        if (entry != null) {
          oncalls.add(entry);
          if (entry.userId() != null && entry.email() != null) {
            users.add(new VendorUser(entry.userId(), entry.email()));
          }
        }
      }
      case "users" -> user(file, object, "email");
      default -> {
        accounting.read(file, kind == null ? "unknown" : kind);
        accounting.skipped(file, kind == null ? "unknown" : kind, "not_converted");
      }
    }
  }

  private void incident(String file, JsonNode incident, String position) {
    JsonNode embedded = incident.get("log_entries");
    if (embedded != null && embedded.isArray() && !embedded.isEmpty()) {
      List<Entry> entries = new ArrayList<>(embedded.size());
      String incidentId = text(incident, "id");
      long i = 0;
      for (JsonNode le : embedded) {
        entries.add(entry(file, position + "/log_entries/" + i++, le, incidentId));
      }
      convert(file, position, incident, entries);
    } else {
      String id = text(incident, "id");
      String key = id != null ? id : "\u0000" + file + position;
      if (pending.containsKey(key)) {
        accounting.read(file, IncidentTables.INCIDENTS);
        accounting.duplicate(file, IncidentTables.INCIDENTS);
        return;
      }
      pending.put(key, new Pending(file, position, incident));
    }
  }

  private void separateLogEntry(String file, JsonNode le, String position) {
    Entry e = entry(file, position, le, null);
    if (!EVENT_TYPES.containsKey(e.type)) {
      accounting.read(file, IncidentTables.EVENTS);
      accounting.skipped(file, IncidentTables.EVENTS, e.type);
      // Skipped types still carry incident facts: the trigger channel.
      if ("trigger".equals(e.type) && e.incidentId != null) {
        separateEntries.computeIfAbsent(e.incidentId, k -> new ArrayList<>()).add(e);
      }
      return;
    }
    if (e.incidentId == null) {
      accounting.read(file, IncidentTables.EVENTS);
      accounting.rejected(file, IncidentTables.EVENTS, position, e.id, List.of("no_key"));
      return;
    }
    separateEntries.computeIfAbsent(e.incidentId, k -> new ArrayList<>()).add(e);
  }

  private static Entry entry(String file, String position, JsonNode le, String incidentId) {
    String type = text(le, "type");
    String shortType =
        type == null
            ? "unknown"
            : type.replace("_log_entry_reference", "").replace("_log_entry", "");
    List<String> assignees = new ArrayList<>();
    for (JsonNode a : le.path("assignees")) {
      String id = text(a, "id");
      if (id != null) {
        assignees.add(id);
      }
    }
    JsonNode agent = le.path("agent");
    String agentUser = "user_reference".equals(text(agent, "type")) ? text(agent, "id") : null;
    String parent = incidentId != null ? incidentId : text(le.path("incident"), "id");
    VendorTime.Parsed at = VendorTime.parse(text(le, "created_at"));
    return new Entry(
        incidentId != null,
        file,
        position,
        text(le, "id"),
        shortType,
        at == null ? null : at.instant(),
        parent,
        assignees.isEmpty() ? List.of() : List.copyOf(assignees),
        agentUser,
        text(le.path("teams").path(0), "id"),
        text(le.path("channel"), "type"));
  }

  private void convert(String file, String position, JsonNode incident, List<Entry> entries) {
    String id = text(incident, "id");
    String severity = severity(incident);
    List<String> eventFiles =
        entries.stream()
            .filter(e -> e.embedded || EVENT_TYPES.containsKey(e.type))
            .map(Entry::file)
            .toList();
    if (!admit(file, position, incident, id, severity, eventFiles)) {
      return;
    }

    String serviceId = text(incident.path("service"), "id");
    String deployment = settings.service().apply(serviceId).orElse(null);
    if (deployment == null) {
      accounting.warn("unmapped_service", id + " service " + serviceId);
    }
    Instant opened = instant(text(incident, "created_at"), id);
    Instant acknowledged = null;
    Instant lastResolve = null;
    String triggerChannel = text(incident.path("first_trigger_log_entry").path("channel"), "type");
    for (Entry e : entries) {
      if ("acknowledge".equals(e.type) && e.at != null) {
        acknowledged = acknowledged == null || e.at.isBefore(acknowledged) ? e.at : acknowledged;
      }
      if ("resolve".equals(e.type) && e.at != null) {
        lastResolve = lastResolve == null || e.at.isAfter(lastResolve) ? e.at : lastResolve;
      }
    }
    for (JsonNode ack : incident.path("acknowledgements")) {
      Instant at = instant(text(ack, "at"), id);
      if (at != null && (acknowledged == null || at.isBefore(acknowledged))) {
        acknowledged = at;
      }
    }
    if (triggerChannel == null) {
      triggerChannel = firstTriggerChannel(entries);
    }
    Instant resolved = instant(text(incident, "resolved_at"), id);
    if (resolved == null && "resolved".equals(text(incident, "status"))) {
      resolved =
          lastResolve != null ? lastResolve : instant(text(incident, "last_status_change_at"), id);
    }
    incidents.add(
        settings.org(),
        id,
        deployment,
        null,
        text(incident, "title"),
        severity,
        VendorTime.format(opened),
        VendorTime.format(acknowledged),
        VendorTime.format(resolved),
        settings.detectedBy().apply(triggerChannel).orElse(null),
        null,
        null,
        text(incident, "incident_number"));
    accounting.written(file, IncidentTables.INCIDENTS, 1);

    observeUsers(incident.path("assignments"), "assignee");
    observeUsers(incident.path("acknowledgements"), "acknowledger");
    String incidentTeam = text(incident.path("teams").path(0), "id");
    String policyTeam =
        settings
            .escalationPolicyTeam()
            .apply(text(incident.path("escalation_policy"), "id"))
            .orElse(null);
    Written written = new Written(file, position, id, incident, incidentTeam, policyTeam);
    for (Entry e : entries) {
      if (!EVENT_TYPES.containsKey(e.type)) {
        if (e.embedded) {
          accounting.read(e.file, IncidentTables.EVENTS);
          accounting.skipped(e.file, IncidentTables.EVENTS, e.type);
        }
        continue;
      }
      logEntryEvents(written, e);
    }
    boolean anyEntries = !entries.isEmpty();
    if (!anyEntries) {
      accounting.warn("no_log_entries", id);
      listEvents(ASSIGNMENTS, written);
    }
    listEvents(RESPONDERS, written);
    responderRequestEvents(written);
  }

  /** Vendor user references that carry an email are identity observations (§8.2). */
  private void observeUsers(JsonNode list, String field) {
    for (JsonNode item : list) {
      JsonNode user = item.path(field);
      String id = text(user, "id");
      String email = text(user, "email");
      if (id != null && email != null) {
        users.add(new VendorUser(id, email));
      }
    }
  }

  private static String firstTriggerChannel(List<Entry> entries) {
    Entry first = null;
    for (Entry e : entries) {
      if ("trigger".equals(e.type) && e.at != null && (first == null || e.at.isBefore(first.at))) {
        first = e;
      }
    }
    return first == null ? null : first.channel;
  }

  private void logEntryEvents(Written incident, Entry e) {
    String ds = IncidentTables.EVENTS;
    accounting.read(e.file, ds);
    if (e.id == null) {
      accounting.rejected(e.file, ds, e.position, null, List.of("no_key"));
      return;
    }
    String eventType = EVENT_TYPES.get(e.type);
    String team = team(e.team, incident);
    List<String> people;
    if (e.type.equals("acknowledge") || e.type.equals("resolve")) {
      people = e.agentUser == null ? List.of() : List.of(e.agentUser);
    } else if (!e.assignees.isEmpty()) {
      people = e.assignees;
    } else {
      people = new ArrayList<>();
      for (JsonNode a : incident.json.path("assignments")) {
        Instant at = instant(text(a, "at"), incident.id);
        String who = text(a.path("assignee"), "id");
        if (at != null && at.equals(e.at) && who != null && !people.contains(who)) {
          people.add(who);
        }
      }
    }
    String at = VendorTime.format(e.at);
    long rows = 0;
    boolean duplicate = false;
    if (people.isEmpty()) {
      duplicate = !events.add(settings.org(), incident.id, e.id, at, eventType, team, null);
      rows = duplicate ? 0 : 1;
    } else {
      for (String person : people) {
        String eventId = people.size() == 1 ? e.id : e.id + ":" + person;
        if (events.add(
            settings.org(), incident.id, eventId, at, eventType, team, settings.person(person))) {
          rows++;
        } else {
          duplicate = true;
        }
      }
    }
    if (rows == 0 && duplicate) {
      accounting.duplicate(e.file, ds);
    } else {
      accounting.written(e.file, ds, rows);
    }
  }

  private String team(String logEntryTeam, Written incident) {
    String source;
    String team;
    if (logEntryTeam != null) {
      source = "log_entry.teams";
      team = logEntryTeam;
    } else if (incident.incidentTeam != null) {
      source = "incident.teams";
      team = incident.incidentTeam;
    } else if (incident.policyTeam != null) {
      source = "map.escalation_policy_team";
      team = incident.policyTeam;
    } else {
      source = "none";
      team = null;
    }
    teamSources.merge(source, 1L, Long::sum);
    return team;
  }

  /**
   * One event per item of an incident's list: the item's {@code <who>.id} at its {@code <time>}.
   */
  private void listEvents(EventList list, Written incident) {
    long i = 0;
    for (JsonNode item : incident.json.path(list.name)) {
      accounting.read(incident.file, IncidentTables.EVENTS);
      String who = text(item.path(list.who), "id");
      Instant at = instant(text(item, list.time), incident.id);
      event(
          incident,
          "/" + list.name + "/" + i,
          who,
          at,
          list.timeRequired,
          list.type,
          team(null, incident),
          settings.person(who));
      i++;
    }
  }

  private void responderRequestEvents(Written incident) {
    long j = 0;
    for (JsonNode request : incident.json.path("responder_requests")) {
      Instant at = instant(text(request, "requested_at"), incident.id);
      long k = 0;
      for (JsonNode t : request.path("responder_request_targets")) {
        // The OpenAPI wraps each target in {responder_request_target: {...}}; some exports do not.
        JsonNode target =
            t.has("responder_request_target") ? t.path("responder_request_target") : t;
        accounting.read(incident.file, IncidentTables.EVENTS);
        String id = text(target, "id");
        String type = text(target, "type");
        boolean user = type == null || type.startsWith("user");
        String team =
            user
                ? team(null, incident)
                : settings.escalationPolicyTeam().apply(id).orElseGet(() -> team(null, incident));
        // The same responder as an incidents_responders entry is one event (a duplicate merged).
        event(
            incident,
            "/responder_requests/" + j + "/responder_request_targets/" + k,
            id,
            at,
            true,
            "responder_added",
            team,
            user && id != null ? settings.person(id) : null);
        k++;
      }
      j++;
    }
  }

  /**
   * One event from an assignment, responder or responder request: REJECT {@code no_key} without the
   * person/target id, {@code no_event_time} without a time where one is required; the event id is
   * {@code <type>:<id>}, and a second event with that id is a duplicate merged. {@code where}: the
   * item's place in the incident.
   */
  private void event(
      Written incident,
      String where,
      String id,
      Instant at,
      boolean timeRequired,
      String type,
      String team,
      String person) {
    String ds = IncidentTables.EVENTS;
    if (id == null || (timeRequired && at == null)) {
      accounting.rejected(
          incident.file,
          ds,
          incident.position + where,
          incident.id,
          List.of(id == null ? "no_key" : "no_event_time"));
    } else if (events.add(
        settings.org(), incident.id, type + ":" + id, VendorTime.format(at), type, team, person)) {
      accounting.written(incident.file, ds, 1);
    } else {
      accounting.duplicate(incident.file, ds);
    }
  }

  private String severity(JsonNode incident) {
    String priority = text(incident.path("priority"), "name");
    String s = priority == null ? null : settings.severityPriority().apply(priority).orElse(null);
    if (s == null) {
      s = settings.severityUrgency().apply(text(incident, "urgency")).orElse(null);
    }
    return s;
  }

  /** Converts what waited for separate log entries, checks paging, and returns the tables. */
  @Override
  Result finish() {
    for (Pending p : pending.values()) {
      String id = text(p.incident, "id");
      List<Entry> entries = id == null ? List.of() : separateEntries.remove(id);
      convert(p.file, p.position, p.incident, entries == null ? List.of() : entries);
    }
    pending.clear();
    for (List<Entry> orphans : separateEntries.values()) {
      // Log entries of an incident sent in an earlier drop: the events still land (upsert).
      for (Entry e : orphans) {
        if (EVENT_TYPES.containsKey(e.type)) {
          logEntryEvents(
              new Written(
                  e.file,
                  e.position,
                  e.incidentId,
                  VendorJson.MAPPER.createObjectNode(),
                  null,
                  null),
              e);
        }
      }
    }
    separateEntries.clear();
    lastPages.forEach(
        (kind, page) -> {
          if (page.more() && incomplete == null) {
            incomplete = kind;
          }
        });
    return new Result(incidents, events, accounting, incomplete, oncalls, users);
  }

  /** Events per team_id source (§8.1: "events counted per source"). */
  public Map<String, Long> teamSources() {
    return teamSources;
  }

  /** The format name as the CLI and reports spell it. */
  public static String format() {
    return FORMAT;
  }
}
