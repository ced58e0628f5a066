package io.stratify.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.jobs.RunOutcome;
import io.stratify.jobs.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that read or publish a lakehouse refuse a path that is not one (exit 2) and create
 * nothing there: a mistyped --lakehouse must not become a new empty lakehouse. Checked before Spark
 * starts, so no Spark here.
 */
class ExistingLakehouseTest {

  @TempDir Path dir;

  @Test
  void sqlReviewPublishAndWhatIfRefuseAMissingOrForeignLakehouse() throws Exception {
    Path missing = dir.resolve("lakehuose");
    Path foreign = Files.createDirectory(dir.resolve("photos"));
    for (Path root : List.of(missing, foreign)) {
      List<List<String>> commands =
          List.of(
              List.of("sql", "--lakehouse", root.toString(), "SELECT 1"),
              List.of(
                  "review",
                  "--lakehouse",
                  root.toString(),
                  "--org",
                  "org-1",
                  "--out",
                  dir.resolve("r.html").toString()),
              List.of("publish", "--lakehouse", root.toString(), "--publish-jdbc", "jdbc:h2:mem:x"),
              List.of("whatif", "--lakehouse", root.toString(), "--org", "org-1"));
      for (List<String> command : commands) {
        CliRun run = CliRun.of(command.toArray(String[]::new));
        assertThat(run.exitCode())
            .as("%s: %s", command, run.err())
            .isEqualTo(RunOutcome.UNUSABLE_INPUT.exitCode());
        assertThat(run.err())
            .as("%s", command)
            .startsWith("stratify: Cannot ")
            .contains(root.toString())
            .contains(root.equals(missing) ? " does not exist" : " is not a lakehouse");
      }
    }
    assertThat(missing).as("nothing created").doesNotExist();
    assertThat(foreign).as("nothing created").isEmptyDirectory();
  }
}
