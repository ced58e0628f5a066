package io.stratify.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRunner;
import io.stratify.common.config.StratifyConfig;
import io.stratify.common.contract.MartTables;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.ingest.LandingZone;
import io.stratify.jobs.testing.SampleLakehouse;
import io.stratify.jobs.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DevLake DORA replay end to end (ADAPTERS.md 11.2-11.3, issue 11): DevLake's
 * connect_incident_to_deployment fixture adapted with the replay configuration, run through the
 * whole pipeline with metrics.attribution-window-days=unbounded, and marts.incident_attribution
 * compared with DevLake's expected project_incident_deployment_relationships. The default window
 * and the org_weekly figures are checked without Spark (DevLakeAttributionReplayTest).
 */
class DevLakeReplayTest {

  static final LocalDate DT = LocalDate.of(2022, 12, 1);

  @TempDir Path tmp;

  @Test
  void incidentAttributionReproducesDevLakesRelationships() throws Exception {
    Path fixture =
        SampleLakehouse.projectDir()
            .resolve(
                "common/src/test/resources/adapters/devlake/dora/connect_incident_to_deployment");
    Path in = Files.createDirectories(tmp.resolve("in"));
    for (String f :
        List.of("cicd_deployment_commits.csv", "incidents.csv", "project_mapping.csv")) {
      Files.copy(fixture.resolve(f), in.resolve(f));
    }
    Path landing = tmp.resolve("landing");
    AdapterReport adapted =
        AdapterRunner.run(
            new AdapterRunner.Request(
                "devlake",
                in,
                landing,
                DT,
                null,
                SampleLakehouse.projectDir().resolve("sample-data/adapters/devlake.yaml"),
                null,
                false,
                null),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(adapted.exitCode()).as(adapted.reason()).isZero();

    SparkSession spark = SparkTestSession.get();
    StratifyConfig unbounded =
        StratifyConfig.defaults().with("metrics.attribution-window-days", "unbounded");
    String root = tmp.resolve("lakehouse").toString();
    new NightlyRun(
            spark,
            unbounded,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .run(
            LandingZone.scan(landing.toString(), spark.sparkContext().hadoopConfiguration()),
            root,
            DT,
            DT);

    Map<String, String> pipelineOf = new HashMap<>();
    for (String line :
        Files.readAllLines(landing.resolve("deployment_changes/dt=" + DT + "/devlake-all.csv"))
            .subList(1, 14)) {
      String[] cells = line.split(",", -1);
      pipelineOf.put(cells[1], cells[cells.length - 1]);
    }
    Map<String, String> expected = new HashMap<>();
    for (String line :
        Files.readAllLines(fixture.resolve("project_incident_deployment_relationships.csv"))
            .subList(1, 7)) {
      String[] cells = line.split(",");
      expected.put(cells[0], cells[2]);
    }
    List<Row> rows =
        new Lakehouse(spark, root)
            .read(MartTables.INCIDENT_ATTRIBUTION)
            .select("incident_id", "change_id", "attributed_by", "hours_after_change")
            .collectAsList();
    Map<String, String> ours = new HashMap<>();
    for (Row r : rows) {
      ours.put(r.getString(0), pipelineOf.get(r.getString(1)));
      assertThat(r.getString(2)).isEqualTo("window");
    }
    assertThat(rows).hasSize(6);
    assertThat(ours).as("incident -> DevLake deployment").isEqualTo(expected);
    assertThat(
            rows.stream()
                .filter(r -> r.getString(0).endsWith("1373792478"))
                .findFirst()
                .orElseThrow()
                .getDouble(3))
        .isCloseTo(19.07, within(0.005));
  }
}
