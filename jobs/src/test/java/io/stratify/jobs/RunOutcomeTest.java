package io.stratify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** The first line of every failure carries its cause (issue 13, defect 4); no Spark. */
class RunOutcomeTest {

  @Test
  void theFirstLineSkipsLeadingNewlinesAndEmptyWrappers() {
    RuntimeException spark =
        new RuntimeException("\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'.\n== SQL ==");
    assertThat(RunOutcome.firstLine(spark))
        .isEqualTo("[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'.");
    assertThat(RunOutcome.firstLine(new IllegalStateException("  \n", spark)))
        .as("an empty wrapper gives its cause's line")
        .isEqualTo("[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'.");
    assertThat(
            RunOutcome.firstLine(
                new UncheckedIOException(null, new java.io.IOException("disk full"))))
        .isEqualTo("disk full");
    assertThat(RunOutcome.firstLine(new NullPointerException()))
        .as("no message anywhere: the failure's kind")
        .isEqualTo("NullPointerException");
  }

  private static org.apache.spark.sql.AnalysisException analysisError(Throwable cause) {
    return new org.apache.spark.sql.AnalysisException(
        "PATH_NOT_FOUND",
        new scala.collection.immutable.Map.Map1<>("path", "s3a://lake/stratify/silver/incidents"),
        scala.Option.apply(cause));
  }

  @Test
  void eachFailureHasItsOutcome() {
    assertThat(RunOutcome.of(new UnusableInputException("x"))).isEqualTo(RunOutcome.UNUSABLE_INPUT);
    assertThat(RunOutcome.of(new IllegalArgumentException("x")))
        .isEqualTo(RunOutcome.UNUSABLE_INPUT);
    assertThat(RunOutcome.of(new IllegalStateException("x"))).isEqualTo(RunOutcome.FAILED);
    assertThat(RunOutcome.of(analysisError(null)))
        .as("a query that cannot be analysed: the input or a setting is wrong")
        .isEqualTo(RunOutcome.UNUSABLE_INPUT);
    assertThat(RunOutcome.of(analysisError(new java.io.FileNotFoundException("s3a://b/t"))))
        .as("a path that is not there is still the input's fault")
        .isEqualTo(RunOutcome.UNUSABLE_INPUT);
    assertThat(
            RunOutcome.of(
                analysisError(
                    new java.io.UncheckedIOException(
                        new java.net.ConnectException("Connection refused")))))
        .as("storage that cannot be reached beneath an analysis error: retry (issue 14)")
        .isEqualTo(RunOutcome.FAILED);
    assertThat(RunOutcome.ofExitCode(143)).contains(RunOutcome.TERMINATED);
    assertThat(RunOutcome.ofExitCode(5)).isEmpty();
  }
}
