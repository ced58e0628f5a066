package io.stratify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.MartTables;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.testing.CliRun;
import io.stratify.jobs.testing.SparkTestSession;
import io.stratify.jobs.testing.TreeCopy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented vendor sample ({@code sample-data/vendor/README.md}) end to end, with the command
 * the README gives: {@code run --adapt} adapts the real Backstage catalog and PagerDuty export
 * dropped under {@code _vendor/}, then ingest, conform and marts run. Checks ADAPTERS.md §6.3's
 * ingest counts, {@code bronze.adapter_log}, and the org in the marts. One pipeline run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VendorSampleEndToEndTest {
  static final Path SAMPLE = Path.of("../sample-data/vendor");
  static final LocalDate DT = LocalDate.of(2022, 11, 6);

  @TempDir static Path dir;
  SparkSession spark;
  Lakehouse lakehouse;
  CliRun run;

  @BeforeAll
  void adaptAndRunTheSample() throws IOException {
    spark = SparkTestSession.get();
    Path landing = dir.resolve("acme");
    TreeCopy.copy(SAMPLE.resolve("landing"), landing);
    run =
        CliRun.of(
            "run",
            "--adapt",
            SAMPLE.resolve("stratify-adapters.yaml").toString(),
            "--landing",
            landing.toString(),
            "--lakehouse",
            dir.resolve("acme-lakehouse").toString(),
            "--date",
            DT.toString());
    lakehouse = new Lakehouse(spark, dir.resolve("acme-lakehouse").toString());
  }

  @Test
  void theRunAdaptsBothDropsAndSucceeds() {
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("adapt backstage org=acme dt=2022-11-06 exit=0")
        .contains("adapt pagerduty org=acme dt=2022-11-06 exit=0");
  }

  @Test
  void ingestAcceptsTheAdaptedDropsAndQuarantinesTheTwoGuests() {
    Map<String, List<Long>> log = new TreeMap<>();
    for (Row r :
        lakehouse
            .read(LakehouseTables.INGEST_LOG)
            .select("dataset", "rows_read", "rows_accepted", "rows_quarantined")
            .collectAsList()) {
      log.put(r.getString(0), List.of(r.getLong(1), r.getLong(2), r.getLong(3)));
    }
    assertThat(log)
        .as("ADAPTERS.md §6.3: read, accepted, quarantined per dataset")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "orgs", List.of(1L, 1L, 0L),
                "teams", List.of(12L, 12L, 0L),
                "people", List.of(18L, 16L, 2L),
                "deployments", List.of(16L, 16L, 0L),
                "incidents", List.of(3L, 3L, 0L),
                "incident_events", List.of(25L, 25L, 0L)));
    List<Row> quarantined =
        lakehouse
            .read(LakehouseTables.QUARANTINE)
            .selectExpr("dataset", "record_key['person_id']", "reasons[0]")
            .collectAsList();
    assertThat(quarantined).hasSize(2);
    for (Row r : quarantined) {
      assertThat(r.getString(0)).isEqualTo("people");
      assertThat(r.getString(1)).isEqualTo("guest");
      assertThat(r.getString(2))
          .startsWith("conflicting_duplicate: key ")
          .contains("guest")
          .endsWith("has 2 different versions in this drop");
    }
  }

  @Test
  void adapterLogHoldsEveryInputFileAndDatasetOfBothReports() {
    List<Row> rows =
        lakehouse
            .read(LakehouseTables.ADAPTER_LOG)
            .groupBy("format")
            .agg(
                org.apache.spark.sql.functions.sum("records_read"),
                org.apache.spark.sql.functions.sum("records_written"),
                org.apache.spark.sql.functions.sum("records_skipped"),
                org.apache.spark.sql.functions.sum("records_rejected"),
                org.apache.spark.sql.functions.max("exit_code"),
                org.apache.spark.sql.functions.min(org.apache.spark.sql.functions.col("balanced")))
            .orderBy("format")
            .collectAsList();
    assertThat(rows).hasSize(2);
    // Backstage: 91 documents = 46 written + 45 skipped by kind, + the orgs row (§6.3).
    assertThat(rows.get(0).toString()).isEqualTo("[backstage,92,47,45,0,0,true]");
    // PagerDuty: 3 incidents + 44 log entries = 28 written + 19 skipped (§8.3).
    assertThat(rows.get(1).toString()).isEqualTo("[pagerduty,47,28,19,0,0,true]");

    Row events =
        lakehouse
            .read(LakehouseTables.ADAPTER_LOG)
            .filter("format = 'pagerduty' AND dataset = 'incident_events'")
            .selectExpr(
                "org",
                "dt",
                "input_file",
                "rows_written",
                "skipped_by_rule['notify']",
                "skipped_by_rule['trigger']",
                "skipped_by_rule['annotate']",
                "report_file")
            .first();
    assertThat(events.toString())
        .isEqualTo(
            "[acme,2022-11-06,incidents.jsonl,25,15,3,1,"
                + "_adapter_reports/pagerduty-acme-2022-11-06.json]");
    assertThat(
            lakehouse
                .read(LakehouseTables.ADAPTER_LOG)
                .filter("format = 'backstage'")
                .selectExpr("warnings['conflicting_entity']", "warnings['owner_is_user']")
                .distinct()
                .collectAsList())
        .as("the run's WARN counts on each of its rows")
        .singleElement()
        .hasToString("[1,2]");
  }

  @Test
  void theMartsShowTheOrgItsDeploymentsAndItsIncidents() {
    assertThat(
            lakehouse
                .read(LakehouseTables.silver(LandingDataset.ORGS))
                .selectExpr("org_id", "org_name")
                .collectAsList()
                .toString())
        .isEqualTo("[[acme,ACME Corp]]");
    List<String> weeks =
        lakehouse
            .read(MartTables.ORG_WEEKLY)
            .filter("org_id = 'acme'")
            .orderBy("week_start")
            .selectExpr(
                "cast(week_start as string)",
                "production_deployments",
                "pilot_deployments",
                "oncall_engineers",
                "incidents")
            .collectAsList()
            .stream()
            .map(Row::toString)
            .toList();
    assertThat(weeks)
        .as("week, production, pilot, on call, incidents: the run week holds the 3 incidents")
        .endsWith("[2022-10-31,10,6,0,3]");
    List<String> paged =
        lakehouse
            .read(MartTables.DEPLOYMENT_WEEKLY)
            .filter("org_id = 'acme' AND incidents > 0")
            .selectExpr("deployment_id", "cast(week_start as string)", "incidents", "owner_team_id")
            .collectAsList()
            .stream()
            .map(Row::toString)
            .toList();
    assertThat(paged)
        .as(
            "PagerDuty service PIKL83L pages for www-artist (stratify-adapters.yaml); all rows: %s",
            lakehouse.read(MartTables.DEPLOYMENT_WEEKLY).collectAsList())
        .containsExactly("[www-artist,2022-10-31,3,team-a]");
  }
}
