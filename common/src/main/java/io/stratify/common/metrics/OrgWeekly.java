package io.stratify.common.metrics;

import io.stratify.common.config.MetricSettings;
import io.stratify.common.contract.MartTables;
import io.stratify.common.metrics.OrgHistory.Change;
import io.stratify.common.metrics.OrgHistory.Deployment;
import io.stratify.common.metrics.OrgHistory.Incident;
import io.stratify.common.metrics.OrgHistory.IncidentEvent;
import io.stratify.common.metrics.OrgHistory.Org;
import io.stratify.common.metrics.OrgHistory.Person;
import io.stratify.common.metrics.OrgHistory.Team;
import io.stratify.common.metrics.OrgHistory.Usage;
import io.stratify.common.stats.Gini;
import io.stratify.common.stats.Percentiles;
import io.stratify.common.stats.Ties;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * marts.org_weekly, marts.deployment_weekly and marts.incident_attribution for one org, exactly as
 * METRICS.md defines them. Pure: a function of the org's history, the run date and the settings.
 * One {@link ChangeAttribution} feeds both the change metrics and incident_attribution.
 */
public final class OrgWeekly {

  /**
   * The rows of one org, and per week its cohort, consent and benchmark values as of week end (the
   * input of {@link Benchmarks}).
   */
  public record Result(
      List<MetricRow> orgWeeks,
      List<MetricRow> deploymentWeeks,
      List<Benchmarks.OrgWeek> benchmarkInputs,
      List<MetricRow> incidentAttribution) {}

  private static final Set<String> TOUCH_EVENTS =
      Set.of("assigned", "escalated", "reassigned", "responder_added");
  private static final double MINUTE_NANOS = 60e9;
  private static final double HOUR_NANOS = 3600e9;
  private static final int DRIFT_WEEKS = 8;
  private static final int DRIFT_MIN_VALUES = 4;

  private final OrgHistory h;
  private final LocalDate runDate;
  private final MetricSettings s;
  private final Map<String, List<IncidentEvent>> eventsByIncident = new HashMap<>();
  private final ChangeAttribution attribution;
  private final Map<String, LocalDate> firstVersion = new HashMap<>();

  /** deployment -> week_start -> {latency_p95_ms, error_rate} of its earlier rows. */
  private final Map<String, TreeMap<LocalDate, Double[]>> driftHistory = new HashMap<>();

  private OrgWeekly(OrgHistory h, LocalDate runDate, MetricSettings s) {
    this.h = h;
    this.runDate = runDate;
    this.s = s;
    h.events()
        .forEach(
            e -> eventsByIncident.computeIfAbsent(e.incidentId(), k -> new ArrayList<>()).add(e));
    this.attribution = new ChangeAttribution(h.changes(), h.incidents(), s.attributionWindow());
    for (Versioned<Deployment> v : h.deployments().versions()) {
      firstVersion.merge(v.value().deploymentId(), v.validFrom(), (a, b) -> a.isBefore(b) ? a : b);
    }
  }

  public static Result compute(OrgHistory history, LocalDate runDate, MetricSettings settings) {
    return new OrgWeekly(history, runDate, settings).compute();
  }

  /** The first week of the org: its first snapshot, or its first incident, change or usage. */
  static Optional<LocalDate> firstWeek(OrgHistory h) {
    return Stream.of(
            Stream.of(h.org(), h.teams(), h.people(), h.deployments(), h.budgets())
                .map(Timeline::first)
                .flatMap(Optional::stream),
            h.incidents().stream().map(i -> Weeks.weekStart(i.openedAt())),
            h.changes().stream().map(c -> Weeks.weekStart(c.deployedAt())),
            h.usage().stream().map(Usage::usageDate))
        .flatMap(x -> x)
        .min(Comparator.naturalOrder())
        .map(Weeks::weekStart);
  }

