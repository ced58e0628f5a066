package io.stratify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.jobs.testing.SampleLakehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md holds the one exit-code table, and it is {@link RunOutcome}'s: the same codes,
 * the same retry advice (no Spark).
 */
class OperationsDocTest {

  static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| (yes|no|-) \\| (.+) \\|$");

  @Test
  void theExitCodeTableIsRunOutcomes() throws IOException {
    String doc =
        Files.readString(
            SampleLakehouse.projectDir().resolve("docs/operations.md"), StandardCharsets.UTF_8);
    String section = doc.substring(doc.indexOf("## Exit codes"));
    section = section.substring(0, section.indexOf("\n## ", 3));
    Map<Integer, String> retry = new LinkedHashMap<>();
    for (String line : section.lines().toList()) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        assertThat(retry.put(Integer.parseInt(row.group(1)), row.group(2)))
            .as("code %s listed once", row.group(1))
            .isNull();
      }
    }
    Map<Integer, String> expected =
        Arrays.stream(RunOutcome.values())
            .collect(
                Collectors.toMap(
                    RunOutcome::exitCode,
                    o -> o == RunOutcome.SUCCEEDED ? "-" : o.retryable() ? "yes" : "no",
                    (a, b) -> a,
                    LinkedHashMap::new));
    assertThat(retry).as("the table's codes and retry column").isEqualTo(expected);
    assertThat(doc.split("\\| code \\|", -1)).as("one exit-code table in the doc").hasSize(2);
  }
}
