package io.stratify.jobs.testing;

import io.stratify.jobs.cli.StratifyCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs {@code stratify ARGS} in a child JVM, for tests that must signal or
 * kill a real process: the test classpath, the build's Spark JVM options, and the test session's
 * Spark settings ({@link SparkTestSession#confArguments()}).
 */
public final class ChildStratify {

  private ChildStratify() {}

  /**
   * @param jvmOptions extra JVM options (heap, log configuration, ...), placed before the class
   * @param args the {@code stratify} arguments
   */
  public static List<String> command(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Short-lived child: the C1 compiler alone starts faster than tiered C2.
    // (C1 alone gets a 48 MB code cache by default, which Spark fills: give it the tiered size.)
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:ReservedCodeCacheSize=240m");
    for (String option : System.getProperty("stratify.jvm.options", "").split("\\s+")) {
      if (!option.isBlank()) {
        command.add(option);
      }
    }
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), StratifyCli.class.getName()));
    command.addAll(List.of(args));
    command.addAll(SparkTestSession.confArguments());
    return command;
  }
}