  private Result compute() {
    List<MetricRow> orgRows = new ArrayList<>();
    List<MetricRow> deploymentRows = new ArrayList<>();
    List<Benchmarks.OrgWeek> inputs = new ArrayList<>();
    Optional<LocalDate> first = firstWeek(h);
    if (h.org().first().isEmpty() || first.isEmpty()) {
      return new Result(orgRows, deploymentRows, inputs, List.of());
    }
    LocalDate runWeek = Weeks.weekStart(runDate);
    Map<LocalDate, List<Incident>> incidentsByWeek =
        byWeek(h.incidents().stream(), i -> Weeks.weekStart(i.openedAt()));
    Map<LocalDate, List<Change>> changesByWeek =
        byWeek(h.changes().stream(), c -> Weeks.weekStart(c.deployedAt()));
    Map<LocalDate, List<Usage>> usageByWeek =
        byWeek(h.usage().stream(), u -> Weeks.weekStart(u.usageDate()));
    for (LocalDate ws = first.get(); !ws.isAfter(runWeek); ws = ws.plusWeeks(1)) {
      Week w =
          new Week(
              ws,
              incidentsByWeek.getOrDefault(ws, List.of()),
              changesByWeek.getOrDefault(ws, List.of()),
              usageByWeek.getOrDefault(ws, List.of()));
      MetricRow row = w.orgRow();
      orgRows.add(row);
      deploymentRows.addAll(w.deploymentRows());
      Map<String, Double> values = new HashMap<>();
      MartTables.BENCHMARK_METRICS.forEach(m -> values.put(m, (Double) row.get(m)));
      inputs.add(
          new Benchmarks.OrgWeek(
              h.orgId(), ws, w.org.industry(), w.org.sizeBand(), w.org.benchmarkConsent(), values));
    }
    return new Result(orgRows, deploymentRows, inputs, incidentAttribution());
  }

  /** Every incident opened up to the end of the run date (UTC), with its attributed change. */
  private List<MetricRow> incidentAttribution() {
    Instant end = runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<MetricRow> rows = new ArrayList<>();
    for (ChangeAttribution.Attribution a : attribution.perIncident()) {
      Incident i = a.incident();
      if (!i.openedAt().isBefore(end)) {
        continue;
      }
      rows.add(
          new MetricRow(MartTables.INCIDENT_ATTRIBUTION)
              .set("org_id", h.orgId())
              .set("incident_id", i.incidentId())
              .set("week_start", Weeks.weekStart(i.openedAt()))
              .set("deployment_id", i.deploymentId())
              .set("severity", i.severity())
              .set("change_id", a.change() == null ? null : a.change().changeId())
              .set("attributed_by", a.attributedBy() == null ? null : a.attributedBy().label())
              .set("change_deployment_id", a.change() == null ? null : a.change().deploymentId())
              .set("hours_after_change", a.hoursAfterChange().orElse(null)));
    }
    return rows;
  }

  private static <T> Map<LocalDate, List<T>> byWeek(
      Stream<T> items, java.util.function.Function<T, LocalDate> week) {
    Map<LocalDate, List<T>> out = new HashMap<>();
    items.forEach(i -> out.computeIfAbsent(week.apply(i), k -> new ArrayList<>()).add(i));
    return out;
  }

  /** One week of the org, with its state as of week end. */
  private final class Week {
    final LocalDate ws;
    final LocalDate se;
    final List<Incident> incidents;
    final List<Change> changes;
    final List<Usage> usage;
    final Org org;
    final Set<String> teams = new HashSet<>();
    final List<Person> people;
    final Map<String, Deployment> deployments = new LinkedHashMap<>();
    final List<Deployment> production;
    final Map<String, Integer> onCallByTeam = new HashMap<>();
    final int onCall;
    final DependencyGraph graph;

    Week(LocalDate ws, List<Incident> incidents, List<Change> changes, List<Usage> usage) {
      this.ws = ws;
      this.se = Weeks.weekEnd(ws);
      this.incidents = incidents;
      this.changes = changes;
      this.usage = usage;
      this.org = h.org().asOf(se).get(0);
      h.teams().asOf(se).stream().map(Team::teamId).forEach(teams::add);
      this.people = h.people().asOf(se);
      h.deployments().asOf(se).stream()
          .sorted(Comparator.comparing(Deployment::deploymentId))
          .forEach(d -> deployments.put(d.deploymentId(), d));
      this.production = deployments.values().stream().filter(Deployment::inProduction).toList();
      int n = 0;
      for (Person p : people) {
        if (p.onCall()) {
          n++;
          if (p.teamId() != null) {
            onCallByTeam.merge(p.teamId(), 1, Integer::sum);
          }
        }
      }
      this.onCall = n;
      Map<String, List<String>> dependsOn = new HashMap<>();
      deployments.values().forEach(d -> dependsOn.put(d.deploymentId(), d.dependsOn()));
      this.graph = new DependencyGraph(dependsOn);
    }

