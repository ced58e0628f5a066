package io.stratify.jobs.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratify.jobs.cli.StratifyCli;
import io.stratify.jobs.testing.LandingFixture;
import io.stratify.jobs.testing.SparkTestSession;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage command as spark-submit runs it for Airflow: a JVM of its own, whose exit code is what
 * Airflow sees, with the run report and, when switched on by configuration, OpenLineage events. A
 * child JVM, because Spark reads spark.extraListeners only when its context starts, and the shared
 * test session started long before.
 */
class StageProcessTest {

  static final String DATE = "2026-03-02";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void openLineageSwitchedOnByConfigurationWritesEventsWithABronzeTableAsOutput() throws Exception {
    LandingFixture landing = new LandingFixture(dir.resolve("landing"));
    landing.file(
        "incidents",
        DATE,
        "incidents.csv",
        "org_id,incident_id,deployment_id,title,severity,opened_at,acknowledged_at,resolved_at",
        "o1,i1,d1,Outage,1,2026-03-02T09:15:00Z,,",
        "o1,i2,d1,bad,7,2026-03-02T10:00:00Z,,");
    Path lakehouse = dir.resolve("lakehouse");
    Path events = dir.resolve("lineage/events.jsonl");
    Files.createDirectories(events.getParent());
    Path report = dir.resolve("report.json");

    Run run =
        stratify(
            "ingest",
            "--date",
            DATE,
            "--landing",
            landing.root().toString(),
            "--lakehouse",
            lakehouse.toString(),
            "--report",
            report.toString(),
            "--conf",
            "spark.extraListeners=io.openlineage.spark.agent.OpenLineageSparkListener",
            "--conf",
            "spark.openlineage.transport.type=file",
            "--conf",
            "spark.openlineage.transport.location=" + events,
            "--conf",
            "spark.openlineage.namespace=stratify-test");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(StratifyCli.EXIT_OK);
    JsonNode json = JSON.readTree(report.toFile());
    assertThat(json.get("status").asText()).isEqualTo("succeeded");
    assertThat(json.get("datasets").get("incidents").get("rows_quarantined").asInt()).isEqualTo(1);
    assertThat(Files.readString(report))
        .isEqualTo(
            Files.readString(lakehouse.resolve("_stratify/reports/run-2026-03-02-ingest.json")));

    assertThat(events).as("the file transport wrote events").exists();
    List<JsonNode> lineage = new ArrayList<>();
    for (String line : Files.readAllLines(events)) {
      if (!line.isBlank()) {
        lineage.add(JSON.readTree(line));
      }
    }
    assertThat(lineage).isNotEmpty();
    assertThat(lineage)
        .allSatisfy(
            e -> assertThat(e.get("job").get("namespace").asText()).isEqualTo("stratify-test"));
    assertThat(lineage.stream().map(e -> e.get("eventType").asText()))
        .contains("START", "COMPLETE");
    List<String> outputs = new ArrayList<>();
    for (JsonNode e : lineage) {
      e.path("outputs")
          .forEach(o -> outputs.add(o.get("namespace").asText() + ":" + o.get("name").asText()));
    }
    assertThat(outputs)
        .as("the Delta tables the ingest wrote")
        .anyMatch(o -> o.endsWith(lakehouse.resolve("bronze/incidents").toString()))
        .anyMatch(o -> o.endsWith(lakehouse.resolve("bronze/ingest_log").toString()));
  }

  @Test
  void aMissingLandingZoneExits2AndItsReportSaysWhereAndThatRetryingWillNotHelp() throws Exception {
    Path lakehouse = dir.resolve("lakehouse");
    Path report = dir.resolve("reports/ingest.json");

    Run run =
        stratify(
            "ingest",
            "--date",
            DATE,
            "--landing",
            dir.resolve("no-such-landing").toString(),
            "--lakehouse",
            lakehouse.toString(),
            "--report",
            report.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(run.stderr()).contains("stratify: Cannot read the landing zone");
    JsonNode json = JSON.readTree(report.toFile());
    assertThat(json.get("status").asText()).isEqualTo("failed");
    assertThat(json.get("exit_code").asInt())
        .as("the report's exit code is the one the process exited with")
        .isEqualTo(run.exitCode());
    assertThat(json.get("failure").get("stage").asText()).isEqualTo("setup");
    assertThat(json.get("failure").get("retryable").asBoolean()).isFalse();
    assertThat(json.get("failure").get("message").asText()).contains("no-such-landing");
    assertThat(lakehouse.resolve("_stratify/reports/run-2026-03-02-ingest.json")).exists();
  }

  record Run(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  /** Runs the command line in a child JVM with this JVM's classpath and module flags. */
  private Run stratify(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("--add-opens")
          || option.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || option.startsWith("-Djdk.reflect")
          || option.startsWith("-Dio.netty")) {
        command.add(option);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(StratifyCli.class.getName());
    command.addAll(List.of(args));
    command.addAll(SparkTestSession.confArguments());
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("STRATIFY_"));
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("stratify " + List.of(args) + " did not finish in 5 minutes");
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
