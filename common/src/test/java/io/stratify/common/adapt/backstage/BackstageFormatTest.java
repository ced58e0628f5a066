package io.stratify.common.adapt.backstage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADAPTERS.md section 6.3 expected results on the real Backstage catalogs. */
class BackstageFormatTest {
  static final Path CATALOG = Path.of("src/test/resources/adapt/backstage/catalog");
  static final LocalDate DT = LocalDate.of(2026, 12, 1);
  static final String CONFIG =
      """
      org: acme
      owners: {orgs: backstage}
      orgs: {industry: retail, size_band: L, timezone: Europe/Berlin, benchmark_consent: true}
      backstage:
        defaults: {function: other, business_criticality: 3, dependent_business_units: 0,
                   monitored: false, has_runbook: false, human_fallback: false, role: engineer,
                   on_call: false}
      """;
  @TempDir Path tmp;

  AdapterReport adapt(Path in, String config) throws Exception {
    Path cfg = tmp.resolve("backstage.yaml");
    Files.writeString(cfg, config);
    return AdapterRunner.run(
        new AdapterRunner.Request(
            "backstage", in, tmp.resolve("landing"), DT, null, cfg, null, false, null),
        new PrintStream(new ByteArrayOutputStream()));
  }

  List<String> rows(String dataset) throws Exception {
    List<String> lines =
        Files.readAllLines(tmp.resolve("landing/" + dataset + "/dt=2026-12-01/backstage-acme.csv"));
    return lines.subList(1, lines.size());
  }

  long written(AdapterReport r, String dataset) {
    return r.accounts().stream()
        .filter(a -> a.dataset().equals(dataset))
        .mapToLong(AdapterReport.Account::rowsWritten)
        .sum();
  }

  @Test
  void wholeFolderAsOneOrg() throws Exception {
    AdapterReport r = adapt(CATALOG, CONFIG);
    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(r.rejects()).isEmpty();
    assertThat(r.accounts()).allMatch(AdapterReport.Account::balanced);
    assertThat(rows("teams")).hasSize(12);
    assertThat(rows("people")).hasSize(18);
    assertThat(rows("deployments")).hasSize(16);
    assertThat(rows("deployments").stream().filter(l -> l.contains(",pilot,"))).hasSize(6);
    assertThat(rows("deployments").stream().filter(l -> l.contains(",production,"))).hasSize(10);
    assertThat(r.warnings())
        .containsEntry("owner_is_user", 2L)
        .containsEntry("dangling_ref", 3L)
        .containsEntry("children_mismatch", 1L)
        .containsEntry("conflicting_entity", 1L);
    long read = r.accounts().stream().mapToLong(AdapterReport.Account::recordsRead).sum();
    long wrote = r.accounts().stream().mapToLong(AdapterReport.Account::recordsWritten).sum();
    long skipped = r.accounts().stream().mapToLong(AdapterReport.Account::skippedTotal).sum();
    assertThat(List.of(read, wrote, skipped)).containsExactly(92L, 47L, 45L); // + orgs row
    assertThat(rows("orgs")).containsExactly("acme,ACME Corp,retail,L,,Europe/Berlin,true,");
    for (String ds : List.of("orgs", "teams", "people", "deployments")) {
      assertValidForIngest(ds);
    }
  }

  void assertValidForIngest(String ds) throws Exception {
    int n =
        io.stratify.common.adapt.AdapterTestSupport.assertValidForIngest(
            io.stratify.common.contract.LandingDataset.fromFolder(ds).orElseThrow(),
            tmp.resolve("landing/" + ds + "/dt=2026-12-01/backstage-acme.csv"));
    assertThat(n).as(ds + " rows read back").isEqualTo(rows(ds).size());
  }

