package io.stratify.jobs.testing;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.LakehouseCatalog;
import io.stratify.jobs.NightlyRun;
import io.stratify.jobs.ingest.LandingZone;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/**
 * The committed sample landing zone (sample-data/landing) run through every stage once per test
 * build (shared by the test JVMs, {@link SharedLakehouses}), at its latest date; tables registered
 * by name in each JVM (again on every {@link #get()}, since other tests' runs re-point the names).
 * Tests only read it; tests that write build their own lakehouse.
 */
public final class SampleLakehouse {

  private static SampleLakehouse instance;

  private final Lakehouse lakehouse;
  private final Path landing;
  private final LocalDate runDate;
  private final String output;

  private SampleLakehouse(Lakehouse lakehouse, Path landing, LocalDate runDate, String output) {
    this.lakehouse = lakehouse;
    this.landing = landing;
    this.runDate = runDate;
    this.output = output;
  }

  public static synchronized SampleLakehouse get() {
    if (instance == null) {
      SparkSession spark = SparkTestSession.get();
      Path landing = projectDir().resolve("sample-data/landing");
      LandingZone zone =
          LandingZone.scan(landing.toString(), spark.sparkContext().hadoopConfiguration());
      LocalDate date = zone.latestDt().orElseThrow();
      SharedLakehouses.Built built =
          SharedLakehouses.get(
              "sample",
              folder -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                new NightlyRun(
                        spark,
                        StratifyConfig.defaults(),
                        new PrintStream(bytes, true, StandardCharsets.UTF_8))
                    .run(zone, folder.resolve("lakehouse").toString(), date, date);
                return bytes.toString(StandardCharsets.UTF_8);
              });
      Lakehouse lakehouse = new Lakehouse(spark, built.folder().resolve("lakehouse").toString());
      LakehouseCatalog.register(lakehouse);
      instance = new SampleLakehouse(lakehouse, landing, date, built.output());
    } else {
      // Tests that run their own lakehouse re-point the shared session's table names at it;
      // point them back (a no-op when nothing moved).
      LakehouseCatalog.register(instance.lakehouse);
    }
    return instance;
  }

  /** The repository root (surefire sets stratify.project.dir). */
  public static Path projectDir() {
    return Path.of(System.getProperty("stratify.project.dir", "..")).toAbsolutePath().normalize();
  }

  public Lakehouse lakehouse() {
    return lakehouse;
  }

  public SparkSession spark() {
    return lakehouse.spark();
  }

  public Path landing() {
    return landing;
  }

  public LocalDate runDate() {
    return runDate;
  }

  /** What the run printed. */
  public String output() {
    return output;
  }
}
