package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Simulates an org's operations: changes deployed to its deployments, and incidents with their
 * timelines. Strain drives everything: the higher the org's supportability ratio was in the
 * previous weeks, the more incidents it has, the more severe they are, the later they are
 * acknowledged and resolved, the more often they start without an owner and the more teams they
 * pass through.
 */
final class OperationsSimulator {

  /** A deployed change; {@code rolledBackAt} is set when a success was later rolled back. */
  record Change(
      String id,
      String deploymentId,
      String type,
      Instant firstCommitAt,
      Instant deployedAt,
      String outcome,
      Instant rolledBackAt) {}

  record Event(Instant at, String type, String teamId, String personId) {}

  /** An incident and the moments its state changed; null moments did not happen. */
  static final class Incident {
    String id;
    String deploymentId;
    String changeId;
    String title;
    int severity;
    Instant openedAt;
    Instant acknowledgedAt;
    Instant resolvedAt;
    Instant reopenedAt;
    Instant finallyResolvedAt;
    String detectedBy;
    String rootCause;
    Boolean customerImpact;
    final List<Event> events = new ArrayList<>();
  }

  private static final String[] CAUSES = {
    "data", "model", "infra", "integration", "capacity", "unknown", "change"
  };

  private final OrgProfile org;
  private final GeneratorSettings settings;
  private final SeededRandom random;
  private final RosterPlanner roster;
  private final InventoryPlanner inventory;
  private final double[] ratios;
  private final ZoneId zone;
  private final boolean millis;
  final List<Change> changes = new ArrayList<>();
  final List<Incident> incidents = new ArrayList<>();
  private int changeSequence;
  private int incidentSequence;
  private final String incidentPrefix;

  OperationsSimulator(
      OrgProfile org,
      GeneratorSettings settings,
      SeededRandom random,
      RosterPlanner roster,
      InventoryPlanner inventory,
      double[] ratios) {
    this.org = org;
    this.settings = settings;
    this.random = random;
    this.roster = roster;
    this.inventory = inventory;
    this.ratios = ratios;
    this.zone = org.zone();
    this.millis = org.channel() == OrgProfile.Channel.JSON_LINES;
    this.changeSequence = random.between(1000, 40000);
    this.incidentSequence = random.between(100, 9000);
    this.incidentPrefix = org.channel() == OrgProfile.Channel.JSON_LINES ? "OG-" : "INC-";
  }

  void simulate() {
    simulateChanges();
    for (int w = 0; w < settings.weeks(); w++) {
      simulateWeekOfIncidents(w);
    }
    simulateChangeIncidents();
    incidents.sort(Comparator.comparing((Incident i) -> i.openedAt).thenComparing(i -> i.id));
  }

  // ---------------------------------------------------------------- changes

  private void simulateChanges() {
    double rate = 0.05 + 0.03 * Math.min(1, org.strain());
    double strain = Math.min(1.5, org.strain());
    for (int day = 0; day < settings.days(); day++) {
      LocalDate date = settings.start().plusDays(day);
      boolean weekday = date.getDayOfWeek().getValue() <= 5;
      for (Map<String, Object> d : inventory.deployments.stateAt(date)) {
        String stage = (String) d.get("lifecycle_stage");
        if ("deprecated".equals(stage)) {
          continue;
        }
        int n = random.poisson(rate * (weekday ? 1.25 : 0.12));
        for (int i = 0; i < n; i++) {
          LocalTime time =
              random.chance(0.85)
                  ? LocalTime.of(random.between(9, 17), random.between(0, 59))
                  : LocalTime.of(random.between(18, 23), random.between(0, 59));
          Instant deployedAt = withMillis(local(date, time).plusSeconds(random.between(0, 59)));
          if (!inHorizon(deployedAt)) {
            continue;
          }
          Instant firstCommit;
          double c = random.uniform();
          if (c < 0.08) {
            firstCommit = null;
          } else if (c < 0.11) {
            firstCommit = deployedAt.plusSeconds(60L * random.between(5, 180));
          } else {
            long minutes = Math.max(10, Math.round(random.logNormal(20 * 60, 0.9)));
            firstCommit = withMillis(deployedAt.minusSeconds(60 * minutes));
          }
          double o = random.uniform();
          String outcome =
              o < 0.05 + 0.06 * strain
                  ? "failed"
                  : o < 0.08 + 0.10 * strain ? "rolled_back" : "success";
          Instant rolledBackAt =
              "success".equals(outcome) && random.chance(0.03)
                  ? deployedAt.plus(Duration.ofHours(random.between(20, 30)))
                  : null;
          String type =
              List.of("code", "prompt", "config", "model", "provider")
                  .get(random.weighted(0.35, 0.25, 0.2, 0.12, 0.08));
          changes.add(
              new Change(
                  "CHG-" + changeSequence++,
                  (String) d.get("deployment_id"),
                  type,
                  firstCommit,
                  deployedAt,
                  outcome,
                  rolledBackAt));
        }
      }
    }
    for (DeploymentSpec spec : inventory.specs.values()) {
      if (spec.switchedOn != null) {
        Instant at = withMillis(local(spec.switchedOn, LocalTime.of(10, 30)));
        if (inHorizon(at)) {
          String type =
              spec.previousModel.provider().equals(spec.model.provider()) ? "model" : "provider";
          changes.add(
              new Change(
                  "CHG-" + changeSequence++,
                  spec.id,
                  type,
                  withMillis(at.minus(Duration.ofMinutes(random.between(600, 9000)))),
                  at,
                  "success",
                  null));
        }
      }
    }
    changes.sort(Comparator.comparing(Change::deployedAt).thenComparing(Change::id));
  }

