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

  @Test
  void eachFailureHasItsOutcome() {
    assertThat(RunOutcome.of(new UnusableInputException("x"))).isEqualTo(RunOutcome.UNUSABLE_INPUT);
    assertThat(RunOutcome.of(new IllegalArgumentException("x")))
        .isEqualTo(RunOutcome.UNUSABLE_INPUT);
    assertThat(RunOutcome.of(new IllegalStateException("x"))).isEqualTo(RunOutcome.FAILED);
    assertThat(RunOutcome.ofExitCode(143)).contains(RunOutcome.TERMINATED);
    assertThat(RunOutcome.ofExitCode(5)).isEmpty();
  }
}
