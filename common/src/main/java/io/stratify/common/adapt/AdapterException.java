package io.stratify.common.adapt;

/**
 * Stops an adapter run with the CLI's exit code (ADAPTERS.md section 3.2): 2 for unusable input or
 * configuration, 1 for anything retryable. The message's first line says what to fix.
 */
public final class AdapterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public static final int UNUSABLE = 2;
  public static final int RETRYABLE = 1;

  private final int exitCode;

  private AdapterException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Unusable input or configuration (exit 2). */
  public static AdapterException unusable(String message) {
    return new AdapterException(UNUSABLE, message, null);
  }

  /** Retryable failure, e.g. an I/O error (exit 1). */
  public static AdapterException retryable(String message, Throwable cause) {
    return new AdapterException(RETRYABLE, message, cause);
  }

  public int exitCode() {
    return exitCode;
  }
}
