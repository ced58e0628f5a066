package io.stratify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.jobs.testing.SampleLakehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CI runs exactly what a new user runs: the README's two commands and {@code .ci/run} say the same
 * thing, and the build itself installs what the tests need. No Spark.
 */
class ReadmeCommandsTest {

  private static final Path PROJECT = SampleLakehouse.projectDir();

  /** The commands of the README's "Two commands" section: its first shell block, line by line. */
  static List<String> readmeCommands(String readme) {
    int section = readme.indexOf("## Two commands");
    assertThat(section).as("the README has a \"Two commands\" section").isNotNegative();
    Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find(section)).as("a shell block in \"Two commands\"").isTrue();
    return block.group(1).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /** The one command a script runs: its last line, without {@code exec}. */
  static String execLine(String script) {
    List<String> lines =
        script.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    String last = lines.get(lines.size() - 1);
    assertThat(last).as("the script ends by exec-ing one command").startsWith("exec ");
    return last.substring("exec ".length());
  }

  @Test
  void ciRunsTheReadmesTestCommandAndNothingElse() throws IOException {
    List<String> commands = readmeCommands(read("README.md"));
    assertThat(commands).as("a run command and a test command").hasSize(2);
    assertThat(commands.get(0)).isEqualTo("scripts/stratify run");
    String ci = read(".ci/run");
    assertThat(execLine(ci))
        .as(".ci/run runs the README's test command")
        .isEqualTo(commands.get(1));
    assertThat(
            ci.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .filter(
                    l -> !l.startsWith("set ") && !l.startsWith("cd ") && !l.startsWith("exec ")))
        .as(".ci/run does nothing besides changing to the project folder and running it")
        .isEmpty();
  }

  @Test
  void theTestCommandIsTheMavenBuildAndTheBuildInstallsTheTestsPrerequisites() throws IOException {
    assertThat(readmeCommands(read("README.md")).get(1)).isEqualTo("mvn -B verify");
    String pom = read("jobs/pom.xml");
    assertThat(pom)
        .as("the jobs module runs scripts/test-prerequisites before its tests")
        .containsPattern(
            Pattern.compile(
                "<phase>process-test-classes</phase>.*scripts/test-prerequisites</executable>",
                Pattern.DOTALL));
    Path script = PROJECT.resolve("scripts/test-prerequisites");
    assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
    assertThat(read("scripts/test-prerequisites")).contains("chromium").contains("python3");
  }

  @Test
  void aBlockElsewhereIsNotTakenForTheCommands() {
    String readme = "# x\n```sh\nother\n```\n## Two commands\n\n```sh\na\nb\n```\n";
    assertThat(readmeCommands(readme)).containsExactly("a", "b");
    assertThat(execLine("#!/bin/sh\n# c\nset -e\nexec mvn -B verify\n")).isEqualTo("mvn -B verify");
  }

  private static String read(String file) throws IOException {
    return Files.readString(PROJECT.resolve(file), StandardCharsets.UTF_8);
  }
}