    MetricRow orgRow() {
      MetricRow r = new MetricRow(MartTables.ORG_WEEKLY);
      r.set("org_id", h.orgId()).set("week_start", ws);

      int ambition = production.stream().mapToInt(d -> 5 - d.businessCriticality()).sum();
      double capacity = onCall * s.pointsPerOncallEngineer();
      Double ratio = ratio(ambition, capacity);
      r.set("production_deployments", production.size())
          .set(
              "pilot_deployments",
              (int)
                  deployments.values().stream()
                      .filter(d -> "pilot".equals(d.lifecycleStage()))
                      .count())
          .set("oncall_engineers", onCall)
          .set("deployments_per_oncall", ratio(production.size(), onCall))
          .set("ambition_points", ambition)
          .set("capacity_points", capacity)
          .set("supportability_ratio", ratio)
          .set("boundary_status", boundary(ratio, ambition, capacity));

      incidentResponse(r);
      operatingSignals(r);
      providers(r);
      cost(r);
      changeMetrics(r);
      r.set("week_complete", !ws.equals(Weeks.weekStart(runDate)));
      return r;
    }

    private String boundary(Double ratio, int ambition, double capacity) {
      if ((ratio != null && Ties.above(ratio, s.exceededRatio()))
          || (capacity == 0 && ambition > 0)) {
        return "exceeded";
      }
      if (ratio != null && Ties.atLeast(ratio, s.approachingRatio())) {
        return "approaching";
      }
      return "within";
    }

    private void incidentResponse(MetricRow r) {
      List<Double> ack = new ArrayList<>();
      List<Double> resolve = new ArrayList<>();
      int[] bands = new int[TimeBand.values().length];
      ZoneId zone = ZoneId.of(org.timezone());
      for (Incident i : incidents) {
        if (i.acknowledgedAt() != null) {
          ack.add(minutes(i.openedAt(), i.acknowledgedAt()));
        }
        if (i.resolvedAt() != null) {
          resolve.add(minutes(i.openedAt(), i.resolvedAt()));
        }
        bands[TimeBand.of(i.openedAt(), zone).ordinal()]++;
      }
      r.set("incidents", incidents.size())
          .set("sev12_incidents", (int) incidents.stream().filter(i -> i.severity() <= 2).count())
          .set("mtta_p50_min", Percentiles.percentile(array(ack), 50))
          .set("mttr_p50_min", Percentiles.percentile(array(resolve), 50))
          .set("mttr_p90_min", Percentiles.percentile(array(resolve), 90))
          .set("business_hours_incidents", bands[TimeBand.BUSINESS.ordinal()])
          .set("off_hours_incidents", bands[TimeBand.OFF.ordinal()])
          .set("sleep_hours_incidents", bands[TimeBand.SLEEP.ordinal()])
          .set("pages_per_oncall", ratio(incidents.size(), onCall))
          .set("sleep_interruptions_per_oncall", ratio(bands[TimeBand.SLEEP.ordinal()], onCall));
    }