  /** Failed changes often cause an incident naming them; a few successes cause one silently. */
  private void simulateChangeIncidents() {
    boolean danglingDone = false;
    for (Change change : changes) {
      boolean failed = !"success".equals(change.outcome());
      if (failed && random.chance(0.45)) {
        Instant opened = change.deployedAt().plusSeconds(60L * random.between(3, 90));
        Incident incident = newIncident(opened, change.deploymentId(), "change", 1);
        if (incident == null) {
          continue;
        }
        incident.changeId = change.id();
        if (!danglingDone && org.has(OrgProfile.Feature.DANGLING_DEPENDENCY)) {
          incident.changeId = "CHG-legacy-77";
          danglingDone = true;
        }
      } else if (!failed && random.chance(0.03)) {
        Instant opened = change.deployedAt().plusSeconds(3600L * random.between(1, 48));
        newIncident(opened, change.deploymentId(), "change", 0);
      }
    }
  }

  // ---------------------------------------------------------------- incidents

  private void simulateWeekOfIncidents(int week) {
    LocalDate monday = settings.monday(week);
    double stress = ratios[Math.max(0, week - 1)];
    List<String> production = new ArrayList<>();
    List<String> pilots = new ArrayList<>();
    for (Map<String, Object> d : inventory.deployments.stateAt(monday.plusDays(3))) {
      String stage = (String) d.get("lifecycle_stage");
      int weight = 5 - (Integer) d.get("business_criticality");
      if ("production".equals(stage)) {
        for (int i = 0; i < weight; i++) {
          production.add((String) d.get("deployment_id"));
        }
      } else if ("pilot".equals(stage)) {
        pilots.add((String) d.get("deployment_id"));
      }
    }
    double distinctProduction = production.stream().distinct().count();
    int n = random.poisson(distinctProduction * (0.18 + 0.3 * stress));
    for (int i = 0; i < n; i++) {
      Instant opened = openedAt(monday);
      double where = random.uniform();
      String deployment;
      if (where < 0.84 && !production.isEmpty()) {
        deployment = random.pick(production);
      } else if (where < 0.88 && !pilots.isEmpty()) {
        deployment = random.pick(pilots);
      } else if (where < 0.96) {
        deployment = null;
      } else {
        deployment = unknownDeployment(monday);
      }
      String cause = CAUSES[random.weighted(0.15, 0.2, 0.2, 0.15, 0.1, 0.1, 0.1)];
      newIncident(opened, deployment, cause, 0);
    }
  }

  /**
   * A random instant of the week, weighted by the local time band: business hours are busiest, but
   * evenings, weekends and nights all get incidents.
   */
  private Instant openedAt(LocalDate monday) {
    Instant from = monday.atStartOfDay(ZoneOffset.UTC).toInstant();
    while (true) {
      Instant t = from.plusMillis((long) (random.uniform() * 7 * 86400 * 1000));
      ZonedDateTime local = t.atZone(zone);
      int hour = local.getHour();
      boolean weekday = local.getDayOfWeek().getValue() <= 5;
      double weight = hour >= 22 || hour < 8 ? 0.35 : weekday && hour >= 8 && hour < 18 ? 1.0 : 0.5;
      if (random.chance(weight)) {
        return stamp(t);
      }
    }
  }

