package io.stratify.common.adapt.usage;

/**
 * Unusable configuration or input for a usage feed: the run exits 2 and the message's first line
 * says what to fix (ADAPTERS.md §3.2).
 */
public final class UsageConfigException extends RuntimeException {
  public UsageConfigException(String message) {
    super(message);
  }
}