    private void operatingSignals(MetricRow r) {
      int gaps = 0;
      int reassigned = 0;
      int escalated = 0;
      int touches = 0;
      int crossTeam = 0;
      int coordination = 0;
      for (Incident i : incidents) {
        List<IncidentEvent> events = eventsByIncident.getOrDefault(i.incidentId(), List.of());
        if (ownershipGap(i, events)) {
          gaps++;
        }
        Set<String> touched = new HashSet<>();
        for (IncidentEvent e : events) {
          if ("reassigned".equals(e.eventType())) {
            reassigned++;
          } else if ("escalated".equals(e.eventType())) {
            escalated++;
          }
          if (TOUCH_EVENTS.contains(e.eventType()) && e.teamId() != null) {
            touched.add(e.teamId());
          }
        }
        touches += touched.size();
        if (touched.size() >= 2) {
          crossTeam++;
        }
        coordination += Math.max(touched.size() - 1, 0);
      }
      int n = incidents.size();
      r.set("unowned_incident_rate", ratio(gaps, n))
          .set("reassignments_per_incident", ratio(reassigned, n))
          .set("escalations_per_incident", ratio(escalated, n))
          .set("avg_teams_per_incident", ratio(touches, n))
          .set("cross_team_incident_share", ratio(crossTeam, n))
          .set("coordination_load_per_oncall", ratio(coordination, onCall));

      long unowned = production.stream().filter(d -> !ownedByExistingTeam(d)).count();
      long thin =
          production.stream()
              .filter(this::ownedByExistingTeam)
              .filter(d -> onCallByTeam.getOrDefault(d.ownerTeamId(), 0) < 2)
              .count();
      r.set("unowned_deployment_share", ratio(unowned, production.size()))
          .set("thinly_staffed_deployments", (int) thin);

      Set<String> owningTeams = new java.util.TreeSet<>();
      production.stream()
          .filter(this::ownedByExistingTeam)
          .forEach(d -> owningTeams.add(d.ownerTeamId()));
      Map<String, Integer> load = new HashMap<>();
      owningTeams.forEach(t -> load.put(t, 0));
      LocalDate from = ws.minusWeeks(3);
      h.incidents().stream()
          .filter(i -> Weeks.within(i.openedAt(), from, ws.plusWeeks(1)))
          .map(i -> i.deploymentId() == null ? null : deployments.get(i.deploymentId()))
          .filter(Objects::nonNull)
          .map(Deployment::ownerTeamId)
          .filter(load::containsKey)
          .forEach(t -> load.merge(t, 1, Integer::sum));
      double[] x = load.values().stream().mapToDouble(Integer::doubleValue).toArray();
      double sum = 0;
      double max = 0;
      for (double v : x) {
        sum += v;
        max = Math.max(max, v);
      }
      r.set("incident_load_gini", Gini.coefficient(x))
          .set("top_team_incident_share", sum == 0 ? null : max / sum);
    }

    private boolean ownershipGap(Incident i, List<IncidentEvent> events) {
      Deployment d = i.deploymentId() == null ? null : deployments.get(i.deploymentId());
      if (d == null || !ownedByExistingTeam(d)) {
        return true;
      }
      Instant deadline = i.openedAt().plus(Duration.ofMinutes(s.assignmentWindowMinutes()));
      return events.stream()
          .noneMatch(
              e ->
                  "assigned".equals(e.eventType())
                      && e.teamId() != null
                      && !e.eventAt().isAfter(deadline));
    }

    private boolean ownedByExistingTeam(Deployment d) {
      return d.ownerTeamId() != null && teams.contains(d.ownerTeamId());
    }

    private void providers(MetricRow r) {
      Map<String, Integer> byProvider = new HashMap<>();
      production.forEach(
          d ->
              byProvider.merge(
                  d.modelProvider() == null ? "unknown" : d.modelProvider(), 1, Integer::sum));
      Double hhi = null;
      if (!production.isEmpty()) {
        double sum = 0;
        for (int c : byProvider.values()) {
          double share = (double) c / production.size();
          sum += share * share;
        }
        hhi = sum;
      }
      Map<String, Set<String>> users = new HashMap<>();
      deployments.values().stream()
          .filter(d -> d.modelProvider() != null)
          .forEach(
              d ->
                  users
                      .computeIfAbsent(d.modelProvider(), p -> new HashSet<>())
                      .add(d.deploymentId()));
      Integer blast = null;
      if (!users.isEmpty()) {
        Map<String, Set<String>> reach = new HashMap<>();
        production.forEach(d -> reach.put(d.deploymentId(), graph.reachableFrom(d.deploymentId())));
        int best = 0;
        for (Set<String> using : users.values()) {
          int n = 0;
          for (Deployment d : production) {
            if (using.contains(d.deploymentId())
                || reach.get(d.deploymentId()).stream().anyMatch(using::contains)) {
              n++;
            }
          }
          best = Math.max(best, n);
        }
        blast = best;
      }
      r.set("provider_hhi", hhi).set("max_provider_blast_radius", blast);
    }

