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
  }
}
