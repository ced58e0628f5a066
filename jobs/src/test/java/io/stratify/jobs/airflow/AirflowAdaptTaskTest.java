package io.stratify.jobs.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratify.jobs.cli.StratifyCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The DAG's vendor-adapter step (docs/adapters.md, "Nightly with Airflow"): with {@code
 * STRATIFY_ADAPT_CONFIG} set, an {@code adapt} task runs {@code adapt --all} for the run date
 * before ingest; without it the DAG is unchanged. Rendered as in {@link AirflowDagTest}.
 */
class AirflowAdaptTaskTest {
  static final String DS = "2026-03-02";
  static final String LANDING = "/mnt/stratify/landing";

  Map<String, JsonNode> render(Map<String, String> env) throws Exception {
    Path project = Path.of(System.getProperty("stratify.project.dir", "..")).toAbsolutePath();
    Path dag = project.resolve("scripts/airflow/stratify_nightly.py").normalize();
    Path renderer = Path.of(getClass().getResource("/airflow-stub/render_dag.py").toURI());
    JsonNode rendered =
        new ObjectMapper()
            .readTree(
                AirflowDagTest.python(
                    env,
                    renderer.toString(),
                    dag.toString(),
                    DS,
                    "stratify_landing=" + LANDING,
                    "stratify_lakehouse=/mnt/stratify/lakehouse"));
    Map<String, JsonNode> tasks = new LinkedHashMap<>();
    rendered.get("tasks").forEach(t -> tasks.put(t.get("task_id").asText(), t));
    return tasks;
  }

  @Test
  void anAdapterConfigAddsAnAdaptTaskBeforeIngestThatTheCommandLineParses() throws Exception {
    Map<String, JsonNode> tasks =
        render(Map.of("STRATIFY_ADAPT_CONFIG", "/etc/stratify/acme-adapters.yaml"));
    JsonNode adapt = tasks.get("adapt");
    assertThat(adapt).as("the adapt task").isNotNull();
    assertThat(adapt.get("upstream")).isEmpty();
    assertThat(adapt.get("downstream").toString()).isEqualTo("[\"ingest\"]");
    assertThat(tasks.get("ingest").get("trigger_rule").asText())
        .as("a drop that cannot be adapted does not hold back ingest of the others")
        .isEqualTo("all_done");
    assertThat(adapt.get("when_spark_submit_exits").get("2").asText())
        .as("unusable vendor input is not retried")
        .isEqualTo("AirflowFailException");
    assertThat(adapt.get("when_spark_submit_exits").get("1").asText())
        .isEqualTo("AirflowException");

    List<String> args = new ArrayList<>();
    adapt.get("application_args").forEach(a -> args.add(a.asText()));
    assertThat(args)
        .containsExactly(
            "adapt",
            "--all",
            "--config",
            "/etc/stratify/acme-adapters.yaml",
            "--landing",
            LANDING,
            "--date",
            DS);
    CommandLine.ParseResult parsed =
        new CommandLine(new StratifyCli()).parseArgs(args.toArray(String[]::new)).subcommand();
    assertThat(parsed.commandSpec().name()).isEqualTo("adapt");
    assertThat(parsed.unmatched()).isEmpty();
    assertThat(parsed.matchedOption("--all")).isNotNull();
  }

  @Test
  void withoutAnAdapterConfigTheDagHasNoAdaptTask() throws Exception {
    Map<String, JsonNode> tasks = render(Map.of());
    assertThat(tasks).doesNotContainKey("adapt");
    assertThat(tasks.get("ingest").get("trigger_rule").asText()).isEqualTo("all_success");
  }
}
