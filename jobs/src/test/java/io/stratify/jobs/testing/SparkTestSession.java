package io.stratify.jobs.testing;

import io.stratify.common.config.StratifyConfig;
import io.stratify.jobs.StratifySpark;
import org.apache.spark.sql.SparkSession;

/** The one SparkSession of the test JVM, configured as the product configures it. */
public final class SparkTestSession {

  private static SparkSession session;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session =
          StratifySpark.session(
              "stratify-tests",
              StratifyConfig.defaults()
                  .with("spark.master", "local[2]")
                  .with("spark.sql.shuffle.partitions", "2")
                  .with("spark.ui.enabled", "false"));
    }
    return session;
  }
}
