package io.stratify.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratify.common.config.StratifyConfig;
import io.stratify.common.contract.LandingDataset;
import io.stratify.jobs.NightlyRun;
import io.stratify.jobs.NightlyRun.Stage;
import io.stratify.jobs.RunOutcome;
import io.stratify.jobs.UnusableInputException;
import io.stratify.jobs.cli.StratifyCli;
import io.stratify.jobs.conform.ConformSilver;
import io.stratify.jobs.ingest.IngestLanding;
import io.stratify.jobs.ingest.LandingZone;
import io.stratify.jobs.publish.LakehouseLockedException;
import io.stratify.jobs.publish.QualityGateFailedException;
import io.stratify.jobs.publish.StaleLandingException;
import io.stratify.jobs.testing.LandingFixture;
import io.stratify.jobs.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run report: its JSON from a hand-made result (no Spark), then from real ingest-only runs on a
 * tiny landing zone: written to the lakehouse and to the copy, overwritten by a re-run, and written
 * by a run that fails, which still throws its own exception.
 */
public class RunReportTest {

  public static final LocalDate D = LocalDate.of(2026, 3, 2);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void rendersAHandMadeResultFieldByField() throws IOException {
    IngestLanding.Result ingest =
        new IngestLanding.Result(
            List.of(
                new IngestLanding.DropReport(
                    LandingDataset.INCIDENTS, D, 2, 1, 10, 7, 2, 1, List.of("o1", "o2")),
                new IngestLanding.DropReport(
                    LandingDataset.INCIDENTS, D.plusDays(1), 1, 0, 5, 5, 0, 0, List.of("o1")),
                new IngestLanding.DropReport(
                    LandingDataset.ORGS, D, 1, 0, 3, 2, 1, 0, List.of("o1"))),
            List.of(new IngestLanding.RejectedFile("incidents/dt=2026-03-02/bad.csv", "no header")),
            List.of("ignored exports: not a landing dataset folder"));
    Map<String, Duration> times = new LinkedHashMap<>();
    times.put("ingest", Duration.ofMillis(1500));
    times.put("conform", Duration.ofMillis(250));
    NightlyRun.Result result =
        new NightlyRun.Result(
            List.of(D, D.plusDays(1)),
            ingest,
            new ConformSilver.Result(Map.of(LandingDataset.INCIDENTS, 2)),
            times);
    Instant start = Instant.parse("2026-03-03T01:00:00Z");
    RunReport report =
        new RunReport(
            "1.2.3",
            List.of(Stage.INGEST, Stage.CONFORM, Stage.MARTS),
            D,
            D.plusDays(1),
            "s3a://landing",
            "s3a://lake",
            start,
            start.plusSeconds(90),
            result,
            RunReport.Failure.of(
                "marts", new IllegalStateException("boom", new IOException("disk full"))));

    JsonNode json = JSON.readTree(report.json());

    assertThat(report.fileName()).isEqualTo("run-2026-03-02_2026-03-03-ingest-conform-marts.json");
    assertThat(RunReportWriter.location(report))
        .isEqualTo(
            "s3a://lake/_stratify/reports/run-2026-03-02_2026-03-03-ingest-conform-marts.json");
    assertThat(json.get("report_format").asInt()).isEqualTo(RunReport.FORMAT);
    assertThat(json.get("stratify_version").asText()).isEqualTo("1.2.3");
    assertThat(json.get("status").asText()).isEqualTo("failed");
    assertThat(json.get("exit_code").asInt()).as("an IllegalStateException exits 1").isEqualTo(1);
    assertThat(json.get("dates").toString()).isEqualTo("[\"2026-03-02\",\"2026-03-03\"]");
    assertThat(json.get("duration_ms").asLong()).isEqualTo(90_000);
    assertThat(json.get("failure").get("stage").asText()).isEqualTo("marts");
    assertThat(json.get("failure").get("error").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(json.get("failure").get("root_cause").asText())
        .isEqualTo("java.io.IOException: disk full");
    assertThat(json.get("failure").get("retryable").asBoolean()).isTrue();
    assertThat(json.get("stages").toString())
        .isEqualTo(
            "[{\"stage\":\"ingest\",\"status\":\"succeeded\",\"duration_ms\":1500},"
                + "{\"stage\":\"conform\",\"status\":\"succeeded\",\"duration_ms\":250},"
                + "{\"stage\":\"marts\",\"status\":\"failed\",\"duration_ms\":null}]");
    assertThat(json.get("datasets").get("incidents").toString())
        .as("two drops of incidents, summed")
        .isEqualTo(
            "{\"drops\":2,\"files\":3,\"files_rejected\":1,\"rows_read\":15,\"rows_accepted\":12,"
                + "\"rows_quarantined\":2,\"duplicates\":1}");
    assertThat(json.get("datasets").get("people").get("drops").asInt())
        .as("the ingest stage ran: a dataset without drops is there with zeros")
        .isZero();
    assertThat(json.get("datasets").size()).isEqualTo(LandingDataset.values().length);
    assertThat(json.get("totals").get("rows_read").asLong()).isEqualTo(18);
    assertThat(json.get("totals").get("drops").asLong()).isEqualTo(3);
    assertThat(json.get("drops").get(0).toString())
        .isEqualTo(
            "{\"dataset\":\"incidents\",\"dt\":\"2026-03-02\",\"files\":2,\"files_rejected\":1,"
                + "\"rows_read\":10,\"rows_accepted\":7,\"rows_quarantined\":2,\"duplicates\":1,"
                + "\"orgs_affected\":2}");
    assertThat(json.get("rejected_files").toString())
        .isEqualTo("[{\"file\":\"incidents/dt=2026-03-02/bad.csv\",\"message\":\"no header\"}]");
    assertThat(json.get("warnings").toString())
        .isEqualTo("[\"ignored exports: not a landing dataset folder\"]");
    assertThat(json.get("orgs_recomputed").toString()).isEqualTo("{\"incidents\":2}");
  }

  @Test
  void exitCodesAndRetriesMirrorTheCommandLine() {
    assertThat(RunReport.Failure.of("setup", new UnusableInputException("no landing zone")))
        .satisfies(f -> assertThat(f.exitCode()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT))
        .satisfies(f -> assertThat(f.rootCause()).isNull());
    assertThat(RunReport.Failure.of("ingest", new IllegalArgumentException("x")).exitCode())
        .isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(RunReport.Failure.of("marts", new QualityGateFailedException("x")).exitCode())
        .isEqualTo(StratifyCli.EXIT_QUALITY_GATE);
    assertThat(RunReport.Failure.of("setup", new LakehouseLockedException("x")).exitCode())
        .isEqualTo(StratifyCli.EXIT_LOCKED);
    assertThat(RunReport.Failure.of("ingest", new OutOfMemoryError()).exitCode())
        .isEqualTo(StratifyCli.EXIT_FAILURE);
    assertThat(RunOutcome.FAILED.retryable()).isTrue();
    assertThat(RunOutcome.LOCKED.retryable()).as("the other run ends").isTrue();
    assertThat(RunOutcome.UNUSABLE_INPUT.retryable()).isFalse();
    assertThat(RunOutcome.GATE_STOPPED.retryable()).isFalse();
    assertThat(RunReport.Failure.of("marts", new StaleLandingException("x")).exitCode())
        .as("the staleness gate")
        .isEqualTo(StratifyCli.EXIT_QUALITY_GATE);
  }

  @Test
  void anIngestRunWritesItsReportToTheLakehouseAndTheCopyAndARerunOverwritesIt()
      throws IOException {
    SparkSession spark = SparkTestSession.get();
    LandingFixture landing = tinyLanding(new LandingFixture(dir.resolve("landing")));
    String lakehouse = dir.resolve("lakehouse").toString();
    Path copy = dir.resolve("out/report.json");
    LandingZone zone =
        LandingZone.scan(landing.root().toString(), spark.sparkContext().hadoopConfiguration());
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    NightlyRun.Result result =
        new NightlyRun(
                spark,
                StratifyConfig.defaults(),
                new PrintStream(log, true, StandardCharsets.UTF_8))
            .withReportCopy(copy.toString())
            .run(zone, lakehouse, D, D, EnumSet.of(Stage.INGEST));

    Path inLakehouse = Path.of(lakehouse, "_stratify/reports/run-2026-03-02-ingest.json");
    assertThat(inLakehouse).exists();
    assertThat(Files.readString(copy)).isEqualTo(Files.readString(inLakehouse));
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("Run report: file:" + inLakehouse)
        .contains("Run report: file:" + copy);
    JsonNode json = JSON.readTree(inLakehouse.toFile());
    assertThat(json.get("status").asText()).isEqualTo("succeeded");
    assertThat(json.get("exit_code").asInt()).isZero();
    assertThat(json.get("failure").isNull()).isTrue();
    assertThat(json.get("stratify_version").asText()).isNotBlank();
    assertThat(json.get("first_date").asText()).isEqualTo("2026-03-02");
    assertThat(json.get("last_date").asText()).isEqualTo("2026-03-02");
    assertThat(json.get("stages_requested").asText()).isEqualTo("ingest");
    assertThat(json.get("stages")).hasSize(1);
    assertThat(json.get("stages").get(0).get("status").asText()).isEqualTo("succeeded");
    assertThat(json.get("stages").get(0).get("duration_ms").asLong())
        .isEqualTo(result.stageTimes().get("ingest").toMillis());
    assertThat(json.get("lakehouse").asText()).isEqualTo(lakehouse);
    assertThat(Instant.parse(json.get("finished_at").asText()))
        .isAfterOrEqualTo(Instant.parse(json.get("started_at").asText()));
    assertThat(json.get("datasets").get("incidents").toString())
        .as("4 rows: i1 and i3 accepted, i2 out of range, i3 sent twice")
        .isEqualTo(
            "{\"drops\":1,\"files\":1,\"files_rejected\":0,\"rows_read\":4,\"rows_accepted\":2,"
                + "\"rows_quarantined\":1,\"duplicates\":1}");
    assertThat(json.get("datasets").get("orgs").toString())
        .as("o3's size band XXL is quarantined")
        .isEqualTo(
            "{\"drops\":1,\"files\":1,\"files_rejected\":0,\"rows_read\":3,\"rows_accepted\":2,"
                + "\"rows_quarantined\":1,\"duplicates\":0}");
    assertThat(json.get("datasets").get("teams").get("files_rejected").asInt()).isEqualTo(1);
    assertThat(json.get("datasets").get("people").get("drops").asInt()).isZero();
    assertThat(json.get("totals").get("rows_read").asLong())
        .isEqualTo(result.ingest().rowsRead())
        .isEqualTo(4 + 3 + 2);
    assertThat(json.get("rejected_files")).hasSize(1);
    assertThat(json.get("rejected_files").get(0).get("file").asText())
        .isEqualTo("teams/dt=2026-03-02/teams_bad.csv");
    assertThat(json.get("rejected_files").get(0).get("message").asText())
        .contains("Missing required column(s) function");
    assertThat(json.get("warnings").toString()).contains("ignored exports");

    new NightlyRun(spark, StratifyConfig.defaults(), new PrintStream(new ByteArrayOutputStream()))
        .run(zone, lakehouse, D, D, EnumSet.of(Stage.INGEST));
    assertThat(reports(Path.of(lakehouse)))
        .as("the re-run of the same date and stage overwrote the report")
        .containsExactly("run-2026-03-02-ingest.json");
    assertThat(JSON.readTree(inLakehouse.toFile()).get("started_at").asText())
        .isNotEqualTo(json.get("started_at").asText());
  }

  @Test
  void aRunThatFailsInAStageReportsWhereAndStillThrowsItsOwnException() throws IOException {
    SparkSession spark = SparkTestSession.get();
    LandingFixture landing = tinyLanding(new LandingFixture(dir.resolve("landing")));
    String lakehouse = dir.resolve("lakehouse").toString();
    Path copy = dir.resolve("report.json");
    LandingZone zone =
        LandingZone.scan(landing.root().toString(), spark.sparkContext().hadoopConfiguration());
    // A lakehouse whose ingest log is unreadable: the ingest stage fails on its first read (before
    // it caches anything in the shared session).
    Path log = Path.of(lakehouse, "bronze/ingest_log/_delta_log/00000000000000000000.json");
    Files.createDirectories(log.getParent());
    Files.writeString(log, "not a Delta commit\n");
    NightlyRun run =
        new NightlyRun(
                spark, StratifyConfig.defaults(), new PrintStream(new ByteArrayOutputStream()))
            .withReportCopy(copy.toString());
    List<Throwable> thrown = new ArrayList<>();

    assertThatThrownBy(() -> run.run(zone, lakehouse, D, D, EnumSet.of(Stage.INGEST)))
        .satisfies(thrown::add);

    JsonNode json = JSON.readTree(copy.toFile());
    assertThat(json.get("status").asText()).isEqualTo("failed");
    assertThat(json.get("exit_code").asInt()).isEqualTo(1);
    assertThat(json.get("failure").get("stage").asText()).isEqualTo("ingest");
    assertThat(json.get("failure").get("error").asText())
        .as("the report names the exception the run threw, not a wrapper of its own")
        .isEqualTo(thrown.get(0).getClass().getName());
    assertThat(json.get("failure").get("retryable").asBoolean()).isTrue();
    assertThat(json.get("stages").get(0).get("status").asText()).isEqualTo("failed");
    assertThat(thrown.get(0).getSuppressed()).as("the report was written").isEmpty();
    assertThat(Path.of(lakehouse, "_stratify/reports/run-2026-03-02-ingest.json")).exists();
  }

  @Test
  void aRunThatFailsBeforeItsFirstStageReportsSetupAndExitCode2() throws IOException {
    SparkSession spark = SparkTestSession.get();
    LandingFixture landing = tinyLanding(new LandingFixture(dir.resolve("landing")));
    String lakehouse = dir.resolve("lakehouse").toString();
    LandingZone zone =
        LandingZone.scan(landing.root().toString(), spark.sparkContext().hadoopConfiguration());
    NightlyRun run =
        new NightlyRun(
            spark, StratifyConfig.defaults(), new PrintStream(new ByteArrayOutputStream()));

    assertThatThrownBy(() -> run.run(zone, lakehouse, D.plusDays(1), D, EnumSet.allOf(Stage.class)))
        .isInstanceOf(UnusableInputException.class)
        .hasMessageContaining("--from is after --to");

    JsonNode json =
        JSON.readTree(
            Path.of(
                    lakehouse,
                    "_stratify/reports/run-2026-03-03_2026-03-02-ingest-conform-marts.json")
                .toFile());
    assertThat(json.get("exit_code").asInt()).isEqualTo(2);
    assertThat(json.get("failure").get("stage").asText()).isEqualTo("setup");
    assertThat(json.get("failure").get("retryable").asBoolean()).isFalse();
    assertThat(json.get("failure").get("message").asText()).contains("--from is after --to");
    assertThat(json.get("dates")).isEmpty();
    assertThat(json.get("stages").findValuesAsText("status"))
        .containsExactly("not_run", "not_run", "not_run");
  }

  /** One night: orgs (one bad row), incidents (a bad row and a duplicate), teams (a bad file). */
  public static LandingFixture tinyLanding(LandingFixture f) {
    String d = D.toString();
    f.file(
        "orgs",
        d,
        "orgs.csv",
        "org_id,org_name,industry,size_band,region,timezone,benchmark_consent,loaded_hourly_cost_usd",
        "o1,Acme,retail,M,eu,Europe/Berlin,true,120",
        "o2,Beta,retail,S,eu,America/New_York,false,",
        "o3,Gamma,retail,XXL,eu,UTC,true,");
    f.file(
        "incidents",
        d,
        "incidents.csv",
        "org_id,incident_id,deployment_id,title,severity,opened_at,acknowledged_at,resolved_at",
        "o1,i1,d1,Outage,1,2026-03-02T09:15:00Z,2026-03-02T09:20:00Z,",
        "o1,i2,d1,bad,7,2026-03-02T10:00:00Z,,",
        "o1,i3,d2,dup,3,2026-03-02T11:00:00+01:00,,",
        "o1,i3,d2,dup,3,2026-03-02T10:00:00Z,,");
    f.file(
        "teams",
        d,
        "teams.csv",
        "org_id,team_id,team_name,parent_team_id,function",
        "o1,t1,Platform,,platform",
        "o1,t2,ML,t1,ml");
    f.file("teams", d, "teams_bad.csv", "org_id,team_id,team_name", "o1,t9,Ghost");
    try {
      // A stray file (a stray folder now stops the scan): reported, not read.
      java.nio.file.Files.writeString(f.root().resolve("exports"), "not a landing dataset");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return f;
  }

  private static List<String> reports(Path lakehouse) throws IOException {
    try (Stream<Path> files = Files.list(lakehouse.resolve(RunReportWriter.REPORTS_DIR))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    }
  }
}
