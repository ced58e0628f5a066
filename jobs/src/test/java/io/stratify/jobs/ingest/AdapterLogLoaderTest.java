package io.stratify.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bronze.adapter_log} (ADAPTERS.md section 5): one row per report file and dataset, failed
 * runs included; a re-adapted drop replaces its rows; loading again changes nothing; reports after
 * the run date wait; an unreadable report is a warning.
 */
class AdapterLogLoaderTest {
  @TempDir Path dir;

  static String report(String finishedAt, int exitCode, String reason, String files) {
    return """
        {"format": "backstage", "org": "acme", "derived_orgs": [], "dt": "2026-12-01",
         "config_file": "a.yaml", "config_sha256": "x", "started_at": "2026-12-02T01:00:00Z",
         "finished_at": "%s", "exit_code": %d, "reason": "%s",
         "files": [%s], "rejects": [],
         "warnings": {"dangling_ref": {"count": 3, "examples": ["a"]}}, "defaulted_rows": {}}
        """
        .formatted(finishedAt, exitCode, reason, files);
  }

  static final String TEAMS =
      """
      {"input_file": "org.yaml", "dataset": "teams", "records_read": 4, "records_written": 3,
       "records_rejected": 0, "records_skipped": 1, "skipped_by_rule": {"kind:System": 1},
       "duplicates_merged": 0, "rows_written": 3, "balanced": true}
      """;
  static final String PEOPLE =
      """
      {"input_file": "users.yaml", "dataset": "people", "records_read": 2, "records_written": 1,
       "records_rejected": 1, "records_skipped": 0, "skipped_by_rule": {},
       "duplicates_merged": 0, "rows_written": 1, "balanced": true}
      """;

  @Test
  void reportsLoadOnceAndAReAdaptedDropReplacesItsRows() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Lakehouse lakehouse = new Lakehouse(spark, dir.resolve("lakehouse").toString());
    Path reports = Files.createDirectories(dir.resolve("landing/_adapter_reports"));
    Files.writeString(
        reports.resolve("backstage-acme-2026-12-01.json"),
        report("2026-12-02T01:00:05Z", 0, "", TEAMS + "," + PEOPLE));
    Files.writeString(
        reports.resolve("scim-acme-2026-12-01.json"),
        report("2026-12-02T01:00:06Z", 2, "teams.function: no source", "")
            .replace("\"backstage\"", "\"scim\""));
    Files.writeString(
        reports.resolve("pagerduty-acme-2026-12-02.json"),
        report("2026-12-03T01:00:00Z", 0, "", TEAMS)
            .replace("\"backstage\"", "\"pagerduty\"")
            .replace("\"dt\": \"2026-12-01\"", "\"dt\": \"2026-12-02\""));
    Files.writeString(reports.resolve("broken-acme-2026-12-01.json"), "{\"format\": ");
    Files.writeString(reports.resolve(".backstage-acme-2026-12-01.json.tmp"), "{");
    String landing = dir.resolve("landing").toString();
    LocalDate to = LocalDate.parse("2026-12-01");
    var conf = spark.sparkContext().hadoopConfiguration();

    AdapterLogLoader.Result first = AdapterLogLoader.load(lakehouse, landing, conf, to);

    assertThat(first.loaded())
        .containsExactly(
            "_adapter_reports/backstage-acme-2026-12-01.json",
            "_adapter_reports/scim-acme-2026-12-01.json");
    assertThat(first.warnings())
        .containsExactly(
            "adapter report _adapter_reports/broken-acme-2026-12-01.json not loaded: unreadable"
                + " JSON");
    assertThat(rows(lakehouse))
        .containsExactly(
            "[backstage,acme,2026-12-01,org.yaml,teams,4,3,3,0,1,0,Map(kind:System -> 1),"
                + "Map(dangling_ref -> 3),true,0,null]",
            "[backstage,acme,2026-12-01,users.yaml,people,2,1,1,1,0,0,Map(),"
                + "Map(dangling_ref -> 3),true,0,null]",
            "[scim,acme,2026-12-01,-,-,0,0,0,0,0,0,Map(),Map(dangling_ref -> 3),true,2,"
                + "teams.function: no source]");

    long version =
        DeltaTable.forPath(spark, lakehouse.location(LakehouseTables.ADAPTER_LOG))
            .history(1)
            .first()
            .getLong(0);
    assertThat(AdapterLogLoader.load(lakehouse, landing, conf, to).loaded())
        .as("loading the same reports again")
        .isEmpty();
    assertThat(
            DeltaTable.forPath(spark, lakehouse.location(LakehouseTables.ADAPTER_LOG))
                .history(1)
                .first()
                .getLong(0))
        .as("no new commit")
        .isEqualTo(version);

    // The drop is re-adapted: its report now accounts one file only.
    Files.writeString(
        reports.resolve("backstage-acme-2026-12-01.json"),
        report("2026-12-02T05:00:00Z", 0, "", TEAMS));
    assertThat(AdapterLogLoader.load(lakehouse, landing, conf, to).loaded()).hasSize(1);
    assertThat(rows(lakehouse))
        .containsExactly(
            "[backstage,acme,2026-12-01,org.yaml,teams,4,3,3,0,1,0,Map(kind:System -> 1),"
                + "Map(dangling_ref -> 3),true,0,null]",
            "[scim,acme,2026-12-01,-,-,0,0,0,0,0,0,Map(),Map(dangling_ref -> 3),true,2,"
                + "teams.function: no source]");
  }

  static List<String> rows(Lakehouse lakehouse) {
    return lakehouse
        .read(LakehouseTables.ADAPTER_LOG)
        .orderBy("format", "input_file")
        .selectExpr(
            "format",
            "org",
            "cast(dt as string)",
            "input_file",
            "dataset",
            "records_read",
            "records_written",
            "rows_written",
            "records_rejected",
            "records_skipped",
            "duplicates_merged",
            "skipped_by_rule",
            "warnings",
            "balanced",
            "exit_code",
            "reason")
        .collectAsList()
        .stream()
        .map(Row::toString)
        .toList();
  }
}
