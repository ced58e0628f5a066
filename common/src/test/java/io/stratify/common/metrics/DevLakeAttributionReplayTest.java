package io.stratify.common.metrics;

import static io.stratify.common.metrics.OrgHistoryBuilder.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRunner;
import io.stratify.common.config.MetricSettings;
import io.stratify.common.config.StratifyConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * DevLake's DORA fixture {@code connect_incident_to_deployment} (ADAPTERS.md 11) as an independent
 * oracle for the attribution, without Spark: DevLake's domain rows are mapped as the devlake
 * adapter is specified to map them with {@code org_from: project, grain: project, environment:
 * PRODUCTION} (ADAPTERS.md 10; the adapter itself is not built yet, so the mapping is written out
 * here), run through {@link OrgWeekly} on 2022-12-01, and compared with DevLake's expected
 * project_incident_deployment_relationships (11.3) and the org_weekly figures of 11.5.
 */
class DevLakeAttributionReplayTest {

  static final LocalDate RUN = LocalDate.of(2022, 12, 1);
  static final String DIR = "/adapters/devlake/dora/connect_incident_to_deployment/";

  /** The replay's orgs (one per project), and change_id -> DevLake cicd_deployment_id. */
  record Replay(Map<String, OrgHistory> orgs, Map<String, String> devlakeDeployment) {}

