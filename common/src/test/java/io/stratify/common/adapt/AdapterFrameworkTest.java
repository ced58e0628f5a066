package io.stratify.common.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterFrameworkTest {
  private static final LocalDate DT = LocalDate.of(2026, 12, 1);
  @TempDir Path tmp;

  @BeforeAll
  static void register() {
    TestFormat.ensureRegistered();
  }

  private Path file(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private Path input() throws Exception {
    return file(
        "in/export.json",
        """
        {"teams": [
          {"id": "Team-B", "name": "B", "parent": "org", "function": "Platform-X"},
          {"id": "team-a", "name": "A, with comma"},
          {"name": "no id", "password": "t1meMa$heen"},
          {"id": "tmp-1", "name": "skipped"}
        ], "meta": {"more": false}}
        """);
  }

  private AdapterReport run(Path config, Path landing, boolean dryRun) throws Exception {
    return AdapterRunner.run(
        new AdapterRunner.Request(
            TestFormat.NAME, input(), landing, DT, null, config, null, dryRun, null),
        new PrintStream(new ByteArrayOutputStream()));
  }

  private Path config(String extra) throws Exception {
    return file(
        "cfg.yaml",
        "org: acme\nfail_if: {rejected_pct: 50}\ntestfmt:\n"
            + "  defaults: {function: other}\n  skip_prefix: tmp-\n"
            + "  map: {function: {'Platform*': platform}}\n"
            + extra);
  }

  @Test
  void convertsWritesDeterministicallyAndAccounts() throws Exception {
    Path landing = tmp.resolve("landing");
    AdapterReport r = run(config(""), landing, false);
    assertThat(r.exitCode()).as(r.reason()).isZero();
    Path out = landing.resolve("teams/dt=2026-12-01/testfmt-acme.csv");
    String csv = Files.readString(out);
    assertThat(csv)
        .isEqualTo(
            "org_id,team_id,team_name,parent_team_id,function,x_source_pointer\n"
                + "acme,team-a,\"A, with comma\",,other,/teams/1\n"
                + "acme,team-b,B,org,platform,/teams/0\n");
    AdapterReport.Account a = r.accounts().get(0);
    assertThat(List.of(a.recordsRead(), a.recordsWritten(), a.recordsRejected(), a.rowsWritten()))
        .containsExactly(4L, 2L, 1L, 2L);
    assertThat(a.skippedByRule()).containsEntry("skip_prefix", 1L);
    assertThat(a.balanced()).isTrue();
    assertThat(r.rejects().get(0).codes()).containsExactly("no_key");
    assertThat(r.warnings()).containsEntry("default_used:function", 1L);
    assertThat(r.defaultedColumns()).containsEntry("teams.function", 1L);
    Path report = landing.resolve("_adapter_reports/testfmt-acme-2026-12-01.json");
    String json = Files.readString(report);
    assertThat(json).contains("\"records_read\" : 4").doesNotContain("t1meMa$heen");
    assertThat(json).contains("[redacted]");
    // byte-identical rerun
    run(config(""), landing, false);
    assertThat(Files.readString(out)).isEqualTo(csv);
    try (var s = Files.walk(landing)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
    }
  }

  @Test
  void reAdaptingDeletesDatasetsNoLongerWrittenAndTouchesNothingElse() throws Exception {
    Path landing = tmp.resolve("landing");
    Path other = file("landing/teams/dt=2026-12-01/other-acme.csv", "x\n");
    run(config(""), landing, false);
    Path out = landing.resolve("teams/dt=2026-12-01/testfmt-acme.csv");
    assertThat(out).exists();
    // teams now owned by another format: this format writes nothing and removes its file
    AdapterReport r =
        run(file("cfg2.yaml", "org: acme\nowners: {teams: testother}\n"), landing, false);
    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(out).doesNotExist();
    assertThat(other).exists();
  }

  @Test
  void dryRunWritesNothing() throws Exception {
    Path landing = tmp.resolve("landing");
    AdapterReport r = run(config(""), landing, true);
    assertThat(r.exitCode()).isZero();
    assertThat(landing).doesNotExist();
  }

  @Test
  void rejectedShareAboveLimitExits2AndWritesNoLandingFile() throws Exception {
    Path landing = tmp.resolve("landing");
    Path cfg =
        file(
            "strict.yaml",
            "org: acme\nfail_if: {rejected_pct: 10}\ntestfmt: {defaults: {function: other}}\n");
    AdapterReport r = run(cfg, landing, false);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.reason()).contains("rejected_pct");
    assertThat(landing.resolve("teams")).doesNotExist();
    assertThat(landing.resolve("_adapter_reports/testfmt-acme-2026-12-01.json")).exists();
  }

  @Test
  void everyStartCheckExits2NamingFileLineAndKey() throws Exception {
    assertLoadFails("org: a\nbogus: 1\n", "cfg.yaml:2: bogus: unknown key");
    assertLoadFails("org: a\norgs: {timezone: CET+1}\n", "orgs.timezone");
    assertLoadFails("orgs:\n  colour: red\n", "cfg.yaml:2: orgs.colour: unknown key");
    assertLoadFails("owners: {teams: nosuch}\n", "unknown format 'nosuch'");
    assertLoadFails("owners:\n  teams: testfmt\n  teams: other\n", "key given twice");
    assertLoadFails(
        "owners: {inference_usage: {merge: {usage_from: testfmt, cost_from: testfmt, key: [a]}}}\n",
        "has no section");
    assertLoadFails("fail_if: {rejected_pct: 500}\n", "fail_if.rejected_pct");
    assertLoadFails("org: [unclosed\n", "not valid YAML");
    AdapterConfig c =
        AdapterConfig.load(file("re.yaml", "testfmt: {map: {function: {'(x': a}}}\n"));
    assertThatThrownBy(() -> new TestFormat(TestFormat.NAME).parseSection(c.section("testfmt")))
        .hasMessageContaining("re.yaml:1: testfmt.map.function")
        .hasMessageContaining("does not compile");
  }

  @Test
  void missingRequiredColumnAndMissingOrgExit2() throws Exception {
    Path landing = tmp.resolve("landing");
    AdapterReport noDefault = run(file("nd.yaml", "org: acme\n"), landing, false);
    assertThat(noDefault.exitCode()).isEqualTo(2);
    assertThat(noDefault.reason()).contains("teams.function");
    AdapterReport noOrg =
        run(file("no.yaml", "testfmt: {defaults: {function: x}}\n"), landing, false);
    assertThat(noOrg.exitCode()).isEqualTo(2);
    assertThat(noOrg.reason()).startsWith("No org");
    assertThat(landing.resolve("teams")).doesNotExist();
  }

  @Test
  void explainListsSourcesAndNone() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code =
        AdapterRunner.explain(
            file("e.yaml", "org: acme\ntestfmt: {}\n"),
            null,
            new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(2);
    assertThat(out).containsPattern("teams.function \\(R\\) +function > NONE\n");
    assertThat(out).containsPattern("teams.team_id \\(R\\) +id\n");
  }

  @Test
  void explainNamesEachConfiguredDefaultAndNoNullOne() throws Exception {
    Path config =
        file(
            "d.yaml",
            """
            org: acme
            owners: {orgs: devlake, deployments: devlake}
            backstage:
              defaults: {function: other, role: engineer}
            devlake:
              org_from: fixed
              defaults: {severity: 3, owner_team_id: null, lifecycle_stage: production}
            scim:
              defaults: {on_call: false}
            litellm:
              format: standard
              source_timezone: UTC
              defaults: {deployment_id: gateway}
            """);
    StringBuilder out = new StringBuilder();
    for (String format : List.of("backstage", "devlake", "scim", "litellm")) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      AdapterRunner.explain(config, format, new PrintStream(buf, true, StandardCharsets.UTF_8));
      out.append(buf.toString(StandardCharsets.UTF_8));
    }
    assertThat(out.toString())
        .containsPattern(
            "teams.function \\(R\\) +annotation stratify.io/function > defaults: other\n")
        .containsPattern("people.role \\(R\\) +annotation stratify.io/role > defaults: engineer\n")
        .containsPattern("deployments.owner_team_id +NONE\n")
        .containsPattern("deployments.lifecycle_stage \\(R\\) +defaults: production\n")
        .containsPattern("incidents.severity \\(R\\) +defaults: 3\n")
        .containsPattern("people.on_call \\(R\\) +defaults: false\n")
        .containsPattern(
            "inference_usage.deployment_id \\(R\\) +deployment_from \\[\\] > defaults: gateway\n");
  }

  @Test
  void outputValues() {
    assertThat(OutputValues.cost("0.0000005").toPlainString()).isEqualTo("0.000001");
    assertThat(OutputValues.cost("1.2345674999").toPlainString()).isEqualTo("1.234567");
    assertThat(OutputValues.cost("12.500000").toPlainString()).isEqualTo("12.5");
    assertThat(OutputValues.cost("100").toPlainString()).isEqualTo("100");
    assertThat(OutputValues.text(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(OutputValues.timestamp(Instant.parse("2026-01-02T03:04:05Z")))
        .isEqualTo("2026-01-02T03:04:05Z");
    assertThat(OutputValues.timestamp(Instant.parse("2026-01-02T03:04:05.120Z")))
        .isEqualTo("2026-01-02T03:04:05.12Z");
    assertThat(OutputValues.text(List.of("a", "b"))).isEqualTo("a;b");
  }

  @Test
  void valueMapGlobAndRegexFirstMatchWins() throws Exception {
    AdapterConfig c =
        AdapterConfig.load(
            file(
                "m.yaml",
                "testfmt: {map: {function: {'team-*': product, '(?i)infra.*': platform, 'team-x': never}}}\n"));
    ValueMap m =
        ValueMap.parse(c.section("testfmt").entries().get("map").entries().get("function"));
    assertThat(m.apply("team-x")).contains("product");
    assertThat(m.apply("INFRAstructure")).contains("platform");
    assertThat(m.apply("teamx")).isEmpty();
  }

  private void assertLoadFails(String yaml, String message) throws Exception {
    Path p = file("cfg.yaml", yaml);
    assertThatThrownBy(() -> AdapterConfig.load(p))
        .isInstanceOf(AdapterException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((AdapterException) e).exitCode()).isEqualTo(2));
  }
}
