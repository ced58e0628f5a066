package io.stratify.jobs.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratify.jobs.cli.StratifyCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The weekly maintenance DAG (scripts/airflow/stratify_maintain.py), rendered with the same Airflow
 * stand-in as {@link AirflowDagTest}: one task that runs {@code stratify maintain} on the
 * lakehouse, weekly, retried (a night holding the lakehouse makes it exit 4).
 */
class AirflowMaintainDagTest {

  @Test
  void aWeeklyTaskRunsTheMaintainCommandOnTheLakehouse() throws Exception {
    Path project = Path.of(System.getProperty("stratify.project.dir", "..")).toAbsolutePath();
    Path dag = project.resolve("scripts/airflow/stratify_maintain.py").normalize();
    Path renderer =
        Path.of(AirflowDagTest.class.getResource("/airflow-stub/render_dag.py").toURI());
    JsonNode rendered =
        AirflowDagTest.JSON.readTree(
            AirflowDagTest.python(
                Map.of(),
                renderer.toString(),
                dag.toString(),
                AirflowDagTest.DS,
                "stratify_lakehouse=" + AirflowDagTest.LAKEHOUSE));

    assertThat(rendered.get("dag_id").asText()).isEqualTo("stratify_maintain");
    assertThat(rendered.get("schedule").asText()).isEqualTo("@weekly");
    assertThat(rendered.get("max_active_runs").asInt()).isEqualTo(1);
    assertThat(rendered.get("tasks")).hasSize(1);
    JsonNode task = rendered.get("tasks").get(0);
    assertThat(task.get("java_class").asText()).isEqualTo(StratifyCli.class.getName());
    assertThat(task.get("application").asText()).endsWith("/stratify-jobs-spark-submit.jar");
    assertThat(task.get("retries").asInt())
        .as("exit 4 (a night holds the lock) retries")
        .isPositive();
    assertThat(task.get("when_spark_submit_exits").get("4").asText()).isEqualTo("AirflowException");

    List<String> args = new ArrayList<>();
    task.get("application_args").forEach(a -> args.add(a.asText()));
    CommandLine.ParseResult command =
        new CommandLine(new StratifyCli()).parseArgs(args.toArray(String[]::new)).subcommand();
    assertThat(command.commandSpec().name()).isEqualTo("maintain");
    assertThat(command.matchedOptionValue("--lakehouse", "")).isEqualTo(AirflowDagTest.LAKEHOUSE);
    assertThat(command.unmatched()).isEmpty();
  }
}