    private void cost(MetricRow r) {
      BigDecimal cost = BigDecimal.ZERO;
      BigDecimal frontier = BigDecimal.ZERO;
      BigDecimal lowCritFrontier = BigDecimal.ZERO;
      long requests = 0;
      long tokens = 0;
      for (Usage u : usage) {
        cost = cost.add(u.costUsd());
        requests += u.requests();
        tokens += u.inputTokens() + u.outputTokens();
        if ("frontier".equals(u.modelTier())) {
          frontier = frontier.add(u.costUsd());
          Deployment d = deployments.get(u.deploymentId());
          if (d != null && d.businessCriticality() >= 3) {
            lowCritFrontier = lowCritFrontier.add(u.costUsd());
          }
        }
      }
      double hours = engineerHours();
      double hourly =
          org.loadedHourlyCostUsd() == null
              ? s.defaultLoadedHourlyCostUsd()
              : org.loadedHourlyCostUsd().doubleValue();
      r.set("inference_cost_usd", cost)
          .set("requests", requests)
          .set("tokens", tokens)
          .set("cost_per_1k_requests", requests == 0 ? null : 1000 * cost.doubleValue() / requests)
          .set(
              "frontier_cost_share",
              cost.signum() == 0 ? null : frontier.doubleValue() / cost.doubleValue())
          .set("low_criticality_frontier_cost_usd", lowCritFrontier)
          .set("incident_engineer_hours", hours)
          .set("cost_to_support_usd", cost.doubleValue() + hours * hourly);
    }

    private double engineerHours() {
      double total = 0;
      for (Incident i : incidents) {
        Map<String, Instant> firstEvent = new HashMap<>();
        for (IncidentEvent e : eventsByIncident.getOrDefault(i.incidentId(), List.of())) {
          if (e.personKey() != null) {
            firstEvent.merge(e.personKey(), e.eventAt(), (a, b) -> a.isBefore(b) ? a : b);
          }
        }
        for (Instant start : firstEvent.values()) {
          total +=
              i.resolvedAt() == null
                  ? 8
                  : Math.max(
                      0,
                      Math.min(8, Duration.between(start, i.resolvedAt()).toNanos() / HOUR_NANOS));
        }
      }
      return total;
    }

    private void changeMetrics(MetricRow r) {
      Set<LocalDate> days = new HashSet<>();
      int failed = 0;
      List<Double> leadTimes = new ArrayList<>();
      List<Double> recoveries = new ArrayList<>();
      for (Change c : changes) {
        if (c.succeeded()) {
          days.add(c.deployedAt().atOffset(ZoneOffset.UTC).toLocalDate());
        }
        if (c.firstCommitAt() != null) {
          double lead = hours(c.firstCommitAt(), c.deployedAt());
          if (lead > 0) {
            leadTimes.add(lead);
          }
        }
        List<Incident> caused = attribution.incidentsOf(c.changeId());
        boolean failure =
            "failed".equals(c.outcome()) || "rolled_back".equals(c.outcome()) || !caused.isEmpty();
        if (!failure) {
          continue;
        }
        failed++;
        recovery(c, caused).ifPresent(recoveries::add);
      }
      r.set("changes_deployed", changes.size())
          .set("deployment_days", days.size())
          .set("change_failure_rate", ratio(failed, changes.size()))
          .set("lead_time_p50_hours", Percentiles.percentile(array(leadTimes), 50))
          .set("recovery_time_p50_hours", Percentiles.percentile(array(recoveries), 50));
    }

    private Optional<Double> recovery(Change c, List<Incident> caused) {
      if (!caused.isEmpty()) {
        if (caused.stream().anyMatch(i -> i.resolvedAt() == null)) {
          return Optional.empty();
        }
        Instant last =
            caused.stream().map(Incident::resolvedAt).max(Comparator.naturalOrder()).get();
        return Optional.of(hours(c.deployedAt(), last));
      }
      return h.changes().stream()
          .filter(n -> n.succeeded() && Objects.equals(n.deploymentId(), c.deploymentId()))
          .filter(n -> n.deployedAt().isAfter(c.deployedAt()))
          .map(Change::deployedAt)
          .min(Comparator.naturalOrder())
          .map(next -> hours(c.deployedAt(), next));
    }

    List<MetricRow> deploymentRows() {
      List<MetricRow> rows = new ArrayList<>();
      for (Deployment d : deployments.values()) {
        boolean live = "pilot".equals(d.lifecycleStage()) || d.inProduction();
        if (!live || Weeks.weekStart(firstVersion.get(d.deploymentId())).isAfter(ws)) {
          continue;
        }
        rows.add(deploymentRow(d));
      }
      return rows;
    }

