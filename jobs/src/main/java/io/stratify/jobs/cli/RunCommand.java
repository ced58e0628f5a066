package io.stratify.jobs.cli;

import io.stratify.common.config.StratifyConfig;
import io.stratify.jobs.NightlyRun;
import io.stratify.jobs.StratifySpark;
import io.stratify.jobs.UnusableInputException;
import io.stratify.jobs.ingest.LandingZone;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Ingests the landing zone's drops up to the run date and rebuilds everything downstream.",
      "Without a date, the run date is the latest dt in the landing zone."
    })
final class RunCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Option(
      names = "--landing",
      paramLabel = "DIR",
      description =
          "Landing zone root: a directory or an s3a:// URI (default: sample-data/landing).")
  String landing;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The run date (Airflow's ds).")
  String date;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "First run date of a backfill.")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last run date of a backfill.")
  String to;

  @Override
  public Integer call() {
    if (date != null && (from != null || to != null)) {
      throw new UnusableInputException("Cannot use --date with --from/--to: give one or the other");
    }
    if ((from == null) != (to == null)) {
      throw new UnusableInputException("Cannot run a backfill: give both --from and --to");
    }
    StratifyConfig config = common.config();
    String landingRoot = CommonOptions.absolute(landing == null ? defaultLanding() : landing);
    String lakehouseRoot = common.lakehouseRoot();
    SparkSession spark = StratifySpark.session("stratify-run", config);
    try {
      LandingZone zone = LandingZone.scan(landingRoot, spark.sparkContext().hadoopConfiguration());
      LocalDate first;
      LocalDate last;
      if (from != null) {
        first = parse("--from", from);
        last = parse("--to", to);
      } else {
        first =
            date != null
                ? parse("--date", date)
                : zone.latestDt()
                    .orElseThrow(
                        () ->
                            new UnusableInputException(
                                "Cannot pick a run date: the landing zone "
                                    + landingRoot
                                    + " holds no drops (give --date)"));
        last = first;
      }
      new NightlyRun(spark, config, System.out).run(zone, lakehouseRoot, first, last);
      return StratifyCli.EXIT_OK;
    } finally {
      spark.stop();
    }
  }

  private static String defaultLanding() {
    String home = System.getProperty("stratify.home");
    return home == null ? "sample-data/landing" : home + "/sample-data/landing";
  }

  static LocalDate parse(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new UnusableInputException(
          "Cannot use " + option + " " + value + ": not a date (YYYY-MM-DD)");
    }
  }
}
