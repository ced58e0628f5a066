package io.stratify.jobs;

import io.stratify.jobs.publish.LakehouseLockedException;
import io.stratify.jobs.publish.QualityGateFailedException;
import io.stratify.jobs.publish.StaleLandingException;
import java.util.Arrays;
import java.util.Optional;
import org.apache.spark.sql.AnalysisException;

/**
 * How a command ended, and the exit code that tells a scheduler. The one mapping from failures to
 * exit codes: the command line, the run report, the docs' exit-code table (docs/operations.md) and
 * the Airflow DAG all follow it (tests hold the docs and the DAG to it).
 */
public enum RunOutcome {
  SUCCEEDED(0, true, "success"),
  FAILED(1, true, "failure: storage, memory, a lost executor, a bug; the log has the cause"),
  UNUSABLE_INPUT(
      2, false, "bad arguments, settings or input; the message says what to fix (no retry)"),
  GATE_STOPPED(
      3,
      false,
      "the staleness or quality gate stopped the marts; the published marts stay as they were"),
  LOCKED(4, true, "another run holds the lakehouse; nothing changed (retry later)"),
  INTERRUPTED(130, true, "stopped by Ctrl-C (SIGINT); the lakehouse stays consistent"),
  TERMINATED(143, true, "stopped by SIGTERM (a scheduler's kill); the lakehouse stays consistent");

  private final int exitCode;
  private final boolean retryable;
  private final String meaning;

  RunOutcome(int exitCode, boolean retryable, String meaning) {
    this.exitCode = exitCode;
    this.retryable = retryable;
    this.meaning = meaning;
  }

  public int exitCode() {
    return exitCode;
  }

  /**
   * Whether running the same command again, unchanged, can succeed: not after unusable input or a
   * gate, which need a person (or the missing data) first.
   */
  public boolean retryable() {
    return retryable;
  }

  /** One line for the docs and {@code --help}. */
  public String meaning() {
    return meaning;
  }

  /** The outcome of a command that failed with {@code e}. */
  public static RunOutcome of(Throwable e) {
    if (e instanceof QualityGateFailedException || e instanceof StaleLandingException) {
      return GATE_STOPPED;
    }
    if (e instanceof LakehouseLockedException) {
      return LOCKED;
    }
    if (e instanceof AnalysisException && causedByIo(e)) {
      // Spark reports storage it cannot reach (an object store down, a lost mount) as an analysis
      // error at times; with an I/O failure beneath, it is not the input.
      return FAILED;
    }
    if (e instanceof UnusableInputException
        || e instanceof IllegalArgumentException
        || e instanceof AnalysisException) {
      return UNUSABLE_INPUT;
    }
    return FAILED;
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.io.IOException
          && !(t instanceof java.io.FileNotFoundException)
          && !(t instanceof java.nio.file.NoSuchFileException)) {
        return true;
      }
    }
    return false;
  }

  public static Optional<RunOutcome> ofExitCode(int code) {
    return Arrays.stream(values()).filter(o -> o.exitCode == code).findFirst();
  }

  /**
   * The first line of a failure's message that says something: Spark's messages can start with a
   * newline, and a wrapper's may be empty while its cause's is not.
   */
  public static String firstLine(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Optional<String> line =
          t.getMessage() == null
              ? Optional.empty()
              : t.getMessage().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst();
      if (line.isPresent()) {
        return line.get();
      }
    }
    return e.getClass().getSimpleName();
  }
}