    private MetricRow deploymentRow(Deployment d) {
      MetricRow r = new MetricRow(MartTables.DEPLOYMENT_WEEKLY);
      r.set("org_id", h.orgId())
          .set("deployment_id", d.deploymentId())
          .set("week_start", ws)
          .set("lifecycle_stage", d.lifecycleStage())
          .set("owner_team_id", d.ownerTeamId())
          .set("business_criticality", d.businessCriticality())
          .set("model_provider", d.modelProvider())
          .set("model_tier", d.modelTier());

      List<Incident> own =
          incidents.stream().filter(i -> d.deploymentId().equals(i.deploymentId())).toList();
      List<Double> resolve = new ArrayList<>();
      own.stream()
          .filter(i -> i.resolvedAt() != null)
          .forEach(i -> resolve.add(minutes(i.openedAt(), i.resolvedAt())));
      r.set("incidents", own.size())
          .set("sev12_incidents", (int) own.stream().filter(i -> i.severity() <= 2).count())
          .set("mttr_p50_min", Percentiles.percentile(array(resolve), 50));

      long requests = 0;
      long errors = 0;
      BigDecimal cost = BigDecimal.ZERO;
      double weightedLatency = 0;
      long latencyRequests = 0;
      for (Usage u : usage) {
        if (!d.deploymentId().equals(u.deploymentId())) {
          continue;
        }
        requests += u.requests();
        errors += u.errors();
        cost = cost.add(u.costUsd());
        if (u.latencyP95Ms() != null) {
          weightedLatency += u.latencyP95Ms() * u.requests();
          latencyRequests += u.requests();
        }
      }
      Double errorRate = ratio(errors, requests);
      Double latency = latencyRequests == 0 ? null : weightedLatency / latencyRequests;
      TreeMap<LocalDate, Double[]> past =
          driftHistory.computeIfAbsent(d.deploymentId(), k -> new TreeMap<>());
      Double latencyDrift = drift(latency, past, 0);
      Double errorDrift = drift(errorRate, past, 1);
      past.put(ws, new Double[] {latency, errorRate});
      r.set("requests", requests)
          .set("cost_usd", cost)
          .set("cost_per_1k_requests", requests == 0 ? null : 1000 * cost.doubleValue() / requests)
          .set("error_rate", errorRate)
          .set("latency_p95_ms", latency)
          .set("latency_drift", latencyDrift)
          .set("error_rate_drift", errorDrift)
          .set(
              "degraded",
              (latencyDrift != null && Ties.above(latencyDrift, s.degradedLatencyDrift()))
                  || (errorDrift != null && Ties.above(errorDrift, s.degradedErrorRateDrift())));

      Set<String> dependents = graph.dependents(d.deploymentId());
      int units = d.dependentBusinessUnits();
      for (String other : dependents) {
        units += deployments.get(other).dependentBusinessUnits();
      }
      r.set("blast_radius", dependents.size()).set("blast_radius_business_units", units);
      r.set("readiness_level", readiness(d))
          .set("week_complete", !ws.equals(Weeks.weekStart(runDate)));
      return r;
    }

    private Double drift(Double value, TreeMap<LocalDate, Double[]> past, int which) {
      if (value == null) {
        return null;
      }
      double[] previous =
          past.subMap(ws.minusWeeks(DRIFT_WEEKS), true, ws.minusWeeks(1), true).values().stream()
              .map(v -> v[which])
              .filter(Objects::nonNull)
              .mapToDouble(Double::doubleValue)
              .toArray();
      if (previous.length < DRIFT_MIN_VALUES) {
        return null;
      }
      double median = Percentiles.median(previous);
      return median == 0 ? null : value / median;
    }

    private String readiness(Deployment d) {
      boolean bronze = ownedByExistingTeam(d) && d.monitored();
      boolean silver = bronze && d.hasRunbook() && d.humanFallback();
      LocalDate from = ws.minusWeeks(3);
      boolean severe =
          h.incidents().stream()
              .anyMatch(
                  i ->
                      d.deploymentId().equals(i.deploymentId())
                          && i.severity() <= 2
                          && Weeks.within(i.openedAt(), from, ws.plusWeeks(1)));
      boolean gold = silver && onCallByTeam.getOrDefault(d.ownerTeamId(), 0) >= 2 && !severe;
      return gold ? "gold" : silver ? "silver" : bronze ? "bronze" : "none";
    }
  }

  static Double ratio(double numerator, double denominator) {
    return denominator == 0 ? null : numerator / denominator;
  }

  static double minutes(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / MINUTE_NANOS;
  }

  static double hours(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / HOUR_NANOS;
  }

  static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
