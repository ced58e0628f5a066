package io.stratify.jobs.publish;

/**
 * A new marts version failed the quality gate: it was not published, the previous marts stay
 * visible, and ops.quality_results says why. Exit code 3.
 */
public final class QualityGateFailedException extends RuntimeException {
  public QualityGateFailedException(String message) {
    super(message);
  }
}
