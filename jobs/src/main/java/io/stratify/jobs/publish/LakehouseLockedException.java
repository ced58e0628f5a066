package io.stratify.jobs.publish;

/** Another run holds the lakehouse: exit code 4. Nothing was changed. */
public final class LakehouseLockedException extends RuntimeException {
  public LakehouseLockedException(String message) {
    super(message);
  }
}
