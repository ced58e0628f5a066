package io.stratify.jobs.generate;

import static io.stratify.common.contract.LandingDataset.DEPLOYMENTS;
import static io.stratify.common.contract.LandingDataset.DEPLOYMENT_CHANGES;
import static io.stratify.common.contract.LandingDataset.INCIDENTS;
import static io.stratify.common.contract.LandingDataset.INCIDENT_EVENTS;
import static io.stratify.common.contract.LandingDataset.INFERENCE_USAGE;
import static io.stratify.common.contract.LandingDataset.ORGS;
import static io.stratify.common.contract.LandingDataset.PEOPLE;
import static io.stratify.common.contract.LandingDataset.TEAMS;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.contract.LandingDataset;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The default sample exercises what METRICS.md computes: checked on the rows ingest accepts. */
class RealismTest {

  private static List<GeneratedLanding.Read> accepted(LandingDataset dataset) {
    return DefaultSample.landing().accepted.stream().filter(r -> r.dataset() == dataset).toList();
  }

  /** Upsert semantics: per key, the version from the latest drop. */
  private static Map<String, GeneratedLanding.Read> latest(LandingDataset dataset) {
    Map<String, GeneratedLanding.Read> latest = new TreeMap<>();
    accepted(dataset).forEach(r -> latest.put(r.key(), r));
    return latest;
  }

  private static Map<String, Integer> countBy(
      List<GeneratedLanding.Read> reads, java.util.function.Function<GeneratedLanding.Read, ?> f) {
    Map<String, Integer> counts = new TreeMap<>();
    reads.forEach(r -> counts.merge(String.valueOf(f.apply(r)), 1, Integer::sum));
    return counts;
  }

  @Test
  void orgsSpanIndustriesSizesAndTimezonesWithAndWithoutDst() {
    List<GeneratedLanding.Read> orgs = accepted(ORGS);
    assertThat(countBy(orgs, r -> r.value("size_band")).keySet()).contains("S", "M", "L", "XL");
    assertThat(countBy(orgs, r -> r.value("industry"))).hasSizeGreaterThanOrEqualTo(6);
    assertThat(countBy(orgs, r -> r.value("timezone")).keySet())
        .contains("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC");
    assertThat(orgs).anyMatch(r -> r.value("loaded_hourly_cost_usd") == null);
    assertThat(countBy(orgs, r -> r.value("org_name")))
        .as("an org renamed mid-history")
        .containsKeys("Fjord Energy", "Fjord Energy ASA");
  }

  @Test
  void incidentsOpenInEveryLocalTimeBandAcrossSeverities() {
    Map<String, ZoneId> zones = new HashMap<>();
    accepted(ORGS).forEach(r -> zones.put(r.orgId(), ZoneId.of((String) r.value("timezone"))));
    Map<String, Integer> bands = new TreeMap<>();
    for (GeneratedLanding.Read incident : latest(INCIDENTS).values()) {
      ZonedDateTime local =
          ((Instant) incident.value("opened_at")).atZone(zones.get(incident.orgId()));
      int hour = local.getHour();
      String band =
          hour >= 22 || hour < 8
              ? "sleep"
              : local.getDayOfWeek().getValue() <= 5 && hour < 18 ? "business" : "off";
      bands.merge(band, 1, Integer::sum);
    }
    assertThat(bands).containsOnlyKeys("business", "off", "sleep");
    assertThat(bands.values()).allMatch(n -> n >= 50);
    assertThat(countBy(accepted(INCIDENTS), r -> r.value("severity")).keySet())
        .containsExactly("1", "2", "3", "4");
  }

  @Test
  void incidentsAreResentAsTheyAreAcknowledgedAndResolvedSomeLateSomeNever() {
    Map<String, GeneratedLanding.Read> incidents = latest(INCIDENTS);
    Map<String, Integer> sends = countBy(accepted(INCIDENTS), GeneratedLanding.Read::key);
    assertThat(sends.values()).as("re-sent incidents").anyMatch(n -> n >= 2);
    List<Duration> toResolve = new ArrayList<>();
    int open = 0;
    for (GeneratedLanding.Read i : incidents.values()) {
      Instant resolved = (Instant) i.value("resolved_at");
      if (resolved == null) {
        open++;
      } else {
        toResolve.add(Duration.between((Instant) i.value("opened_at"), resolved));
      }
    }
    assertThat(open).as("never resolved").isGreaterThan(5);
    assertThat(toResolve).as("resolved weeks later").anyMatch(d -> d.toDays() >= 14);
    assertThat(incidents.values())
        .as("no deployment")
        .anyMatch(i -> i.value("deployment_id") == null);

    Set<String> deploymentIds = new HashSet<>();
    accepted(DEPLOYMENTS)
        .forEach(d -> deploymentIds.add(d.orgId() + "/" + d.value("deployment_id")));
    assertThat(incidents.values())
        .as("a deployment id in no inventory")
        .anyMatch(
            i ->
                i.value("deployment_id") != null
                    && !deploymentIds.contains(i.orgId() + "/" + i.value("deployment_id")));

    Map<String, String> outcomes = new HashMap<>();
    latest(DEPLOYMENT_CHANGES)
        .values()
        .forEach(
            c -> outcomes.put(c.orgId() + "/" + c.value("change_id"), (String) c.value("outcome")));
    assertThat(incidents.values())
        .as("caused by a failed change")
        .anyMatch(
            i ->
                !"success"
                    .equals(
                        outcomes.getOrDefault(i.orgId() + "/" + i.value("change_id"), "success")));
  }

