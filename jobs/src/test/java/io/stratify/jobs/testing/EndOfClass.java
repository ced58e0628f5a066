package io.stratify.jobs.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (junit-platform.properties): after each class, the shared session
 * drops the state a process of its own would not have carried over ({@link
 * SparkTestSession#releaseCaches()}).
 */
public final class EndOfClass implements AfterAllCallback {

  @Override
  public void afterAll(ExtensionContext context) {
    SparkTestSession.releaseCaches();
  }
}