  static List<CSVRecord> csv(String name) throws IOException {
    try (Reader r =
        new InputStreamReader(
            DevLakeAttributionReplayTest.class.getResourceAsStream(DIR + name),
            StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .build()
          .parse(r)
          .getRecords();
    }
  }

  /**
   * Adapts the fixture with the devlake adapter and the replay configuration
   * (sample-data/adapters/devlake.yaml, ADAPTERS.md 11.2), then reads its landing output back.
   */
  static Replay replay() throws IOException {
    Path config =
        Path.of(System.getProperty("stratify.project.dir", ".."))
            .resolve("sample-data/adapters/devlake.yaml");
    return replay(
        DIR,
        List.of("cicd_deployment_commits.csv", "incidents.csv", "project_mapping.csv"),
        config);
  }

  static Replay replay(String dir, List<String> files, Path config) throws IOException {
    Path tmp = Files.createTempDirectory("devlake-replay");
    Path in = Files.createDirectories(tmp.resolve("in"));
    for (String f : files) {
      try (InputStream s = DevLakeAttributionReplayTest.class.getResourceAsStream(dir + f)) {
        Files.copy(s, in.resolve(f));
      }
    }
    Path landing = tmp.resolve("landing");
    AdapterReport report =
        AdapterRunner.run(
            new AdapterRunner.Request("devlake", in, landing, RUN, null, config, null, false, null),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(report.exitCode()).as(report.reason()).isZero();
    String file = "/dt=" + RUN + "/devlake-all.csv";
    Map<String, OrgHistoryBuilder> orgs = new TreeMap<>();
    for (CSVRecord o : csv(landing.resolve("orgs" + file))) {
      OrgHistoryBuilder b = new OrgHistoryBuilder(o.get("org_id"));
      b.org(o.get("timezone"), null, RUN.toString(), null);
      orgs.put(o.get("org_id"), b);
    }
    Path deployments = landing.resolve("deployments" + file);
    for (CSVRecord d : Files.exists(deployments) ? csv(deployments) : List.<CSVRecord>of()) {
      orgs.get(d.get("org_id"))
          .deployment(
              deployment(
                  d.get("deployment_id"),
                  null,
                  d.get("lifecycle_stage"),
                  Integer.parseInt(d.get("business_criticality")),
                  0,
                  List.of(),
                  null,
                  null,
                  true,
                  false,
                  false),
              RUN.toString(),
              null);
    }
    Map<String, String> devlakeDeployment = new HashMap<>();
    for (CSVRecord c : csv(landing.resolve("deployment_changes" + file))) {
      orgs.get(c.get("org_id"))
          .change(
              c.get("change_id"),
              c.get("deployment_id"),
              null,
              c.get("deployed_at"),
              c.get("outcome"));
      devlakeDeployment.put(c.get("change_id"), c.get("x_devlake_deployment_id"));
    }
    Path incidents = landing.resolve("incidents" + file);
    for (CSVRecord i : Files.exists(incidents) ? csv(incidents) : List.<CSVRecord>of()) {
      orgs.get(i.get("org_id"))
          .incident(
              i.get("incident_id"),
              i.get("deployment_id"),
              null,
              Integer.parseInt(i.get("severity")),
              i.get("opened_at"),
              null,
              i.get("resolved_at").isEmpty() ? null : i.get("resolved_at"));
    }
    Map<String, OrgHistory> built = new TreeMap<>();
    orgs.forEach((k, v) -> built.put(k, v.build()));
    try (java.util.stream.Stream<Path> all = Files.walk(tmp)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    return new Replay(built, devlakeDeployment);
  }

  static List<CSVRecord> csv(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .build()
          .parse(r)
          .getRecords();
    }
  }

  static MetricSettings window(String days) {
    return StratifyConfig.defaults().with("metrics.attribution-window-days", days).metricSettings();
  }

  static Map<String, MetricRow> attribution(Replay r, MetricSettings s) {
    List<MetricRow> rows = new ArrayList<>();
    r.orgs().values().forEach(h -> rows.addAll(OrgWeekly.compute(h, RUN, s).incidentAttribution()));
    return rows.stream()
        .collect(Collectors.toMap(x -> (String) x.get("incident_id"), Function.identity()));
  }

  @Test
  void theMappingGivesTheSpecsCounts() throws IOException {
    Replay r = replay();
    assertThat(r.orgs().keySet()).containsExactly("project1", "project2");
    assertThat(r.orgs().get("project1").changes()).hasSize(11);
    assertThat(r.orgs().get("project2").changes())
        .extracting(OrgHistory.Change::changeId)
        .containsExactlyInAnyOrder("14", "15");
    assertThat(r.orgs().get("project1").incidents()).as("repo3's incident has no org").hasSize(6);
  }

  @Test
  void unboundedReproducesDevLakesSixRows() throws IOException {
    Replay r = replay();
    Map<String, MetricRow> rows = attribution(r, window("unbounded"));
    Map<String, String> expected = new HashMap<>();
    List<CSVRecord> devlake;
    try (Reader in =
        new java.io.InputStreamReader(
            DevLakeAttributionReplayTest.class.getResourceAsStream(
                DIR + "project_incident_deployment_relationships.csv"),
            StandardCharsets.UTF_8)) {
      devlake =
          CSVFormat.DEFAULT
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .build()
              .parse(in)
              .getRecords();
    }
    for (CSVRecord e : devlake) {
      expected.put(e.get("id"), e.get("deployment_id"));
    }
    assertThat(expected).hasSize(6);
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    Map<String, String> ours = new HashMap<>();
    rows.forEach(
        (id, row) -> ours.put(id, r.devlakeDeployment().get((String) row.get("change_id"))));
    assertThat(ours).isEqualTo(expected);
    assertThat(rows.values()).allMatch(x -> "window".equals(x.get("attributed_by")));
    Map<String, Double> hours =
        Map.of(
            "1373792478", 19.07,
            "1371320153", 937.49,
            "1370816458", 1194.26,
            "1367714738", 1216.76,
            "1372644519", 1286.70,
            "1372381019", 1554.92);
    hours.forEach(
        (id, h) ->
            assertThat((Double) rows.get("github:GithubIssue:1:" + id).get("hours_after_change"))
                .as(id)
                .isCloseTo(h, within(0.005)));
  }

  @Test
  void theDefaultWindowKeepsOnlyBoard1() throws IOException {
    Map<String, MetricRow> rows = attribution(replay(), MetricSettings.defaults());
    assertThat(rows).hasSize(6);
    assertThat(
            rows.values().stream()
                .filter(x -> x.get("change_id") != null)
                .map(x -> x.get("incident_id") + " -> " + x.get("change_id")))
        .containsExactly("github:GithubIssue:1:1373792478 -> 3");
  }

  static Map<LocalDate, MetricRow> weeks(OrgHistory h, MetricSettings s) {
    return OrgWeekly.compute(h, RUN, s).orgWeeks().stream()
        .collect(Collectors.toMap(x -> (LocalDate) x.get("week_start"), Function.identity()));
  }

  @Test
  void orgWeeklyFiguresOfTheSpec() throws IOException {
    Replay r = replay();
    Map<LocalDate, MetricRow> unbounded = weeks(r.orgs().get("project1"), window("unbounded"));
    Map<LocalDate, MetricRow> seven = weeks(r.orgs().get("project1"), MetricSettings.defaults());
    LocalDate w1 = LocalDate.of(2022, 9, 5);
    LocalDate w2 = LocalDate.of(2022, 9, 12);
    LocalDate w3 = LocalDate.of(2022, 9, 19);
    // week: changes, CFR unbounded, CFR 7 days, deployment_days, recovery
    Object[][] expected = {
      {w1, 1, 0.0, 0.0, 1, null}, {w2, 5, 0.2, 0.2, 5, null}, {w3, 5, 0.4, 0.2, 4, 24.0}
    };
    for (Object[] e : expected) {
      MetricRow u = unbounded.get((LocalDate) e[0]);
      assertThat(u.get("changes_deployed")).as("%s changes", e[0]).isEqualTo(e[1]);
      assertThat(u.get("change_failure_rate")).as("%s CFR unbounded", e[0]).isEqualTo(e[2]);
      assertThat(seven.get((LocalDate) e[0]).get("change_failure_rate"))
          .as("%s CFR 7 d", e[0])
          .isEqualTo(e[3]);
      assertThat(u.get("deployment_days")).as("%s deployment days", e[0]).isEqualTo(e[4]);
      assertThat(u.get("recovery_time_p50_hours")).as("%s recovery", e[0]).isEqualTo(e[5]);
    }
    Map<LocalDate, Integer> incidents = new TreeMap<>();
    unbounded.forEach(
        (w, row) -> {
          if ((Integer) row.get("incidents") > 0) {
            incidents.put(w, (Integer) row.get("incidents"));
          }
          if (w.isAfter(w3)) {
            assertThat(row.get("changes_deployed")).isEqualTo(0);
            assertThat(row.get("change_failure_rate")).isNull();
          }
        });
    assertThat(incidents)
        .containsExactly(
            Map.entry(w2, 1),
            Map.entry(LocalDate.of(2022, 10, 31), 1),
            Map.entry(LocalDate.of(2022, 11, 7), 2),
            Map.entry(LocalDate.of(2022, 11, 14), 1),
            Map.entry(LocalDate.of(2022, 11, 28), 1));
    assertThat(unbounded.get(LocalDate.of(2022, 11, 28)).get("week_complete")).isEqualTo(false);

    Map<LocalDate, MetricRow> p2 = weeks(r.orgs().get("project2"), window("unbounded"));
    assertThat(p2.get(w2).get("changes_deployed")).isEqualTo(1);
    assertThat(p2.get(w2).get("change_failure_rate")).isEqualTo(0.0);
    assertThat(p2.get(w2).get("deployment_days")).isEqualTo(1);
    assertThat(p2.get(w3).get("change_failure_rate")).isEqualTo(1.0);
    assertThat(p2.get(w3).get("deployment_days")).isEqualTo(0);
    assertThat(p2.get(w3).get("recovery_time_p50_hours")).as("no later success").isNull();
  }

  @Test
  void prevSuccessAtScopeRepoGrainGivesTheNextSuccessRecovery() throws IOException {
    Path config = Files.createTempFile("devlake-scope-repo", ".yaml");
    Files.writeString(
        config,
        "owners: {orgs: devlake, deployment_changes: devlake}\n"
            + "orgs: {industry: software, size_band: S, timezone: UTC, benchmark_consent: false}\n"
            + "devlake: {org_from: project, grain: scope-repo, environment: PRODUCTION,"
            + " source_timezone: UTC, defaults: {change_type: code, severity: 3}}\n");
    Replay r =
        replay(
            "/adapters/devlake/dora/prev_success_deployment_commit/",
            List.of("cicd_deployment_commits.csv", "project_mapping.csv"),
            config);
    Files.delete(config);
    Map<LocalDate, MetricRow> p1 = weeks(r.orgs().get("project1"), MetricSettings.defaults());
    assertThat(p1.get(LocalDate.of(2022, 9, 12)).get("change_failure_rate")).isEqualTo(0.0);
    MetricRow w = p1.get(LocalDate.of(2022, 9, 19));
    assertThat(w.get("change_failure_rate")).isEqualTo(0.2);
    assertThat(w.get("recovery_time_p50_hours"))
        .as("#11 (cicd2|REPO111) -> next success #13, 48 h: DevLake's 13.prev = 3")
        .isEqualTo(48.0);
  }
}
