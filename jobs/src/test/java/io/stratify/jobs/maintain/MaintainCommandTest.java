package io.stratify.jobs.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.testing.CliRun;
import io.stratify.jobs.testing.SparkTestSession;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stratify maintain} as a scheduler runs it (issue 14): six nightly appends leave six small
 * files in bronze.ingest_files; {@code --no-vacuum} compacts them into one and deletes nothing; a
 * second run with a zero-hour retention deletes the six files no current version references. The
 * rows stay the same throughout, and each run's report says what it did.
 */
class MaintainCommandTest {

  @TempDir Path dir;

  @Test
  void compactsThenVacuumsAndReportsWhatItDid() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Lakehouse lakehouse = new Lakehouse(spark, dir.resolve("lakehouse").toString());
    String location = lakehouse.location(LakehouseTables.INGEST_FILES);
    for (int night = 1; night <= 6; night++) {
      LocalDate dt = LocalDate.of(2026, 3, night);
      Row row =
          RowFactory.create(
              "teams", dt, "teams/dt=" + dt + "/teams.csv", "csv", "read", (long) night, null);
      lakehouse.append(
          LakehouseTables.INGEST_FILES,
          spark.createDataFrame(List.of(row), LakehouseTables.INGEST_FILES.schema()));
    }
    List<String> rows = rows(lakehouse);
    assertThat(rows).hasSize(6);
    assertThat(TableMaintenance.storedFiles(lakehouse, location)).isEqualTo(6);

    CliRun compact = CliRun.of("maintain", "--lakehouse", lakehouse.root(), "--no-vacuum");

    assertThat(compact.exitCode()).as(compact.err()).isZero();
    assertThat(compact.out())
        .contains(": 1 tables, 6 data files -> 1, nothing deleted (--no-vacuum).")
        .containsPattern("\\n  bronze\\.ingest_files\\s+6\\s+1\\s+6\\s+0\\s+[0-9.]+\\n");
    assertThat(TableMaintenance.storedFiles(lakehouse, location))
        .as("the compacted files stay for time travel")
        .isEqualTo(7);
    assertThat(rows(lakehouse)).isEqualTo(rows);

    String listing = spark.conf().get(TableMaintenance.LISTING_PARALLELISM);
    AtomicInteger widestStage = new AtomicInteger();
    SparkListener stages =
        new SparkListener() {
          @Override
          public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
            widestStage.accumulateAndGet(submitted.stageInfo().numTasks(), Math::max);
          }
        };
    spark.sparkContext().addSparkListener(stages);
    CliRun vacuum;
    try {
      vacuum =
          CliRun.of(
              "maintain",
              "--lakehouse",
              lakehouse.root(),
              "--conf",
              "maintain.vacuum-retention-hours=0");
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(stages);
    }

    assertThat(vacuum.exitCode()).as(vacuum.err()).isZero();
    assertThat(widestStage.get())
        .as(
            "VACUUM lists the table in a few tasks per core, not Spark's default 10,000 (%s)",
            listing)
        .isPositive()
        .isLessThan(1000);
    assertThat(spark.conf().get(TableMaintenance.LISTING_PARALLELISM))
        .as("the session's listing parallelism is restored after VACUUM")
        .isEqualTo(listing);
    assertThat(vacuum.out())
        .contains(": 1 tables, 1 data files -> 1, 6 unreferenced files older than 0 h deleted.");
    assertThat(TableMaintenance.storedFiles(lakehouse, location)).isEqualTo(1);
    assertThat(rows(lakehouse)).isEqualTo(rows);

    // Delta 4 ignores a retention other than 0 unless told not to: the setting must reach VACUUM.
    CliRun day =
        CliRun.of(
            "maintain",
            "--lakehouse",
            lakehouse.root(),
            "--conf",
            "maintain.vacuum-retention-hours=720");
    assertThat(day.exitCode()).as(day.err()).isZero();
    Row vacuumStart =
        DeltaTable.forPath(spark, location)
            .history()
            .filter("operation = 'VACUUM START'")
            .orderBy(org.apache.spark.sql.functions.col("version").desc())
            .first();
    assertThat(
            scala.jdk.javaapi.CollectionConverters.asJava(
                    vacuumStart.<scala.collection.Map<String, String>>getAs("operationParameters"))
                .get("specifiedRetentionMillis"))
        .as("VACUUM ran with the 720 hours of maintain.vacuum-retention-hours")
        .isEqualTo(Long.toString(720L * 3_600_000L));
  }

  private static List<String> rows(Lakehouse lakehouse) {
    return lakehouse.read(LakehouseTables.INGEST_FILES).orderBy("dt").collectAsList().stream()
        .map(Row::toString)
        .toList();
  }
}
