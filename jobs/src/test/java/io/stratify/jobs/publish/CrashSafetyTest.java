package io.stratify.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.NightlyRun;
import io.stratify.jobs.ingest.LandingZone;
import io.stratify.jobs.testing.ChildStratify;
import io.stratify.jobs.testing.LandingFixture;
import io.stratify.jobs.testing.SparkTestSession;
import io.stratify.jobs.testing.TableSnapshot;
import io.stratify.jobs.testing.ThreeNights;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at several points of a night (and a scheduler's SIGTERM at one), then one run to
 * completion: the lakehouse ends exactly as after one clean run, and no reader ever sees marts that
 * were not published.
 */
class CrashSafetyTest {

  @TempDir Path dir;

  /**
   * Runs {@code stratify run} in a child JVM and kills it (SIGKILL) once a line containing {@code
   * killAt} is printed.
   */
  static List<String> runAndKill(Path landing, Path lakehouse, String killAt) throws Exception {
    return runAndStop(landing, lakehouse, killAt, false);
  }

  /** As {@link #runAndKill}, with SIGTERM instead of SIGKILL when {@code term} is true. */
  static List<String> runAndStop(Path landing, Path lakehouse, String killAt, boolean term)
      throws Exception {
    List<String> command =
        ChildStratify.command(
            List.of(),
            "run",
            "--landing",
            landing.toString(),
            "--lakehouse",
            lakehouse.toString(),
            "--date",
            ThreeNights.D3.toString());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    boolean killed = false;
    int stoppedAt = 0; // lines printed before the signal
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (!killed && line.contains(killAt)) {
          if (term) {
            // SIGTERM through the handle: Process.destroy() would also close the output we read on
            child.toHandle().destroy();
          } else {
            child.destroyForcibly();
          }
          killed = true;
          stoppedAt = lines.size();
          if (!term) {
            break;
          }
        }
      }
    } finally {
      if (!child.waitFor(2, TimeUnit.MINUTES)) {
        child.destroyForcibly();
      }
    }
    assertThat(killed)
        .as("the child reached '%s'; it printed:%n%s", killAt, String.join("\n", lines))
        .isTrue();
    if (term) {
      // Issue 13 defect 7: a stopped run says what was stopped, in one line, without a stack trace.
      List<String> after = lines.subList(stoppedAt, lines.size());
      assertThat(child.exitValue())
          .as("stopped by SIGTERM; it printed:%n%s", String.join("\n", lines))
          .isEqualTo(143);
      assertThat(
              after.stream()
                  .filter(
                      l ->
                          l.startsWith(
                              "stratify: stopped by SIGTERM during stratify run "
                                  + ThreeNights.D3
                                  + ", stage ")))
          .as("the stop notice, once; after the signal it printed:%n%s", String.join("\n", after))
          .hasSize(1);
      assertThat(String.join("\n", after)).doesNotContain("\tat ").doesNotContain("Exception");
    } else {
      assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }
    return lines;
  }

  @Test
  void killedRunsThenOneCompleteRunEqualOneCleanRun() throws Exception {
    SparkSession spark = SparkTestSession.get();
    LandingFixture landing = ThreeNights.write(new LandingFixture(dir.resolve("landing")));
    LandingZone zone =
        LandingZone.scan(landing.root().toString(), spark.sparkContext().hadoopConfiguration());
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Lakehouse clean = new Lakehouse(spark, ThreeNights.publishedAsOfD3().toString());

    Path crashed = dir.resolve("crashed");
    runAndKill(landing.root(), crashed, "ingest people");
    runAndStop(landing.root(), crashed, "conform silver.", true);
    runAndKill(landing.root(), crashed, "marts as of");
    Lakehouse beforeRecovery = new Lakehouse(spark, crashed.toString());
    assertThat(beforeRecovery.exists(OpsTables.PUBLISH_LOG))
        .as("killed before publishing: no marts were ever visible")
        .isFalse();
    assertThat(beforeRecovery.read(MartTables.ORG_WEEKLY).count()).isZero();

    new NightlyRun(spark, StratifyConfig.defaults(), quiet)
        .run(zone, crashed.toString(), ThreeNights.D3, ThreeNights.D3);

    Lakehouse recovered = new Lakehouse(spark, crashed.toString());
    List<TableContract> tables = new ArrayList<>(LakehouseTables.all());
    tables.addAll(MartTables.all());
    for (TableContract table : tables) {
      assertThat(TableSnapshot.of(recovered.read(table)))
          .as("%s after crashes and a re-run", table.qualifiedName())
          .isEqualTo(TableSnapshot.of(clean.read(table)));
    }
    assertThat(recovered.martsVersion()).isEqualTo("v1");
  }
}