  @Test
  void incidentTimelinesMoveAcrossTeamsWithTheOrgsPeople() {
    List<GeneratedLanding.Read> events = accepted(INCIDENT_EVENTS);
    assertThat(countBy(events, r -> r.value("event_type")).keySet())
        .containsExactlyInAnyOrder(
            "assigned",
            "escalated",
            "reassigned",
            "responder_added",
            "acknowledged",
            "resolved",
            "reopened");
    Set<String> people = new HashSet<>();
    accepted(PEOPLE).forEach(p -> people.add(p.orgId() + "/" + p.value("person_id")));
    assertThat(events)
        .filteredOn(e -> e.value("person_id") != null)
        .allMatch(e -> people.contains(e.orgId() + "/" + e.value("person_id")));
    Map<String, Set<Object>> teamsPerIncident = new HashMap<>();
    events.forEach(
        e -> {
          if (e.value("team_id") != null && !"acknowledged".equals(e.value("event_type"))) {
            teamsPerIncident
                .computeIfAbsent(e.orgId() + "/" + e.value("incident_id"), k -> new HashSet<>())
                .add(e.value("team_id"));
          }
        });
    assertThat(teamsPerIncident.values())
        .as("incidents touching 3+ teams")
        .anyMatch(t -> t.size() >= 3);
  }

  @Test
  void inventoriesGrowAndChangeWithDependenciesOwnersAndProviders() {
    List<GeneratedLanding.Read> deployments = accepted(DEPLOYMENTS);
    Map<String, Set<Object>> stages = new HashMap<>();
    deployments.forEach(
        d ->
            stages
                .computeIfAbsent(d.orgId() + "/" + d.value("deployment_id"), k -> new TreeSet<>())
                .add(String.valueOf(d.value("lifecycle_stage"))));
    assertThat(stages.values())
        .as("pilots promoted")
        .anyMatch(s -> s.contains("pilot") && s.contains("production"));
    assertThat(stages.values()).as("deprecated").anyMatch(s -> s.contains("deprecated"));
    assertThat(deployments).as("no provider").anyMatch(d -> d.value("model_provider") == null);
    assertThat(deployments).as("no owner").anyMatch(d -> d.value("owner_team_id") == null);
    assertThat(countBy(deployments, d -> d.value("model_tier")).keySet())
        .contains("frontier", "standard", "small");

    Map<LocalDate, Set<String>> lastDropIds = new TreeMap<>();
    deployments.forEach(
        d ->
            lastDropIds
                .computeIfAbsent(d.dt(), k -> new HashSet<>())
                .add(d.orgId() + "/" + d.value("deployment_id")));
    Set<String> everSeen = stages.keySet();
    Set<String> atEnd = ((TreeMap<LocalDate, Set<String>>) lastDropIds).lastEntry().getValue();
    assertThat(everSeen.stream().filter(id -> !atEnd.contains(id)).count())
        .as("deployments deleted from later snapshots")
        .isGreaterThan(3);

    Map<String, List<String>> edges = new HashMap<>();
    Set<String> ids = new HashSet<>();
    for (GeneratedLanding.Read d : deployments) {
      String id = d.orgId() + "/" + d.value("deployment_id");
      ids.add(id);
      @SuppressWarnings("unchecked")
      List<String> deps = (List<String>) d.value("depends_on");
      if (deps != null) {
        edges.put(id, deps.stream().map(x -> d.orgId() + "/" + x).toList());
      }
    }
    assertThat(edges.values().stream().flatMap(List::stream))
        .as("a dangling dependency")
        .anyMatch(id -> !ids.contains(id));
    assertThat(edges.entrySet())
        .as("a dependency cycle")
        .anyMatch(
            e ->
                e.getValue().stream()
                    .anyMatch(x -> edges.getOrDefault(x, List.of()).contains(e.getKey())));
  }

  @Test
  void aReorganisationDissolvesATeamThatStillOwnsDeployments() {
    SnapshotHistory teams = new SnapshotHistory(DefaultSample.landing(), TEAMS);
    SnapshotHistory deployments = new SnapshotHistory(DefaultSample.landing(), DEPLOYMENTS);
    LocalDate end = GeneratorSettings.defaults().end();
    int owner = DEPLOYMENTS.indexOf("owner_team_id");
    int teamId = TEAMS.indexOf("team_id");
    List<String> orphaned = new ArrayList<>();
    for (String org : deployments.orgs()) {
      Set<Object> liveTeams =
          teams.at(org, end).stream().map(t -> t[teamId]).collect(Collectors.toSet());
      for (Object[] d : deployments.at(org, end)) {
        if (d[owner] != null && !liveTeams.contains(d[owner])) {
          orphaned.add(org + " " + d[owner]);
        }
      }
    }
    assertThat(orphaned).as("deployments owned by a dissolved team").isNotEmpty();
    assertThat(countBy(accepted(TEAMS), t -> t.value("team_name")))
        .as("a team renamed")
        .containsKeys("Machine Learning Engineering", "AI Platform Engineering");
  }

