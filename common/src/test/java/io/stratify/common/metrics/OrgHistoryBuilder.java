package io.stratify.common.metrics;

import io.stratify.common.metrics.OrgHistory.Budget;
import io.stratify.common.metrics.OrgHistory.Change;
import io.stratify.common.metrics.OrgHistory.Deployment;
import io.stratify.common.metrics.OrgHistory.Incident;
import io.stratify.common.metrics.OrgHistory.IncidentEvent;
import io.stratify.common.metrics.OrgHistory.Org;
import io.stratify.common.metrics.OrgHistory.Person;
import io.stratify.common.metrics.OrgHistory.Team;
import io.stratify.common.metrics.OrgHistory.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds an {@link OrgHistory} by hand for metric tests. */
final class OrgHistoryBuilder {

  final String orgId;
  final List<Versioned<Org>> org = new ArrayList<>();
  final List<Versioned<Team>> teams = new ArrayList<>();
  final List<Versioned<Person>> people = new ArrayList<>();
  final List<Versioned<Deployment>> deployments = new ArrayList<>();
  final List<Versioned<Budget>> budgets = new ArrayList<>();
  final List<Incident> incidents = new ArrayList<>();
  final List<IncidentEvent> events = new ArrayList<>();
  final List<Change> changes = new ArrayList<>();
  final List<Usage> usage = new ArrayList<>();

  OrgHistoryBuilder(String orgId) {
    this.orgId = orgId;
  }

  static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }

  static Instant at(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }

  static <T> Versioned<T> v(T value, String from, String to) {
    return new Versioned<>(value, day(from), to == null ? null : day(to));
  }

  OrgHistoryBuilder org(String timezone, String hourlyCost, String from, String to) {
    org.add(
        v(
            new Org(
                "retail",
                "M",
                timezone,
                true,
                hourlyCost == null ? null : new BigDecimal(hourlyCost)),
            from,
            to));
    return this;
  }

  OrgHistoryBuilder team(String id, String from, String to) {
    teams.add(v(new Team(id), from, to));
    return this;
  }

  OrgHistoryBuilder person(String key, String team, boolean onCall, String from, String to) {
    people.add(v(new Person(key, team, onCall), from, to));
    return this;
  }

  OrgHistoryBuilder deployment(Deployment d, String from, String to) {
    deployments.add(v(d, from, to));
    return this;
  }

  OrgHistoryBuilder budget(Budget b, String from, String to) {
    budgets.add(v(b, from, to));
    return this;
  }

  OrgHistoryBuilder incident(
      String id,
      String deployment,
      String change,
      int severity,
      String opened,
      String ack,
      String resolved) {
    incidents.add(
        new Incident(id, deployment, change, severity, at(opened), at(ack), at(resolved)));
    return this;
  }

  OrgHistoryBuilder event(
      String incident, String id, String at, String type, String team, String person) {
    events.add(new IncidentEvent(incident, id, at(at), type, team, person));
    return this;
  }

  OrgHistoryBuilder change(
      String id, String deployment, String firstCommit, String deployed, String outcome) {
    changes.add(new Change(id, deployment, at(firstCommit), at(deployed), outcome));
    return this;
  }

  OrgHistoryBuilder usage(
      String date,
      String deployment,
      String model,
      String tier,
      long requests,
      long in,
      long out,
      long errors,
      String cost,
      Double latency) {
    usage.add(
        new Usage(
            day(date),
            deployment,
            model,
            "provider",
            tier,
            requests,
            in,
            out,
            errors,
            new BigDecimal(cost),
            latency));
    return this;
  }

  OrgHistory build() {
    return new OrgHistory(
        orgId,
        new Timeline<>(org),
        new Timeline<>(teams),
        new Timeline<>(people),
        new Timeline<>(deployments),
        new Timeline<>(budgets),
        incidents,
        events,
        changes,
        usage);
  }

  static Deployment deployment(
      String id,
      String owner,
      String stage,
      int criticality,
      int units,
      List<String> dependsOn,
      String provider,
      String tier,
      boolean monitored,
      boolean runbook,
      boolean fallback) {
    return new Deployment(
        id,
        owner,
        stage,
        criticality,
        units,
        dependsOn,
        provider,
        tier,
        monitored,
        runbook,
        fallback);
  }
}
