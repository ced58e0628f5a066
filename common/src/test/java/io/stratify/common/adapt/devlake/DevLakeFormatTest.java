package io.stratify.common.adapt.devlake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRunner;
import io.stratify.common.adapt.AdapterTestSupport;
import io.stratify.common.contract.LandingDataset;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devlake format on DevLake's own DORA fixtures: the conversion counts of ADAPTERS.md 11.2 and
 * 11.6 (deployment_generator), every output valid for ingest, golden output.
 */
class DevLakeFormatTest {

  static final LocalDate DT = LocalDate.of(2022, 12, 1);
  static final String RES = "/adapters/devlake/dora/";

  @TempDir Path tmp;

  Path drop(String suite, String... files) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in-" + suite));
    for (String f : files) {
      try (InputStream s = getClass().getResourceAsStream(RES + suite + "/" + f)) {
        Files.copy(s, in.resolve(f));
      }
    }
    return in;
  }

  Path config() throws Exception {
    Path sample =
        Path.of(System.getProperty("stratify.project.dir", ".."))
            .resolve("sample-data/adapters/devlake.yaml");
    Path copy = tmp.resolve("devlake.yaml");
    Files.copy(sample, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return copy;
  }

  AdapterReport adapt(Path in, Path landing, String org, Path config) {
    return AdapterRunner.run(
        new AdapterRunner.Request("devlake", in, landing, DT, org, config, null, false, null),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  static Map<String, AdapterReport.Account> accounts(AdapterReport r) {
    return r.accounts().stream()
        .collect(Collectors.toMap(a -> a.file() + " " + a.dataset(), a -> a));
  }

  @Test
  void theReplayDropConvertsAsTheSpecCounts() throws Exception {
    Path in =
        drop(
            "connect_incident_to_deployment",
            "cicd_deployment_commits.csv",
            "incidents.csv",
            "project_mapping.csv");
    Path landing = tmp.resolve("landing");
    AdapterReport r = adapt(in, landing, null, config());
    assertThat(r.exitCode()).as(r.reason()).isZero();
    Map<String, AdapterReport.Account> acc = accounts(r);
    AdapterReport.Account commits = acc.get("cicd_deployment_commits.csv deployment_changes");
    assertThat(commits.recordsRead()).isEqualTo(16);
    assertThat(commits.recordsWritten()).as("13 changes").isEqualTo(13);
    assertThat(commits.skippedByRule())
        .as("#7, #8 STAGING; #16 empty")
        .isEqualTo(Map.of("environment", 3L));
    AdapterReport.Account incidents = acc.get("incidents.csv incidents");
    assertThat(incidents.recordsRead()).isEqualTo(7);
    assertThat(incidents.recordsWritten()).isEqualTo(6);
    assertThat(r.rejects())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.codes()).containsExactly("no_org");
              assertThat(x.vendorId()).isEqualTo("github:GithubIssue:1:1373792477");
            });
    assertThat(acc.get("project_mapping.csv orgs").rowsWritten()).isEqualTo(2);
    assertThat(acc.get("project_mapping.csv deployments").rowsWritten()).isEqualTo(2);
    assertThat(r.accounts()).allMatch(AdapterReport.Account::balanced);

    Path changes = landing.resolve("deployment_changes/dt=2022-12-01/devlake-all.csv");
    assertThat(AdapterTestSupport.assertValidForIngest(LandingDataset.DEPLOYMENT_CHANGES, changes))
        .isEqualTo(13);
    for (LandingDataset ds :
        List.of(LandingDataset.INCIDENTS, LandingDataset.ORGS, LandingDataset.DEPLOYMENTS)) {
      AdapterTestSupport.assertValidForIngest(
          ds, landing.resolve(ds.folder() + "/dt=2022-12-01/devlake-all.csv"));
    }
    for (String ds : List.of("orgs", "deployments", "deployment_changes", "incidents")) {
      assertGolden(landing.resolve(ds + "/dt=2022-12-01/devlake-all.csv"), ds + ".csv");
    }
    Map<String, String> before = new java.util.HashMap<>();
    for (String ds : List.of("orgs", "deployments", "deployment_changes", "incidents")) {
      String f = ds + "/dt=2022-12-01/devlake-all.csv";
      before.put(f, Files.readString(landing.resolve(f)));
    }
    assertThat(adapt(in, landing, null, config()).exitCode()).isZero();
    before.forEach(
        (f, text) ->
            assertThat(readString(landing.resolve(f))).as("re-adapted " + f).isEqualTo(text));
    List<String> lines = Files.readAllLines(changes);
    assertThat(lines.stream().filter(l -> l.startsWith("project2,")))
        .as("project2: #14 failed, #15")
        .hasSize(2);
    assertThat(lines)
        .contains(
            "project1,13,project1,code,,2022-09-24T06:51:47Z,success,pipeline7",
            "project2,14,project2,code,,2022-09-20T06:51:47Z,failed,pipeline8");
    assertThat(Files.readAllLines(landing.resolve("incidents/dt=2022-12-01/devlake-all.csv")))
        .contains(
            "project1,github:GithubIssue:1:1373792478,project1,,,3,2022-09-15T01:56:16Z,,,,,,boards:board1");
  }

  static String readString(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The committed golden output; {@code -Dstratify.golden.update=true} rewrites it (review it). */
  static void assertGolden(Path actual, String name) throws Exception {
    Path golden = Path.of("src/test/resources/adapters/golden/devlake-replay").resolve(name);
    if (Boolean.getBoolean("stratify.golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.copy(actual, golden, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(Files.readString(actual)).as("golden " + golden).isEqualTo(Files.readString(golden));
  }

  @Test
  void deploymentGeneratorsCommits() throws Exception {
    Path in = drop("deployment_generator", "cicd_deployment_commits.csv", "project_mapping.csv");
    Path config = tmp.resolve("fixed.yaml");
    Files.writeString(
        config,
        "owners: {deployment_changes: devlake}\n"
            + "devlake: {org_from: fixed, grain: project, source_timezone: UTC,"
            + " defaults: {change_type: code, severity: 3}}\n");
    AdapterReport r = adapt(in, tmp.resolve("landing"), "acme", config);
    assertThat(r.exitCode()).as(r.reason()).isZero();
    AdapterReport.Account commits =
        accounts(r).get("cicd_deployment_commits.csv deployment_changes");
    assertThat(commits.recordsWritten()).isEqualTo(4);
    assertThat(commits.skippedByRule()).isEqualTo(Map.of("environment", 1L));
    assertThat(r.rejects())
        .singleElement()
        .satisfies(x -> assertThat(x.codes()).containsExactly("no_deployed_at"));
  }

  @Test
  void leadTimeFromProjectPrMetrics() throws Exception {
    Path in =
        drop(
            "change_lead_time",
            "cicd_deployment_commits.csv",
            "project_mapping.csv",
            "project_pr_metrics.csv");
    Path landing = tmp.resolve("landing");
    AdapterReport r = adapt(in, landing, null, config());
    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(r.accounts()).allMatch(AdapterReport.Account::balanced);
    Map<String, String[]> changes = new java.util.HashMap<>();
    for (String line :
        Files.readAllLines(landing.resolve("deployment_changes/dt=2022-12-01/devlake-all.csv"))) {
      String[] c = line.split(",", -1);
      changes.put(c[1], c);
    }
    // change 5 deployed pr1 (first commit 04-10 04:51:47) and pr2 (04-13): the earliest counts.
    assertThat(changes.get("5")[4]).isEqualTo("2023-04-10T04:51:47Z");
    double hours =
        java.time.Duration.between(
                    java.time.Instant.parse(changes.get("5")[4]),
                    java.time.Instant.parse(changes.get("5")[5]))
                .getSeconds()
            / 3600.0;
    assertThat(hours).as("ADAPTERS.md 11.6: 74.62 h").isCloseTo(74.62, within(0.005));
    assertThat(changes.get("6")[4])
        .as("pr3, deployed before its merge")
        .isEqualTo("2023-04-07T04:51:47Z");
    assertThat(changes.get("1")[4]).as("no PR").isEmpty();
  }

  @Test
  void unusableConfigurationsExitTwoNamingWhatToFix() throws Exception {
    Path in =
        drop(
            "connect_incident_to_deployment",
            "cicd_deployment_commits.csv",
            "incidents.csv",
            "project_mapping.csv");
    Path noDefaults = tmp.resolve("no-defaults.yaml");
    Files.writeString(noDefaults, "devlake: {org_from: fixed, source_timezone: UTC}\n");
    AdapterReport r = adapt(in, tmp.resolve("l1"), "acme", noDefaults);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.reason()).contains("deployment_changes.change_type", "incidents.severity");

    Path noZone = tmp.resolve("no-zone.yaml");
    Files.writeString(
        noZone, "devlake: {org_from: fixed, defaults: {change_type: code, severity: 3}}\n");
    AdapterReport z = adapt(in, tmp.resolve("l2"), "acme", noZone);
    assertThat(z.exitCode()).isEqualTo(2);
    assertThat(z.reason()).contains("devlake.source_timezone", "2022-11-13 23:37:21");
    assertThat(tmp.resolve("l2/incidents")).doesNotExist();

    Path unknown = tmp.resolve("unknown.yaml");
    Files.writeString(unknown, "devlake: {grain: pipeline}\n");
    assertThat(adapt(in, tmp.resolve("l3"), "acme", unknown).exitCode()).isEqualTo(2);
  }
}
