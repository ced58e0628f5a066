package io.stratify.jobs.testing;

import io.stratify.common.config.StratifyConfig;
import io.stratify.jobs.NightlyRun;
import io.stratify.jobs.ingest.LandingZone;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Reference lakehouses built once per build and shared by all its test JVMs. Surefire runs the
 * classes in two JVMs, and a lakehouse that classes in both need (the sample, the three nights) was
 * built in each: a night costs about a minute whatever its size. The first JVM that asks for one
 * builds it under a file lock, a JVM asking meanwhile waits for it (it would have spent the time
 * building its own), and every later asker gets the same folder.
 *
 * <p>The folders live under {@code stratify.shared.lakehouses} (the pom sets it to a folder of
 * {@code target} named after the Maven build's start time), so a build never sees a lakehouse that
 * an earlier build's code made; without that property (a test run from an IDE) each JVM gets its
 * own temporary folder. Readers use a shared lakehouse in place; a test that writes copies it first
 * ({@link TreeCopy}).
 */
public final class SharedLakehouses {

  /** A built folder and what its build printed. */
  public record Built(Path folder, String output) {}

  private static final String OUTPUT = "build-output.txt";
  private static Path root;

  private SharedLakehouses() {}

  /**
   * The folder {@code name}, built by {@code build} (given the empty folder, returning what it
   * printed) by the first JVM of this build to ask for it.
   */
  public static synchronized Built get(String name, Function<Path, String> build) {
    try {
      return getOrBuild(name, build);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a landing zone's files into the fixture it is given. */
  @FunctionalInterface
  public interface Landing {
    LandingFixture write(LandingFixture fixture) throws IOException;
  }

  /**
   * The lakehouse of one run of {@code date} over the landing zone {@code landing} writes, with the
   * default settings and through every stage, built once per build under {@code name} ({@link
   * #get}); returns the lakehouse folder. Read it in place; copy it ({@link TreeCopy}) to write.
   */
  public static Path publishedNight(String name, Landing landing, LocalDate date) {
    return get(
            name,
            folder -> {
              LandingFixture written;
              try {
                written = landing.write(new LandingFixture(folder.resolve("landing")));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              SparkSession spark = SparkTestSession.get();
              LandingZone zone =
                  LandingZone.scan(
                      written.root().toString(), spark.sparkContext().hadoopConfiguration());
              new NightlyRun(
                      spark,
                      StratifyConfig.defaults(),
                      new PrintStream(OutputStream.nullOutputStream()))
                  .run(zone, folder.resolve("lakehouse").toString(), date, date);
              return "";
            })
        .folder()
        .resolve("lakehouse");
  }

  private static Built getOrBuild(String name, Function<Path, String> build) throws IOException {
    Path folder = root().resolve(name);
    try (FileChannel channel =
            FileChannel.open(
                root().resolve(name + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      if (!Files.isDirectory(folder)) {
        // a JVM killed while building leaves its half-built folder: start again
        Path building = root().resolve(name + ".building");
        delete(building);
        Files.createDirectories(building);
        String output = build.apply(building);
        Files.writeString(building.resolve(OUTPUT), output, StandardCharsets.UTF_8);
        Files.move(building, folder, StandardCopyOption.ATOMIC_MOVE);
      }
      return new Built(folder, Files.readString(folder.resolve(OUTPUT), StandardCharsets.UTF_8));
    }
  }

  private static Path root() throws IOException {
    if (root == null) {
      String configured = System.getProperty("stratify.shared.lakehouses", "");
      if (configured.isBlank()) {
        root = Files.createTempDirectory("stratify-shared-lakehouses");
      } else {
        root = Path.of(configured).toAbsolutePath();
        Files.createDirectories(root);
        // earlier builds' lakehouses are stale: their code may differ from this build's
        try (Stream<Path> siblings = Files.list(root.getParent())) {
          for (Path other : siblings.filter(p -> !p.equals(root)).toList()) {
            try {
              delete(other);
            } catch (IOException | UncheckedIOException e) {
              // the other JVM of this build is deleting it too
            }
          }
        }
      }
    }
    return root;
  }

  private static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
