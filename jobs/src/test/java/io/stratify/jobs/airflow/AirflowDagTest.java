package io.stratify.jobs.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratify.jobs.NightlyRun.Stage;
import io.stratify.jobs.RunOutcome;
import io.stratify.jobs.cli.StratifyCli;
import io.stratify.jobs.report.RunProgress;
import io.stratify.jobs.report.RunReportWriter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Airflow DAG (scripts/airflow/stratify_nightly.py) against the real command line. Airflow is
 * not installed here: src/test/resources/airflow-stub holds a stand-in just rich enough to import
 * the DAG, and render_dag.py prints its tasks with the templates rendered for one date. Needs
 * python3 (3.9+).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AirflowDagTest {

  static final String DS = "2026-03-02";
  static final String LANDING = "s3a://test-landing/landing";
  static final String LAKEHOUSE = "s3a://test-lake/lakehouse";
  static final ObjectMapper JSON = new ObjectMapper();

  Path project;
  Path dag;
  Path renderer;
  JsonNode rendered;
  Map<String, JsonNode> tasks = new LinkedHashMap<>();

  @BeforeAll
  void renderTheDag() throws Exception {
    project = Path.of(System.getProperty("stratify.project.dir", "..")).toAbsolutePath();
    dag = project.resolve("scripts/airflow/stratify_nightly.py").normalize();
    assertThat(dag).exists();
    renderer = resource("/airflow-stub/render_dag.py");
    rendered =
        JSON.readTree(
            python(
                Map.of(),
                renderer.toString(),
                dag.toString(),
                DS,
                "stratify_landing=" + LANDING,
                "stratify_lakehouse=" + LAKEHOUSE));
    rendered.get("tasks").forEach(t -> tasks.put(t.get("task_id").asText(), t));
  }

  @Test
  void theDagFileCompiles(@TempDir Path cache) throws Exception {
    python(Map.of("PYTHONPYCACHEPREFIX", cache.toString()), "-m", "py_compile", dag.toString());
  }

  @Test
  void everyTaskSubmitsTheStratifyCommandLineFromTheSparkSubmitJar() throws Exception {
    assertThat(tasks).isNotEmpty();
    for (JsonNode task : tasks.values()) {
      assertThat(task.get("operator").asText()).isEqualTo("StratifySubmitOperator");
      assertThat(task.get("java_class").asText())
          .isEqualTo(StratifyCli.class.getName())
          .isEqualTo("io.stratify.jobs.cli.StratifyCli");
      assertThat(Class.forName(task.get("java_class").asText())).isEqualTo(StratifyCli.class);
      assertThat(task.get("application").asText())
          .as("the path docs/airflow.md deploys the spark-submit jar to")
          .endsWith("/stratify-jobs-spark-submit.jar");
      assertThat(task.get("conn_id").asText()).isEqualTo("spark_default");
      assertThat(task.get("conf").has("spark.sql.extensions"))
          .as("Stratify sets the Delta extension itself")
          .isFalse();
      assertThat(task.get("conf").has("spark.extraListeners"))
          .as("OpenLineage stays off unless switched on")
          .isFalse();
      assertThat(task.get("env_var_names").toString())
          .isEqualTo("[\"STRATIFY_PSEUDONYMISATION_KEY\"]");
    }
  }

  @Test
  void everyTaskRunsAStageCommandWhoseArgumentsTheRealCommandLineParses() {
    Set<String> subcommands = new CommandLine(new StratifyCli()).getSubcommands().keySet();
    List<String> stageLabels = Arrays.stream(Stage.values()).map(Stage::label).toList();
    for (JsonNode task : tasks.values()) {
      List<String> args = new ArrayList<>();
      task.get("application_args").forEach(a -> args.add(a.asText()));
      String stage = args.get(0);
      assertThat(subcommands).as("a subcommand of StratifyCli").contains(stage);
      assertThat(stageLabels).as("a stage, not sql or generate").contains(stage);
      assertThat(task.get("stage").asText()).isEqualTo(stage);
      assertThat(task.get("task_id").asText()).isEqualTo(stage);

      CommandLine cli = new CommandLine(new StratifyCli());
      assertThatCode(() -> cli.parseArgs(args.toArray(String[]::new)))
          .as("%s parses", args)
          .doesNotThrowAnyException();
      CommandLine.ParseResult command = cli.parseArgs(args.toArray(String[]::new)).subcommand();
      assertThat(command.commandSpec().name()).isEqualTo(stage);
      assertThat(command.matchedOptionValue("--date", "")).isEqualTo(DS);
      assertThat(LocalDate.parse(command.matchedOptionValue("--date", ""))).isNotNull();
      assertThat(command.matchedOptionValue("--landing", "")).isEqualTo(LANDING);
      assertThat(command.matchedOptionValue("--lakehouse", "")).isEqualTo(LAKEHOUSE);
      assertThat(command.unmatched()).isEmpty();
      assertThat(task.get("name").asText()).isEqualTo("stratify-" + stage + "-" + DS);
    }
  }

  @Test
  void theTasksRunTheStagesInTheirOrder() {
    List<String> chain = new ArrayList<>();
    JsonNode task =
        tasks.values().stream()
            .filter(t -> t.get("upstream").isEmpty())
            .reduce((a, b) -> fail("more than one first task: %s, %s", a, b))
            .orElseThrow();
    while (task != null) {
      chain.add(task.get("task_id").asText());
      JsonNode downstream = task.get("downstream");
      assertThat(downstream.size()).as("a chain, no fan-out").isLessThanOrEqualTo(1);
      task = downstream.isEmpty() ? null : tasks.get(downstream.get(0).asText());
    }
    assertThat(chain)
        .containsExactly("ingest", "conform", "marts")
        .isEqualTo(Arrays.stream(Stage.values()).map(Stage::label).toList());
    assertThat(chain).hasSameSizeAs(tasks.keySet());
    assertThat(tasks.get("conform").get("upstream").toString()).isEqualTo("[\"ingest\"]");
    assertThat(tasks.get("marts").get("upstream").toString()).isEqualTo("[\"conform\"]");
  }

  @Test
  void theDagBackfillsOneDateAtATimeAndRetries() {
    assertThat(rendered.get("dag_id").asText()).isEqualTo("stratify_nightly");
    assertThat(rendered.get("schedule").asText()).isEqualTo("@daily");
    assertThat(rendered.get("catchup").asBoolean()).isTrue();
    assertThat(rendered.get("max_active_runs").asInt()).isEqualTo(1);
    for (JsonNode task : tasks.values()) {
      assertThat(task.get("retries").asInt()).isPositive();
      assertThat(task.get("retry_delay_seconds").asDouble()).isPositive();
      assertThat(task.get("on_failure_callback").asText()).isEqualTo("notify_failure");
    }
  }

  @Test
  void theCodesRunOutcomeMarksNotRetryableFailAtOnceAndTheOthersRetry() {
    for (JsonNode task : tasks.values()) {
      JsonNode outcome = task.get("when_spark_submit_exits");
      for (RunOutcome code : RunOutcome.values()) {
        String raised =
            code == RunOutcome.SUCCEEDED
                ? "success"
                : code.retryable() ? "AirflowException" : "AirflowFailException";
        assertThat(outcome.get(String.valueOf(code.exitCode())).asText())
            .as(
                "exit %d (%s): AirflowFailException fails at once, AirflowException is retried",
                code.exitCode(), code)
            .isEqualTo(raised);
      }
      assertThat(outcome.get("2").asText()).isEqualTo("AirflowFailException");
      assertThat(outcome.get("3").asText())
          .as("the staleness and quality gates")
          .isEqualTo("AirflowFailException");
      assertThat(outcome.get("130").asText()).isEqualTo("AirflowException");
      assertThat(outcome.get("143").asText())
          .as("a scheduler's kill or timeout is retried")
          .isEqualTo("AirflowException");
      assertThat(outcome.get("kubernetes_driver_2").asText())
          .as("Kubernetes cluster mode: the driver pod's exit code counts")
          .isEqualTo("AirflowFailException");
      assertThat(outcome.get("kubernetes_driver_4").asText()).isEqualTo("AirflowException");
      assertThat(outcome.get("kubernetes_driver_143").asText()).isEqualTo("AirflowException");
    }
  }

  @Test
  void theFailureCallbackNamesTheStageTheDateAndTheRunReport() {
    for (Stage stage : Stage.values()) {
      LocalDate date = LocalDate.parse(DS);
      String report =
          RunReportWriter.location(
              new RunProgress(Set.of(stage), date, date, LANDING, LAKEHOUSE)
                  .failed(new IllegalStateException("for its file name")));
      assertThat(tasks.get(stage.label()).get("failure_callback_log").toString())
          .contains("ERROR Stratify stage " + stage.label() + " failed for run date " + DS)
          .contains("run report: " + report)
          .contains("Error code is: 1");
    }
  }

  @Test
  void openLineageIsSwitchedOnFromTheEnvironment() throws Exception {
    JsonNode task =
        JSON.readTree(
                python(
                    Map.of(
                        "STRATIFY_OPENLINEAGE_URL",
                        "http://lineage.example:5000",
                        "STRATIFY_SPARK_PACKAGES",
                        "org.apache.hadoop:hadoop-aws:3.4.2"),
                    renderer.toString(),
                    dag.toString(),
                    DS))
            .get("tasks")
            .get(0);
    JsonNode conf = task.get("conf");
    assertThat(conf.get("spark.extraListeners").asText())
        .isEqualTo("io.openlineage.spark.agent.OpenLineageSparkListener");
    assertThat(conf.get("spark.openlineage.transport.type").asText()).isEqualTo("http");
    assertThat(conf.get("spark.openlineage.transport.url").asText())
        .isEqualTo("http://lineage.example:5000");
    assertThat(conf.get("spark.openlineage.namespace").asText()).isEqualTo("stratify");
    assertThat(conf.get("spark.openlineage.appName").asText())
        .as("the lineage job is the stage, the same every night")
        .isEqualTo("stratify_ingest");
    Matcher pinned =
        Pattern.compile("<openlineage.version>([^<]+)</openlineage.version>")
            .matcher(Files.readString(project.resolve("pom.xml")));
    assertThat(pinned.find()).as("openlineage.version in the parent pom").isTrue();
    assertThat(task.get("packages").asText())
        .as("the listener version the build tests")
        .isEqualTo(
            "org.apache.hadoop:hadoop-aws:3.4.2,io.openlineage:openlineage-spark_2.13:"
                + pinned.group(1));
  }

  /** Runs python3 with the given arguments; returns its stdout, failing on a non-zero exit. */
  static String python(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("python3");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("STRATIFY_"));
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    builder.environment().putAll(env);
    Path stderr = Files.createTempFile("python", ".err");
    builder.redirectError(stderr.toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return fail(
          "python3 is not on the PATH: install python3 (3.9 or later) to test the Airflow DAG"
              + " (CI has it): "
              + e.getMessage());
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return fail("python3 %s did not finish in 120 s", command);
    }
    String err = Files.readString(stderr);
    Files.delete(stderr);
    assertThat(process.exitValue()).as("python3 %s failed:%n%s%s", args, err, out).isZero();
    return out;
  }

  private static Path resource(String name) throws URISyntaxException {
    var url = AirflowDagTest.class.getResource(name);
    assertThat(url).as("test resource %s", name).isNotNull();
    return Path.of(url.toURI());
  }
}
