package io.stratify.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.metrics.StaffingWhatIf;
import io.stratify.jobs.testing.CliRun;
import io.stratify.jobs.testing.SampleLakehouse;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** `stratify whatif` on the sample lakehouse, checked against marts.org_weekly. */
class WhatIfCommandTest {

  private static final String KESTREL = "kestrel-capital";

  private static CliRun whatIf(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "whatif";
    all[1] = "--lakehouse";
    all[2] = SampleLakehouse.get().lakehouse().root();
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRun.of(all);
  }

  private static Row latestCompleteWeek(String org) {
    String sql =
        "SELECT * FROM marts.org_weekly WHERE org_id = '"
            + org
            + "' AND week_complete AND week_start < date_trunc('week', DATE'"
            + SampleLakehouse.get().runDate()
            + "') ORDER BY week_start DESC LIMIT 1";
    return SampleLakehouse.get().spark().sql(sql).collectAsList().get(0);
  }

  @Test
  void csvHasTheSpecColumnsAndTheLatestCompleteWeeksValues() {
    Row week = latestCompleteWeek(KESTREL);

    CliRun result = whatIf("--org", KESTREL, "--format", "csv", "--add-oncall", "2");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo(String.join(",", StaffingWhatIf.COLUMNS));
    assertThat(lines.get(0))
        .startsWith(
            "org_id,week_start,oncall_engineers,ambition_points,supportability_ratio,"
                + "boundary_status,oncall_to_leave_exceeded,oncall_to_within,"
                + "scenario_oncall_engineers,scenario_ambition_points,scenario_ratio,"
                + "scenario_status");
    String[] values = lines.get(1).split(",", -1);
    int engineers = week.<Integer>getAs("oncall_engineers");
    int ambition = week.<Integer>getAs("ambition_points");
    assertThat(values[0]).isEqualTo(KESTREL);
    assertThat(values[1]).isEqualTo(week.getAs("week_start").toString());
    assertThat(values[2]).isEqualTo(Integer.toString(engineers));
    assertThat(values[3]).isEqualTo(Integer.toString(ambition));
    assertThat(values[5]).isEqualTo(week.<String>getAs("boundary_status")).isEqualTo("exceeded");
    int toLeave = Integer.parseInt(values[6]);
    assertThat((double) ambition)
        .as("the smallest n that leaves exceeded")
        .isLessThanOrEqualTo(1.0 * (engineers + toLeave) * 6)
        .isGreaterThan(1.0 * (engineers + toLeave - 1) * 6);
    assertThat(values[8]).isEqualTo(Integer.toString(engineers + 2));
    assertThat(values[9]).as("nothing retired").isEqualTo(Integer.toString(ambition));
  }

  @Test
  void retiringAProductionDeploymentTakesItsWeightOff() {
    Row week = latestCompleteWeek(KESTREL);
    Row production =
        SampleLakehouse.get()
            .spark()
            .sql(
                "SELECT deployment_id, business_criticality FROM marts.deployment_weekly"
                    + " WHERE org_id = '"
                    + KESTREL
                    + "' AND lifecycle_stage = 'production' AND week_start = DATE'"
                    + week.getAs("week_start")
                    + "' ORDER BY deployment_id LIMIT 1")
            .collectAsList()
            .get(0);

    CliRun result =
        whatIf("--org", KESTREL, "--format", "csv", "--retire", production.getString(0));

    assertThat(result.exitCode()).as(result.err()).isZero();
    String[] values = result.out().lines().toList().get(1).split(",", -1);
    assertThat(Integer.parseInt(values[9]))
        .isEqualTo(week.<Integer>getAs("ambition_points") - (5 - production.<Integer>getAs(1)));
  }

  @Test
  void unknownOrgOrDeploymentIsExitTwoWithAClearMessage() {
    CliRun org = whatIf("--org", "acme");
    CliRun deployment = whatIf("--org", KESTREL, "--retire", "no-such-deployment");

    assertThat(org.exitCode()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(org.err()).contains("Cannot review org 'acme'");
    assertThat(deployment.exitCode()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(deployment.err())
        .contains("Cannot retire no-such-deployment: not a deployment of org 'kestrel-capital'");
  }

  @Test
  void tablePrintsEveryColumnAndTheSettingsSource() {
    CliRun result = whatIf("--org", KESTREL);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("oncall_to_within")
        .contains("scenario_boundary_eta")
        .contains("metrics.points-per-oncall-engineer = 6");
  }
}
