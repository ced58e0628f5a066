package io.stratify.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.jobs.RunOutcome;
import io.stratify.jobs.testing.ChildStratify;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 defect 7: a stopped command printed a stack trace. A child JVM runs the command line as
 * the launcher does (same JVM flags and log configuration); once it is visibly at work it gets
 * SIGTERM ({@link Process#destroy()}). It must exit 143 with one line on stderr naming what was
 * stopped, and no stack frame. (CrashSafetyTest stops a {@code run} the same way mid-night and
 * shows the same command then finishes it.)
 */
class SignalStopTest {

  @TempDir Path dir;

  @Test
  void sigtermStopsTheSqlPromptWithExit143AndOneLine() throws Exception {
    Path lakehouse = dir.resolve("lakehouse");
    Files.createDirectories(lakehouse.resolve("bronze"));
    Child child =
        Child.start(
            dir, "sql", "--lakehouse", lakehouse.toString(), "--format", "csv"); // stdin stays open
    child
        .process
        .getOutputStream()
        .write("SELECT 40 + 2 AS answer;\n".getBytes(StandardCharsets.UTF_8));
    child.process.getOutputStream().flush();

    String err = child.terminateAfter(line -> line.equals("42"));

    assertOneStopLine(child, err, "stratify sql.");
  }

  private static void assertOneStopLine(Child child, String err, String activity) {
    assertThat(child.process.exitValue())
        .as("exit code; stderr:%n%s", err)
        .isEqualTo(RunOutcome.TERMINATED.exitCode())
        .isEqualTo(143);
    List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as("stderr").hasSize(1);
    assertThat(lines.get(0))
        .startsWith("stratify: stopped by SIGTERM during " + activity)
        .endsWith("(exit 143)");
    assertThat(err).doesNotContain("\tat ").doesNotContain("Exception");
  }

  /**
   * A command line in its own JVM; stderr goes to a file (a drained pipe races the JDK at exit).
   */
  private record Child(Process process, Path stderr) {

    static Child start(Path dir, String... args) throws IOException {
      Path project = Path.of(System.getProperty("stratify.project.dir", ".."));
      Path log4j = project.resolve("jobs/src/main/launcher/log4j2.properties");
      if (!Files.exists(log4j)) {
        log4j = Path.of("src/main/launcher/log4j2.properties");
      }
      List<String> command =
          ChildStratify.command(
              List.of(
                  "-Xmx768m",
                  "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath(),
                  "-Duser.home=" + dir),
              args);
      Path stderr = Files.createTempFile(dir, "stderr", ".txt");
      return new Child(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
    }

    /** Reads stdout until a line matches, sends SIGTERM, waits; returns stderr. */
    String terminateAfter(Predicate<String> atWork) throws Exception {
      List<String> out = new ArrayList<>();
      try {
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null && !atWork.test(line)) {
          out.add(line);
        }
        assertThat(line)
            .as(() -> "the child got to work; stdout:\n" + out + "\nstderr:\n" + stopAndRead())
            .isNotNull();

        process.destroy(); // SIGTERM

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child stopped").isTrue();
      } finally {
        if (process.isAlive()) {
          process.destroyForcibly(); // a failed test leaves no JVM behind
        }
      }
      return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    private String stopAndRead() {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
        return Files.readString(stderr, StandardCharsets.UTF_8);
      } catch (IOException | InterruptedException e) {
        return "(unreadable: " + e + ")";
      }
    }
  }
}