  private String unknownDeployment(LocalDate day) {
    List<String> gone = new ArrayList<>();
    for (String id : inventory.deployments.allKeys()) {
      if (inventory.deployments.at(id, day) == null
          && inventory.deployments.at(id, settings.start()) != null) {
        gone.add(id);
      }
    }
    return gone.isEmpty() ? "svc-" + random.between(100, 999) : random.pick(gone);
  }

  /**
   * An incident opened at {@code opened}, or null outside the history. {@code severityShift} makes
   * change-caused incidents more severe.
   */
  private Incident newIncident(Instant opened, String deployment, String cause, int severityShift) {
    if (!inHorizon(opened)) {
      return null;
    }
    int week = (int) ((opened.getEpochSecond() / 86400 - settings.start().toEpochDay()) / 7);
    double stress = ratios[Math.max(0, Math.min(ratios.length - 1, week - 1))];
    double lagged = ratios[Math.max(0, Math.min(ratios.length - 1, week - 2))];
    double extra = Math.max(0, lagged - 0.7) * 0.3;
    int severity =
        1
            + random.weighted(
                0.04 + extra * 0.3 + 0.04 * severityShift,
                0.16 + extra * 0.7 + 0.2 * severityShift,
                0.45,
                Math.max(0.05, 0.35 - extra - 0.2 * severityShift));
    opened = stamp(opened);
    Incident incident = new Incident();
    incident.id = incidentPrefix + incidentSequence++;
    incident.deploymentId = deployment;
    incident.severity = severity;
    incident.openedAt = opened;
    incident.rootCause = cause;
    LocalDate day = opened.atZone(ZoneOffset.UTC).toLocalDate();
    Map<String, Object> dep = deployment == null ? null : inventory.deployments.at(deployment, day);
    boolean monitored = dep != null && Boolean.TRUE.equals(dep.get("monitored"));
    double over = Math.max(0, stress - 0.6);
    incident.detectedBy =
        monitored && random.chance(0.85 - 0.2 * over)
            ? "monitoring"
            : random.chance(0.5 + 0.2 * over) ? "customer" : "internal";
    if (random.chance(0.9)) {
      double p = severity <= 2 ? 0.85 : severity == 3 ? 0.35 : 0.1;
      incident.customerImpact = random.chance(p);
    }
    incident.title = title(dep, cause);

    boolean sleeping = isSleepHours(opened);
    if (!random.chance(0.02 + 0.05 * over)) {
      double ackMinutes = random.logNormal(3 + 20 * over, 0.8) * (sleeping ? 2.5 : 1);
      incident.acknowledgedAt = stamp(opened.plusMillis(Math.round(ackMinutes * 60_000)));
    }
    if (!random.chance(0.02 + 0.04 * stress)) {
      double median =
          switch (severity) {
            case 1 -> 100;
            case 2 -> 160;
            case 3 -> 360;
            default -> 1500;
          };
      double minutes = random.logNormal(median * (0.7 + 0.9 * stress), 1.0);
      if (severity >= 3 && random.chance(0.05)) {
        minutes = random.uniform(7, 35) * 1440;
      }
      Instant resolved = opened.plusMillis(Math.round(minutes * 60_000));
      if (incident.acknowledgedAt != null && !resolved.isAfter(incident.acknowledgedAt)) {
        resolved = incident.acknowledgedAt.plusMillis(random.between(60_000, 600_000));
      }
      incident.resolvedAt = stamp(resolved);
      if (random.chance(0.06)) {
        incident.reopenedAt =
            stamp(resolved.plusMillis(Math.round(random.logNormal(360, 0.8) * 60_000)));
        incident.finallyResolvedAt =
            stamp(incident.reopenedAt.plusMillis(Math.round(random.logNormal(120, 0.8) * 60_000)));
      }
    }
    timeline(incident, dep, day, stress);
    incidents.add(incident);
    return incident;
  }

