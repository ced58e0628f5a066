package io.stratify.jobs.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The landing zone of the default settings, generated and read back once per test JVM. */
final class DefaultSample {

  /** Per test JVM: surefire runs two forks at once, and each regenerates its own samples. */
  static final Path ROOT =
      Path.of("target", "generator-tests", String.valueOf(ProcessHandle.current().pid()));

  private static GeneratorSummary summary;
  private static GeneratedLanding landing;

  private DefaultSample() {}

  static synchronized GeneratorSummary summary() {
    if (summary == null) {
      summary = LandingGenerator.generate(fresh("default"), GeneratorSettings.defaults());
    }
    return summary;
  }

  static synchronized GeneratedLanding landing() {
    if (landing == null) {
      landing = GeneratedLanding.read(summary().outDir());
    }
    return landing;
  }

  /** An empty directory below target/generator-tests/<pid>. */
  static Path fresh(String name) {
    Path dir = ROOT.resolve(name);
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder())
            .forEach(
                p -> {
                  try {
                    Files.delete(p);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }
}
