package io.stratify.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.jobs.RunOutcome;
import io.stratify.jobs.testing.CliRun;
import io.stratify.jobs.testing.SampleLakehouse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements piped into {@code stratify sql} (no terminal: the test JVM's stdin is not one): the
 * results only, no prompt, banner or history file, the prompt's shortcuts, and exit 2 at the first
 * statement that fails.
 */
class SqlPipedTest {

  @TempDir Path home;

  CliRun piped(String script, String... options) {
    InputStream stdin = System.in;
    String userHome = System.getProperty("user.home");
    try {
      System.setIn(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
      System.setProperty("user.home", home.toString());
      String[] args = new String[options.length + 3];
      args[0] = "sql";
      args[1] = "--lakehouse";
      args[2] = SampleLakehouse.get().lakehouse().root();
      System.arraycopy(options, 0, args, 3, options.length);
      CliRun run = CliRun.of(args);
      // CSV rows end with CRLF (RFC 4180); compare lines.
      return new CliRun(run.exitCode(), run.out().replace("\r\n", "\n"), run.err());
    } finally {
      System.setIn(stdin);
      System.setProperty("user.home", userHome);
    }
  }

  @Test
  void pipedStatementsPrintOnlyTheirResultsAndTheShortcutsWork() {
    CliRun run =
        piped(
            """
            tables;
            SELECT count(*) AS orgs
              FROM silver.orgs WHERE is_current; SELECT 'a;b' AS s;
            help;
            SELECT 'ran' AS before_quit -- its ; is on the next line
            ;quit;
            SELECT 'not run';
            """,
            "--format",
            "csv");
    assertThat(run.err()).as("nothing on stderr: no terminal warning").isEmpty();
    assertThat(run.exitCode()).isEqualTo(RunOutcome.SUCCEEDED.exitCode());
    String out = run.out();
    assertThat(out).as("tables; lists every layer").startsWith("schema,table\n");
    assertThat(out)
        .contains("bronze,ingest_log\n", "silver,orgs\n", "marts,org_weekly\n", "ops,publish_log\n")
        .contains("orgs\n" + orgs() + "\n")
        .contains("s\na;b\n")
        .contains("tables;")
        .contains("before_quit\nran\n")
        .doesNotContain("not run")
        .doesNotContain("stratify>")
        .doesNotContain("Stratify SQL.")
        .doesNotContain(" s)");
    assertThat(home).as("no history file").isEmptyDirectory();
  }

  @Test
  void theFirstFailingStatementStopsTheScriptWithExit2NamingItsLine() {
    CliRun run =
        piped(
            """
            SELECT 1 AS one;

            SELECT no_such_column
              FROM silver.orgs;
            SELECT 'not run' AS after;
            """);
    assertThat(run.exitCode()).isEqualTo(RunOutcome.UNUSABLE_INPUT.exitCode());
    assertThat(run.err().lines().findFirst().orElse(""))
        .startsWith("stratify: Cannot run statement 2 (line 3): ")
        .contains("no_such_column")
        .endsWith("; the statements after it were not run");
    assertThat(run.out()).contains("one").doesNotContain("not run");
    assertThat(home).isEmptyDirectory();
  }

  @Test
  void aLastStatementWithoutItsSemicolonRunsAndARuntimeFailureIsExit2Too() {
    CliRun ok = piped("SELECT 40 + 2 AS answer", "--format", "csv");
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.out()).isEqualTo("answer\n42\n");

    CliRun failed = piped("SELECT assert_true(1 = 2, 'one is not two') AS checked;");
    assertThat(failed.exitCode()).isEqualTo(RunOutcome.UNUSABLE_INPUT.exitCode());
    assertThat(failed.err()).startsWith("stratify: Cannot run statement 1 (line 1): ");
    assertThat(failed.err().lines().findFirst().orElse("")).contains("one is not two");
  }

  @Test
  void aStatementAndAFileTogetherAreRefused() {
    CliRun run = piped("", "--file", "notebooks/x.sql", "SELECT 1");
    assertThat(run.exitCode()).isEqualTo(RunOutcome.UNUSABLE_INPUT.exitCode());
    assertThat(run.err()).startsWith("stratify: Cannot run both --file and a STATEMENT");
  }

  private static long orgs() {
    return SampleLakehouse.get()
        .spark()
        .sql("SELECT count(*) FROM silver.orgs WHERE is_current")
        .first()
        .getLong(0);
  }
}
