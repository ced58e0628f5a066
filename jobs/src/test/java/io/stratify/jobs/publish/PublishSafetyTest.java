package io.stratify.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.cli.StratifyCli;
import io.stratify.jobs.testing.LandingFixture;
import io.stratify.jobs.testing.SparkTestSession;
import io.stratify.jobs.testing.TableSnapshot;
import io.stratify.jobs.testing.ThreeNights;
import io.stratify.jobs.testing.TreeCopy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What consumers see when a night goes wrong: a new marts version that fails the quality gate is
 * not published (exit 3) and yesterday's stays visible; a second run against a busy lakehouse stops
 * at once (exit 4) and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishSafetyTest {

  @TempDir static Path dir;
  SparkSession spark;
  LandingFixture landing;
  Lakehouse lakehouse;

  @BeforeAll
  void publishOnce() {
    spark = SparkTestSession.get();
    landing = ThreeNights.write(new LandingFixture(dir.resolve("landing")));
    // the three nights published as of D3, copied: the tests below break and lock it
    lakehouse = new Lakehouse(spark, dir.resolve("lakehouse").toString());
    TreeCopy.copy(ThreeNights.publishedAsOfD3(), Path.of(lakehouse.root()));
  }

  int cli(ByteArrayOutputStream err, String... args) {
    PrintStream previous = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return StratifyCli.execute(args);
    } finally {
      System.setErr(previous);
    }
  }

  @Test
  void aFailedQualityGateKeepsThePublishedMartsAndSaysWhy() {
    String published = new Lakehouse(spark, lakehouse.root()).martsVersion();
    List<String> before =
        TableSnapshot.of(new Lakehouse(spark, lakehouse.root()).read(MartTables.ORG_WEEKLY));
    assertThat(before).isNotEmpty();
    // A broken night: silver lost an org's rows, so the new org_weekly would lose half its rows.
    spark.sql(
        "DELETE FROM delta.`"
            + lakehouse.location(LakehouseTables.silver(LandingDataset.ORGS))
            + "` WHERE org_id = 'o2'");

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // The rows are deleted behind the pipeline's back (no ingest-log entry), which an incremental
    // night cannot see: the full recompute is what the gate guards here.
    int code =
        cli(
            err,
            "marts",
            "--conf",
            "marts.incremental=false",
            "--landing",
            landing.root().toString(),
            "--lakehouse",
            lakehouse.root(),
            "--date",
            ThreeNights.D3.toString());

    assertThat(code).isEqualTo(StratifyCli.EXIT_QUALITY_GATE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("quality check(s) failed")
        .contains(published + " stay published");
    Lakehouse after = new Lakehouse(spark, lakehouse.root());
    assertThat(after.martsVersion()).as("nothing new published").isEqualTo(published);
    assertThat(TableSnapshot.of(after.read(MartTables.ORG_WEEKLY))).isEqualTo(before);
    List<Row> failed =
        after
            .read(OpsTables.QUALITY_RESULTS)
            .filter("NOT passed")
            .select("check_name", "version")
            .collectAsList();
    assertThat(failed).extracting(r -> r.getString(0)).contains("org_weekly.row_count_sane");
    assertThat(failed).extracting(r -> r.getString(1)).doesNotContain(published);
  }

  @Test
  void aSecondRunStopsAtOnceWhileTheLakehouseIsHeld() throws Exception {
    Path lock = Path.of(LakehouseLock.location(lakehouse));
    Files.createDirectories(lock.getParent());
    Files.writeString(
        lock,
        "{\"token\":\"other\",\"pid\":"
            + ProcessHandle.current().pid()
            + ",\"host\":\""
            + java.net.InetAddress.getLocalHost().getHostName()
            + "\",\"command\":\"stratify run (another)\",\"started_at\":\"2026-03-10T02:00:00Z\"}");
    try {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          cli(
              err,
              "ingest",
              "--landing",
              landing.root().toString(),
              "--lakehouse",
              lakehouse.root(),
              "--date",
              ThreeNights.D3.toString(),
              "--conf",
              "run.lock-wait-seconds=1");
      assertThat(code).isEqualTo(StratifyCli.EXIT_LOCKED);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("another Stratify run holds the lakehouse lock")
          .contains("stratify run (another)");
      assertThat(Files.exists(lock)).as("the other run's lock is left alone").isTrue();
    } finally {
      Files.deleteIfExists(lock);
    }
  }

  @Test
  void aLockLeftByAKilledRunIsTakenOver() throws Exception {
    Path lock = Path.of(LakehouseLock.location(lakehouse));
    Files.createDirectories(lock.getParent());
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(
        lock,
        "{\"token\":\"dead\",\"pid\":"
            + gone.pid()
            + ",\"host\":\""
            + java.net.InetAddress.getLocalHost().getHostName()
            + "\",\"command\":\"stratify run\",\"started_at\":\"2026-03-10T02:00:00Z\"}");
    List<String> messages = new ArrayList<>();
    try (LakehouseLock taken =
        LakehouseLock.acquire(lakehouse, Duration.ZERO, "test", messages::add)) {
      assertThat(Files.readString(lock)).doesNotContain("\"dead\"");
    }
    assertThat(messages).anyMatch(m -> m.contains("no longer running"));
    assertThat(Files.exists(lock)).as("released").isFalse();
  }

  @Test
  void exactlyOneOfManyConcurrentRunsGetsTheLock() throws Exception {
    int runs = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    List<Future<LakehouseLock>> attempts = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      attempts.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  return LakehouseLock.acquire(lakehouse, Duration.ZERO, "race", m -> {});
                } catch (LakehouseLockedException e) {
                  return null;
                }
              }));
    }
    start.countDown();
    List<LakehouseLock> winners = new ArrayList<>();
    for (Future<LakehouseLock> f : attempts) {
      if (f.get() != null) {
        winners.add(f.get());
      }
    }
    pool.shutdown();
    assertThat(winners).hasSize(1);
    winners.get(0).close();
    LakehouseLock.acquire(lakehouse, Duration.ZERO, "released: taking it again works", m -> {})
        .close();
  }
}