  @Test
  void usageCoversTiersDegradesAndGetsCorrected() {
    List<GeneratedLanding.Read> usage = accepted(INFERENCE_USAGE);
    Map<String, List<GeneratedLanding.Read>> perKey = new HashMap<>();
    usage.forEach(u -> perKey.computeIfAbsent(u.key(), k -> new ArrayList<>()).add(u));
    assertThat(perKey.values())
        .as("a cost corrected in a later drop")
        .anyMatch(
            v ->
                v.size() >= 2
                    && ((BigDecimal) v.get(0).value("cost_usd"))
                            .compareTo((BigDecimal) v.get(v.size() - 1).value("cost_usd"))
                        != 0);

    Map<String, Integer> criticality = new HashMap<>();
    accepted(DEPLOYMENTS)
        .forEach(
            d ->
                criticality.put(
                    d.orgId() + "/" + d.value("deployment_id"),
                    (Integer) d.value("business_criticality")));
    assertThat(usage)
        .as("frontier models on low-criticality deployments")
        .anyMatch(
            u ->
                "frontier".equals(u.value("model_tier"))
                    && criticality.getOrDefault(u.orgId() + "/" + u.value("deployment_id"), 0)
                        >= 3);

    LocalDate start = GeneratorSettings.defaults().start();
    Map<String, double[]> latencyByHalf = new HashMap<>();
    Map<String, double[]> errorsByHalf = new HashMap<>();
    for (GeneratedLanding.Read u : latest(INFERENCE_USAGE).values()) {
      long day = ((LocalDate) u.value("usage_date")).toEpochDay() - start.toEpochDay();
      int part = day < 56 ? 0 : day >= 98 ? 1 : -1;
      if (part < 0) {
        continue;
      }
      String key = u.orgId() + "/" + u.value("deployment_id") + "/" + u.value("model_name");
      double requests = ((Long) u.value("requests")).doubleValue();
      double[] l = latencyByHalf.computeIfAbsent(key, k -> new double[4]);
      if (u.value("latency_p95_ms") != null) {
        l[2 * part] += requests * (Double) u.value("latency_p95_ms");
        l[2 * part + 1] += requests;
      }
      double[] e = errorsByHalf.computeIfAbsent(key, k -> new double[4]);
      e[2 * part] += ((Long) u.value("errors")).doubleValue();
      e[2 * part + 1] += requests;
    }
    long latencyJumps =
        latencyByHalf.values().stream()
            .filter(l -> l[1] > 0 && l[3] > 0 && (l[2] / l[3]) > 1.5 * (l[0] / l[1]))
            .count();
    long errorJumps =
        errorsByHalf.values().stream()
            .filter(e -> e[1] > 0 && e[3] > 0 && e[0] > 0 && (e[2] / e[3]) > 2 * (e[0] / e[1]))
            .count();
    assertThat(latencyJumps + errorJumps).as("degrading deployments").isGreaterThanOrEqualTo(3);
  }

  @Test
  void changesHaveEveryOutcomeAndIrregularCommitTimes() {
    List<GeneratedLanding.Read> changes = accepted(DEPLOYMENT_CHANGES);
    assertThat(countBy(changes, c -> c.value("outcome")).keySet())
        .containsExactlyInAnyOrder("success", "failed", "rolled_back");
    assertThat(changes).anyMatch(c -> c.value("first_commit_at") == null);
    assertThat(changes)
        .as("first commit after deployment")
        .anyMatch(
            c ->
                c.value("first_commit_at") != null
                    && ((Instant) c.value("first_commit_at"))
                        .isAfter((Instant) c.value("deployed_at")));
    assertThat(countBy(changes, c -> c.value("change_type")).keySet())
        .containsExactlyInAnyOrder("code", "model", "prompt", "config", "provider");
  }

  @Test
  void peopleCarryDistinctivePersonalData() {
    List<GeneratedLanding.Read> people = accepted(PEOPLE);
    assertThat(people).allMatch(p -> p.value("full_name") != null && p.value("email") != null);
    assertThat(people).allMatch(p -> ((String) p.value("email")).endsWith(".example"));
    assertThat(people)
        .as("names needing CSV quoting")
        .anyMatch(p -> ((String) p.value("full_name")).contains(","));
    assertThat(people)
        .as("non-ASCII names")
        .anyMatch(p -> ((String) p.value("full_name")).chars().anyMatch(c -> c > 127));
    Map<String, Set<Object>> teamsPerPerson = new HashMap<>();
    people.forEach(
        p ->
            teamsPerPerson
                .computeIfAbsent(p.orgId() + "/" + p.value("person_id"), k -> new HashSet<>())
                .add(p.value("team_id")));
    assertThat(teamsPerPerson.values()).as("people moving teams").anyMatch(t -> t.size() >= 2);
  }
}