  /** The top level without the three sub-catalog folders. */
  Path topLevel() throws Exception {
    Path top = tmp.resolve("top");
    try (var files = Files.walk(CATALOG)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = CATALOG.relativize(f).toString();
        if (rel.startsWith("janus-idp-showcase")
            || rel.startsWith("backstage-demo")
            || rel.startsWith("create-app-template")) {
          continue;
        }
        Path t = top.resolve(rel);
        Files.createDirectories(t.getParent());
        Files.copy(f, t);
      }
    }
    return top;
  }

  @Test
  void topLevelCatalog() throws Exception {
    AdapterReport r = adapt(topLevel(), CONFIG);
    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(r.rejects()).isEmpty();
    assertThat(rows("teams")).hasSize(9);
    assertThat(rows("people")).hasSize(17);
    List<String> deployments = rows("deployments");
    assertThat(deployments).hasSize(13);
    assertThat(deployments.stream().filter(l -> l.contains(",pilot,"))).hasSize(4);
    assertThat(r.warnings())
        .containsEntry("owner_is_user", 2L)
        .containsEntry("dangling_ref", 1L)
        .containsEntry("children_mismatch", 1L)
        .doesNotContainKey("conflicting_entity");
    assertThat(rows("teams"))
        .contains(
            "acme,team-a,team-a,backstage,other,team",
            "acme,backstage,Backstage,infrastructure,other,sub-department",
            "acme,infrastructure,infrastructure,acme-corp,other,department");
    assertThat(rows("people")).allMatch(l -> !l.split(",", -1)[4].isEmpty());
    assertThat(deployments)
        .anyMatch(l -> l.startsWith("acme,wayback-search,") && l.contains(",wayback-archive,"));
  }

  @Test
  void subCatalogs() throws Exception {
    String noOrgs = CONFIG.replace("owners: {orgs: backstage}\n", "");
    AdapterReport janus = adapt(CATALOG.resolve("janus-idp-showcase"), noOrgs);
    assertThat(janus.exitCode()).isZero();
    assertThat(rows("teams")).hasSize(2);
    assertThat(rows("people")).isEmpty();
    assertThat(rows("deployments"))
        .singleElement()
        .asString()
        .startsWith("acme,backstage-showcase,")
        .contains(",production,");
    assertThat(janus.warnings()).doesNotContainKeys("owner_is_user", "dangling_ref");
    AdapterReport demo = adapt(CATALOG.resolve("backstage-demo"), noOrgs);
    assertThat(rows("teams")).isEmpty();
    assertThat(rows("deployments")).singleElement().asString().contains(",pilot,");
    assertThat(demo.warnings()).containsEntry("dangling_ref", 2L);
    AdapterReport app = adapt(CATALOG.resolve("create-app-template"), noOrgs);
    assertThat(app.exitCode()).isZero();
    assertThat(rows("teams")).hasSize(1);
    assertThat(rows("people")).hasSize(1);
    assertThat(rows("deployments"))
        .singleElement()
        .asString()
        .startsWith("acme,example-website,")
        .contains(",pilot,");
  }

  @Test
  void componentsAndResources() throws Exception {
    AdapterReport r =
        adapt(
            CATALOG,
            CONFIG.replace(
                "backstage:\n", "backstage:\n  deployments: {kinds: [component, resource]}\n"));
    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(r.rejects())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.codes()).containsExactly("no_lifecycle");
              assertThat(x.vendorId()).isEqualTo("resource:default/artists-db");
            });
    List<String> d = rows("deployments");
    assertThat(d).hasSize(21);
    assertThat(d.stream().filter(l -> l.contains(",pilot,"))).hasSize(6);
    assertThat(d.stream().filter(l -> l.contains(",production,"))).hasSize(15);
    assertThat(d).anyMatch(l -> l.startsWith("acme,resource:default/pgdb,"));
    assertThat(d)
        .anyMatch(
            l -> l.startsWith("acme,backstage-showcase,") && l.contains("resource:default/pgdb"));
  }

  @Test
  void unparseableFilesAreRejectedAtTheirLine() throws Exception {
    Path in = topLevel();
    Files.writeString(in.resolve("broken.yaml"), "kind: Group\nmetadata: [\n");
    Files.writeString(in.resolve("broken.json"), "{\"items\": [\n  {\"kind\": }\n]}");
    AdapterReport r = adapt(in, CONFIG);
    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(r.rejects())
        .extracting(x -> x.file() + " " + x.dataset() + " " + x.position() + " " + x.codes())
        .containsExactlyInAnyOrder(
            "broken.json - line 2 [unparseable]", "broken.yaml - line 3 [unparseable]");
    assertThat(r.rejects()).allMatch(x -> !x.excerpt().isEmpty() && x.vendorId() == null);
    assertThat(r.accounts()).allMatch(AdapterReport.Account::balanced);
    assertThat(rows("teams")).hasSize(9);
  }

  @Test
  void goldenFilesAndByteIdenticalRerun() throws Exception {
    adapt(CATALOG, CONFIG);
    Path golden = Path.of("src/test/resources/adapt/backstage/golden");
    for (String ds : List.of("orgs", "teams", "people", "deployments")) {
      Path out = tmp.resolve("landing/" + ds + "/dt=2026-12-01/backstage-acme.csv");
      byte[] first = Files.readAllBytes(out);
      if (Boolean.getBoolean("stratify.golden.update")) {
        Files.createDirectories(golden);
        Files.write(golden.resolve(ds + ".csv"), first);
      }
      assertThat(new String(first, java.nio.charset.StandardCharsets.UTF_8))
          .as(
              ds
                  + " differs from its golden file (review, then rerun with -Dstratify.golden.update=true)")
          .isEqualTo(Files.readString(golden.resolve(ds + ".csv")));
    }
    Path people = tmp.resolve("landing/people/dt=2026-12-01/backstage-acme.csv");
    byte[] before = Files.readAllBytes(people);
    adapt(CATALOG, CONFIG);
    assertThat(Files.readAllBytes(people)).isEqualTo(before);
  }
}
