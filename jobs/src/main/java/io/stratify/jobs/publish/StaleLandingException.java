package io.stratify.jobs.publish;

/**
 * The staleness gate: a dataset's latest drop is older than its {@code landing.max-age-days.*}
 * setting allows for the run date. The marts were not computed; the published ones stay. Exit 3.
 */
public final class StaleLandingException extends RuntimeException {
  public StaleLandingException(String message) {
    super(message);
  }
}
