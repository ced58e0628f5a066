package io.stratify.jobs.testing;

import io.stratify.common.config.StratifyConfig;
import io.stratify.jobs.StratifySpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;

/**
 * The one SparkSession of the test JVM, configured as the product configures it except for the
 * settings in {@link #TEST_CONF}.
 */
public final class SparkTestSession {

  /**
   * Settings for test-sized data: two cores, two shuffle partitions, and expressions interpreted
   * instead of compiled. The fixtures are a few thousand rows, so compiling generated code (Janino)
   * cost more than it saved: about a tenth of the suite's time. Spark guarantees the same results
   * either way; the product keeps code generation on. Adaptive query execution is off for the same
   * reason: on a few thousand rows it only turns each shuffle into one more Spark job (a run of the
   * tiny fixtures had about 300 such jobs) and re-plans for partitions that are already tiny.
   */
  public static final Map<String, String> TEST_CONF =
      Map.of(
          "spark.master", "local[2]",
          "spark.sql.shuffle.partitions", "2",
          "spark.ui.enabled", "false",
          "spark.sql.adaptive.enabled", "false",
          "spark.sql.codegen.wholeStage", "false",
          "spark.sql.codegen.factoryMode", "NO_CODEGEN");

  private static SparkSession session;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      StratifyConfig config = StratifyConfig.defaults();
      for (Map.Entry<String, String> e : TEST_CONF.entrySet()) {
        config = config.with(e.getKey(), e.getValue());
      }
      session = StratifySpark.session("stratify-tests", config);
    }
    return session;
  }

  /**
   * Drops what one test JVM accumulates over the classes it runs and a process of its own would not
   * carry over: Delta's table cache (a DeltaLog and the cached state of its snapshot for every
   * table any test touched: hundreds of lakehouses per JVM, each with a new marts version per
   * night) and Spark's cached datasets. Without it the live heap grows with every night the JVM has
   * run, and later nights pay for it in garbage collection (SixtyNightsIT: about 80 MB a night).
   */
  public static synchronized void releaseCaches() {
    if (session != null) {
      DeltaLog.clearCache();
      session.catalog().clearCache();
    }
  }

  /** {@link #TEST_CONF} as {@code --conf key=value} arguments for a child {@code stratify}. */
  public static List<String> confArguments() {
    List<String> args = new ArrayList<>();
    TEST_CONF.forEach(
        (key, value) -> {
          args.add("--conf");
          args.add(key + "=" + value);
        });
    return args;
  }
}
