package io.stratify.jobs.maintain;

import static io.stratify.common.contract.Column.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import io.stratify.common.contract.ColumnType;
import io.stratify.common.contract.Layer;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.maintain.TableMaintenance.Result;
import io.stratify.jobs.maintain.TableMaintenance.TableResult;
import io.stratify.jobs.testing.SparkTestSession;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three weeks of nights of the three write patterns a night uses, through the lakehouse's own
 * writer: a bronze table partitioned by dt whose night replaces its dt, a silver table without
 * partitions whose night replaces the rows of the orgs that landed, and an ops table the night
 * appends to. Maintenance runs weekly, as the Airflow DAG schedules it. The file count of every
 * table must stay bounded, a late night must rewrite no more files than the tenth, and VACUUM must
 * delete only what no version within the retention references.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TableMaintenanceIT {

  private static final int NIGHTS = 21;
  private static final List<String> ORGS = List.of("org-a", "org-b", "org-c", "org-d");
  private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);

  static final TableContract DROPS =
      contract(Layer.BRONZE, "maintain_drops", List.of("dt"), List.of("dt", "org_id", "n"));
  static final TableContract CURRENT =
      contract(Layer.SILVER, "maintain_current", List.of(), List.of("org_id", "n"));
  static final TableContract LOG =
      contract(Layer.OPS, "maintain_log", List.of(), List.of("dt", "org_id", "n"));

  @TempDir static Path dir;
  SparkSession spark;
  Lakehouse lakehouse;
  final Map<Integer, Long> silverFilesRewritten = new HashMap<>();
  final List<Result> weekly = new ArrayList<>();
  long logFilesBeforeLastMaintenance;

  @BeforeAll
  void sixtyNightsWithWeeklyMaintenance() {
    spark = SparkTestSession.get();
    lakehouse = new Lakehouse(spark, dir.resolve("lakehouse").toString());
    for (int night = 1; night <= NIGHTS; night++) {
      LocalDate dt = FIRST.plusDays(night - 1);
      // Two of the four orgs land each night, in turn.
      List<String> landed = List.of(ORGS.get(night % 4), ORGS.get((night + 1) % 4));
      List<Row> drops = new ArrayList<>();
      List<Row> current = new ArrayList<>();
      for (String org : landed) {
        for (long n = 0; n < 3; n++) {
          drops.add(RowFactory.create(dt, org, n));
          current.add(RowFactory.create(org, night * 10L + n));
        }
      }
      lakehouse.replaceWhere(DROPS, rows(DROPS, drops), "dt = '" + dt + "'");
      lakehouse.replaceWhere(
          CURRENT,
          rows(CURRENT, current),
          "org_id IN ('" + landed.get(0) + "', '" + landed.get(1) + "')");
      lakehouse.append(LOG, rows(LOG, drops.subList(0, 1)));
      silverFilesRewritten.put(night, lastRemovedFiles(CURRENT));
      if (night % 7 == 0) {
        if (night == NIGHTS) {
          logFilesBeforeLastMaintenance = TableMaintenance.storedFiles(lakehouse, location(LOG));
        }
        weekly.add(
            TableMaintenance.maintain(
                lakehouse, List.of(DROPS, CURRENT, LOG), Duration.ZERO, true));
      }
    }
  }

  @Test
  void theFileCountOfEveryTableStaysBounded() {
    Result last = weekly.get(weekly.size() - 1);
    Map<String, TableResult> byTable = new HashMap<>();
    last.tables().forEach(t -> byTable.put(t.table(), t));
    assertThat(byTable)
        .containsOnlyKeys("bronze.maintain_drops", "silver.maintain_current", "ops.maintain_log");
    assertThat(byTable.get("silver.maintain_current").filesAfter())
        .as("the silver table is compacted to one file")
        .isEqualTo(1);
    assertThat(byTable.get("ops.maintain_log").filesBefore())
        .as("a week of appends left one file per night beside last week's compacted file")
        .isEqualTo(8);
    assertThat(byTable.get("ops.maintain_log").filesAfter())
        .as("the appended table is compacted to one file")
        .isEqualTo(1);
    assertThat(logFilesBeforeLastMaintenance)
        .as(
            "stored files of the appended table before the last maintenance: last week's VACUUM"
                + " left only what was referenced")
        .isEqualTo(8);
    assertThat(TableMaintenance.storedFiles(lakehouse, location(LOG)))
        .as("after the last maintenance only its compacted file is stored")
        .isEqualTo(1);
    assertThat(byTable.get("bronze.maintain_drops").filesAfter())
        .as("bronze keeps one file per dt partition (its nights replace whole partitions)")
        .isEqualTo(NIGHTS);
    assertThat(TableMaintenance.storedFiles(lakehouse, location(DROPS))).isEqualTo(NIGHTS);
    assertThat(weekly).hasSize(3);
    for (Result week : weekly) {
      for (TableResult t : week.tables()) {
        assertThat(t.storedFilesAfter())
            .as(
                "%s after maintenance stores only the files its current version references",
                t.table())
            .isEqualTo(t.filesAfter());
      }
    }
  }

  @Test
  void aLaterNightRewritesNoMoreFilesThanTheTenth() {
    // Nights 10 and 17 are both the third night after a weekly maintenance.
    assertThat(silverFilesRewritten.get(17))
        .as("files the silver rewrite replaced, by night: %s", silverFilesRewritten)
        .isLessThanOrEqualTo(silverFilesRewritten.get(10))
        .isPositive();
  }

  @Test
  void maintenanceChangesNoRow() {
    // Each org holds the rows of the last night it landed on.
    assertThat(
            lakehouse.read(CURRENT).orderBy("org_id", "n").collectAsList().stream()
                .map(r -> r.getString(0) + ":" + r.getLong(1))
                .toList())
        .containsExactly(
            "org-a:200",
            "org-a:201",
            "org-a:202",
            "org-b:210",
            "org-b:211",
            "org-b:212",
            "org-c:210",
            "org-c:211",
            "org-c:212",
            "org-d:190",
            "org-d:191",
            "org-d:192");
    assertThat(lakehouse.read(LOG).count()).isEqualTo(NIGHTS);
    assertThat(lakehouse.read(DROPS).count()).isEqualTo(NIGHTS * 6L);
  }

  @Test
  void theDefaultRetentionKeepsEveryRecentVersionReadable() {
    TableContract kept = contract(Layer.SILVER, "maintain_kept", List.of(), List.of("org_id", "n"));
    lakehouse.overwrite(
        kept, rows(kept, List.of(RowFactory.create("org-a", 1L), RowFactory.create("org-b", 2L))));
    lakehouse.replaceWhere(
        kept, rows(kept, List.of(RowFactory.create("org-a", 3L))), "org_id = 'org-a'");
    long before =
        DeltaTable.forPath(spark, location(kept)).history(1).first().<Long>getAs("version") - 1;

    TableMaintenance.maintain(
        lakehouse, List.of(kept), TableMaintenance.DELTA_SAFE_RETENTION, true);
    assertThat(versionAsOf(kept, before).orderBy("org_id").collectAsList().toString())
        .as("the version before the rewrite is still readable after VACUUM with 168 hours")
        .isEqualTo("[[org-a,1], [org-b,2]]");

    TableMaintenance.maintain(lakehouse, List.of(kept), Duration.ZERO, true);
    assertThatThrownBy(() -> versionAsOf(kept, before).collectAsList())
        .as("with no retention, the old version's files are gone")
        .hasStackTraceContaining("exist");
    assertThat(lakehouse.read(kept).orderBy("org_id").collectAsList().toString())
        .isEqualTo("[[org-a,3], [org-b,2]]");
  }

  private org.apache.spark.sql.Dataset<Row> versionAsOf(TableContract table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(location(table));
  }

  private String location(TableContract table) {
    return lakehouse.location(table);
  }

  private long lastRemovedFiles(TableContract table) {
    Row last = DeltaTable.forPath(spark, location(table)).history(1).first();
    Map<String, String> metrics =
        scala.jdk.javaapi.CollectionConverters.asJava(
            last.<scala.collection.Map<String, String>>getAs("operationMetrics"));
    return Long.parseLong(metrics.getOrDefault("numRemovedFiles", "0"));
  }

  private org.apache.spark.sql.Dataset<Row> rows(TableContract table, List<Row> rows) {
    return spark.createDataFrame(rows, table.schema());
  }

  private static TableContract contract(
      Layer layer, String name, List<String> partitionBy, List<String> columns) {
    return new TableContract(
        layer,
        name,
        "A table of the maintenance test.",
        "one row per org and n",
        List.of(),
        columns.stream()
            .map(
                c ->
                    required(
                        c,
                        switch (c) {
                          case "dt" -> ColumnType.DATE;
                          case "n" -> ColumnType.LONG;
                          default -> ColumnType.STRING;
                        },
                        c))
            .toList(),
        partitionBy,
        List.of());
  }
}
