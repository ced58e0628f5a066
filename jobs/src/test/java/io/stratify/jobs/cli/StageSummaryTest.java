package io.stratify.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.jobs.report.RunReportTest;
import io.stratify.jobs.testing.CliRun;
import io.stratify.jobs.testing.LandingFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 defect 9: a run of one stage printed the ingest table (empty for conform) and suggested
 * querying marts it had not written. Now {@code ingest} and {@code conform}, run as a scheduler
 * runs them (one command each, in-process here), summarise their own stage and name the next one.
 */
class StageSummaryTest {

  @TempDir Path dir;

  @Test
  void ingestAndConformEachSummariseTheirOwnStageAndNameTheNext() {
    Path landing = dir.resolve("landing");
    RunReportTest.tinyLanding(new LandingFixture(landing));
    String lakehouse = dir.resolve("lakehouse").toString();
    String[] where = {
      "--landing",
      landing.toString(),
      "--lakehouse",
      lakehouse,
      "--date",
      RunReportTest.D.toString()
    };

    CliRun ingest = CliRun.of(concat("ingest", where));

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(ingest.out())
        .as("the tiny night: 4 incident rows (2 accepted, 1 quarantined, 1 duplicate), 3 orgs")
        .containsPattern("\\n  incidents\\s+1\\s+1\\s+4\\s+2\\s+1\\s+1\\n")
        .containsPattern("\\n  orgs\\s+1\\s+1\\s+3\\s+2\\s+1\\s+0\\n")
        .contains("teams/dt=2026-03-02/teams_bad.csv: ")
        .contains("  bronze  <dataset>, quarantine, ingest_log, ingest_files")
        .contains("Next stage: scripts/stratify conform --lakehouse " + lakehouse)
        .doesNotContain("organisations recomputed")
        .doesNotContain("silver  <dataset>")
        .doesNotContain("marts")
        .doesNotContain("(no new drops)");

    CliRun conform = CliRun.of(concat("conform", where));

    assertThat(conform.exitCode()).as(conform.err()).isZero();
    assertThat(conform.out())
        .contains("  silver: organisations recomputed per dataset")
        .containsPattern("\\n    incidents\\s+1  new drops folded into silver\\n")
        .containsPattern("\\n    orgs\\s+3  new drops folded into silver\\n")
        .contains("  silver  <dataset>")
        .contains("Next stage: scripts/stratify marts --lakehouse " + lakehouse)
        .as("no ingest table, no bronze, no marts query")
        .doesNotContain("quarantined")
        .doesNotContain("(no new drops)")
        .doesNotContain("bronze  <dataset>")
        .doesNotContain("SELECT * FROM marts");
  }

  private static String[] concat(String command, String[] args) {
    String[] all = new String[args.length + 1];
    all[0] = command;
    System.arraycopy(args, 0, all, 1, args.length);
    return all;
  }
}
