package io.stratify.jobs;

/**
 * The input cannot be used as given: a landing zone that does not exist, a date that is not a date,
 * a setting out of range. The command line exits with code 2 and prints the message, which says
 * what to fix.
 */
public final class UnusableInputException extends RuntimeException {
  public UnusableInputException(String message) {
    super(message);
  }

  public UnusableInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