  private void timeline(Incident incident, Map<String, Object> dep, LocalDate day, double stress) {
    double over = Math.max(0, stress - 0.6);
    String owner = dep == null ? null : (String) dep.get("owner_team_id");
    String team;
    Instant assignedAt;
    if (owner != null && roster.teamExists(owner, day)) {
      team = owner;
      assignedAt =
          random.chance(0.05 + 0.3 * over)
              ? incident.openedAt.plusSeconds(60L * random.between(35, 150))
              : incident.openedAt.plusSeconds(60L * random.between(-2, 8));
    } else {
      List<String> triage = roster.teamsAt(day, "sre", "support", "platform");
      team = triage.isEmpty() ? null : triage.get(0);
      assignedAt = incident.openedAt.plusSeconds(60L * random.between(10, 120));
    }
    String person = person(team, day);
    incident.events.add(new Event(stamp(assignedAt), "assigned", team, person));
    if (incident.acknowledgedAt != null) {
      incident.events.add(new Event(incident.acknowledgedAt, "acknowledged", team, person));
    }
    Instant from = incident.acknowledgedAt != null ? incident.acknowledgedAt : assignedAt;
    Instant to =
        incident.resolvedAt != null ? incident.resolvedAt : from.plus(Duration.ofHours(12));
    int hops = Math.min(5, random.poisson(0.2 + 1.2 * Math.max(0, stress - 0.5)));
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < hops; i++) {
      times.add(
          stamp(
              from.plusSeconds(
                  (long) (random.uniform() * Duration.between(from, to).getSeconds()))));
    }
    times.sort(Comparator.naturalOrder());
    for (Instant at : times) {
      LocalDate on = at.atZone(ZoneOffset.UTC).toLocalDate();
      String type =
          List.of("escalated", "reassigned", "responder_added")
              .get(random.weighted(0.4, 0.35, 0.25));
      List<String> targets =
          "escalated".equals(type)
              ? roster.teamsAt(on, "sre", "platform")
              : "reassigned".equals(type)
                  ? roster.teamsAt(on, "product", "ml", "data", "platform")
                  : roster.teamsAt(on);
      List<String> others = new ArrayList<>(targets);
      others.remove(team);
      if (others.isEmpty()) {
        others = new ArrayList<>(roster.teamsAt(on));
        others.remove(team);
      }
      if (others.isEmpty()) {
        continue;
      }
      String target = random.pick(others);
      incident.events.add(new Event(at, type, target, person(target, on)));
      if (!"responder_added".equals(type)) {
        team = target;
      }
    }
    if (incident.resolvedAt != null) {
      LocalDate on = incident.resolvedAt.atZone(ZoneOffset.UTC).toLocalDate();
      incident.events.add(new Event(incident.resolvedAt, "resolved", team, person(team, on)));
      if (incident.reopenedAt != null) {
        incident.events.add(new Event(incident.reopenedAt, "reopened", team, null));
        LocalDate later = incident.finallyResolvedAt.atZone(ZoneOffset.UTC).toLocalDate();
        incident.events.add(
            new Event(incident.finallyResolvedAt, "resolved", team, person(team, later)));
      }
    }
    incident.events.sort(Comparator.comparing(Event::at));
  }

  private String person(String team, LocalDate day) {
    if (team == null) {
      return null;
    }
    List<String> members = roster.membersAt(team, day);
    if (members.isEmpty()) {
      return null;
    }
    return members.get(random.between(0, Math.min(1, members.size() - 1)));
  }

  private String title(Map<String, Object> dep, String cause) {
    String name = dep == null ? "multiple assistants" : (String) dep.get("name");
    String provider =
        dep == null || dep.get("model_provider") == null
            ? "the model provider"
            : (String) dep.get("model_provider");
    List<String> options =
        switch (cause) {
          case "data" ->
              List.of(
                  "Stale embeddings in " + name,
                  name + ": answers cite withdrawn policy documents");
          case "model" ->
              List.of(
                  "Hallucinated figures in " + name + " output",
                  name + " quality regression after model update",
                  name + " returned \"N/A\" for every field, retries exhausted");
          case "infra" ->
              List.of(
                  name + " p95 latency above SLO",
                  "Timeouts calling " + provider + " from " + name);
          case "integration" ->
              List.of(name + ": downstream CRM API returning 5xx", "Webhook failures in " + name);
          case "capacity" ->
              List.of(
                  provider + " rate limits (HTTP 429) on " + name,
                  "Token quota exhausted for " + name);
          case "change" ->
              List.of(
                  "Prompt change broke " + name + " formatting",
                  "Release of " + name + " failed health checks");
          default ->
              List.of(
                  "Intermittent errors in " + name,
                  name + " outage\nCustomer-facing; see status page");
        };
    return random.pick(options);
  }

  // ---------------------------------------------------------------- time helpers

  private boolean isSleepHours(Instant t) {
    int hour = t.atZone(zone).getHour();
    return hour >= 22 || hour < 8;
  }

  private Instant local(LocalDate date, LocalTime time) {
    return ZonedDateTime.of(LocalDateTime.of(date, time), zone).toInstant();
  }

  private boolean inHorizon(Instant t) {
    Instant from = settings.start().atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = settings.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return !t.isBefore(from) && t.isBefore(to);
  }

  /** Incident tools of JSON-exporting orgs keep milliseconds; the others whole seconds. */
  private Instant stamp(Instant t) {
    return t.truncatedTo(millis ? ChronoUnit.MILLIS : ChronoUnit.SECONDS);
  }

  private Instant withMillis(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).plusMillis(random.between(0, 999));
  }

  // ---------------------------------------------------------------- rows

  /** The changes as rows, each with the UTC day it happened (and a re-send when rolled back). */
  List<Map.Entry<LocalDate, Map<String, Object>>> changeRows() {
    List<Map.Entry<LocalDate, Map<String, Object>>> rows = new ArrayList<>();
    for (Change c : changes) {
      Map<String, Object> row = blank(LandingDataset.DEPLOYMENT_CHANGES);
      row.put("org_id", org.orgId());
      row.put("change_id", c.id());
      row.put("deployment_id", c.deploymentId());
      row.put("change_type", c.type());
      row.put("first_commit_at", c.firstCommitAt());
      row.put("deployed_at", c.deployedAt());
      row.put("outcome", c.outcome());
      rows.add(Map.entry(utcDay(c.deployedAt()), row));
      if (c.rolledBackAt() != null && inHorizon(c.rolledBackAt())) {
        Map<String, Object> resend = new LinkedHashMap<>(row);
        resend.put("outcome", "rolled_back");
        rows.add(Map.entry(utcDay(c.rolledBackAt()), resend));
      }
    }
    return rows;
  }

  /**
   * The incidents as rows: one per UTC day on which an incident's state changed (opened,
   * acknowledged, resolved, reopened), each with what was known at the end of that day.
   */
  List<Map.Entry<LocalDate, Map<String, Object>>> incidentRows() {
    List<Map.Entry<LocalDate, Map<String, Object>>> rows = new ArrayList<>();
    for (Incident i : incidents) {
      List<Instant> moments = new ArrayList<>();
      for (Instant t :
          new Instant[] {
            i.openedAt, i.acknowledgedAt, i.resolvedAt, i.reopenedAt, i.finallyResolvedAt
          }) {
        if (t != null && inHorizon(t)) {
          moments.add(t);
        }
      }
      List<LocalDate> days =
          moments.stream().map(OperationsSimulator::utcDay).distinct().sorted().toList();
      for (LocalDate day : days) {
        Instant endOfDay = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Object> row = blank(LandingDataset.INCIDENTS);
        row.put("org_id", org.orgId());
        row.put("incident_id", i.id);
        row.put("deployment_id", i.deploymentId);
        row.put("change_id", i.changeId);
        row.put("title", i.title);
        row.put("severity", i.severity);
        row.put("opened_at", i.openedAt);
        row.put("acknowledged_at", before(i.acknowledgedAt, endOfDay));
        Instant resolved = before(i.resolvedAt, endOfDay);
        if (before(i.reopenedAt, endOfDay) != null) {
          resolved = before(i.finallyResolvedAt, endOfDay);
        }
        row.put("resolved_at", resolved);
        row.put("detected_by", i.detectedBy);
        row.put("root_cause", resolved != null ? i.rootCause : null);
        row.put("customer_impact", i.customerImpact);
        rows.add(Map.entry(day, row));
      }
    }
    return rows;
  }

  List<Map.Entry<LocalDate, Map<String, Object>>> eventRows() {
    List<Map.Entry<LocalDate, Map<String, Object>>> rows = new ArrayList<>();
    for (Incident i : incidents) {
      int n = 0;
      for (Event e : i.events) {
        n++;
        if (!inHorizon(e.at())) {
          continue;
        }
        Map<String, Object> row = blank(LandingDataset.INCIDENT_EVENTS);
        row.put("org_id", org.orgId());
        row.put("incident_id", i.id);
        row.put("event_id", String.format(Locale.ROOT, "e%02d", n));
        row.put("event_at", e.at());
        row.put("event_type", e.type());
        row.put("team_id", e.teamId());
        row.put("person_id", e.personId());
        rows.add(Map.entry(utcDay(e.at()), row));
      }
    }
    return rows;
  }

  private static Instant before(Instant t, Instant limit) {
    return t != null && t.isBefore(limit) ? t : null;
  }

  static LocalDate utcDay(Instant t) {
    return t.atZone(ZoneOffset.UTC).toLocalDate();
  }

  static Map<String, Object> blank(LandingDataset dataset) {
    Map<String, Object> row = new LinkedHashMap<>();
    dataset.fields().forEach(f -> row.put(f.name(), null));
    return row;
  }
}
