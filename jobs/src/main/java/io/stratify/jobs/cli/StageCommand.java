package io.stratify.jobs.cli;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.NightlyRun;
import io.stratify.jobs.NightlyRun.Stage;
import io.stratify.jobs.StopNotice;
import io.stratify.jobs.StratifySpark;
import io.stratify.jobs.UnusableInputException;
import io.stratify.jobs.ingest.LandingZone;
import io.stratify.jobs.report.RunProgress;
import io.stratify.jobs.report.RunReportWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code run} and the single-stage commands share: where the data is, which dates, and the
 * stages to run. Each stage is idempotent for its dates, so a scheduler can retry one alone.
 */
abstract class StageCommand implements Callable<Integer> {

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

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Also write the run report (JSON) here: a path or an s3a:// URI. It is always written to"
              + " <lakehouse>/_stratify/reports/ too.")
  String report;

  @Option(
      names = "--publish-jdbc",
      paramLabel = "URL",
      description =
          "After the marts are published, copy them to this PostgreSQL database for BI tools"
              + " (see the publish command; credentials from the environment).")
  String publishJdbc;

  @Option(
      names = "--publish-schema",
      paramLabel = "NAME",
      description = "The PostgreSQL schema for --publish-jdbc (default: marts).")
  String publishSchema;

  abstract Set<Stage> stages();

  @Override
  public Integer call() {
    if (date != null && (from != null || to != null)) {
      throw new UnusableInputException("Cannot use --date with --from/--to: give one or the other");
    }
    if ((from == null) != (to == null)) {
      throw new UnusableInputException("Cannot run a backfill: give both --from and --to");
    }
    if (publishJdbc != null && !stages().contains(Stage.MARTS)) {
      throw new UnusableInputException(
          "Cannot use --publish-jdbc with this stage: it publishes marts (use run, marts or publish)");
    }
    if (publishSchema != null && publishJdbc == null) {
      throw new UnusableInputException(
          "Cannot use --publish-schema without --publish-jdbc: it names the schema of that"
              + " database");
    }
    StratifyConfig config = common.config();
    String landingRoot = CommonOptions.absolute(landing == null ? defaultLanding() : landing);
    String lakehouseRoot = common.lakehouseRoot();
    LocalDate first =
        from != null ? parse("--from", from) : date != null ? parse("--date", date) : null;
    LocalDate last = from != null ? parse("--to", to) : first;
    String reportCopy = report == null ? null : CommonOptions.absolute(report);
    StopNotice.running("stratify " + stageName() + " (starting)");
    try (StratifySpark.Scoped session =
        StratifySpark.scoped(
            "stratify-" + getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT),
            config,
            lakehouseRoot)) {
      SparkSession spark = session.spark();
      RunReportWriter reports =
          new RunReportWriter(spark.sparkContext().hadoopConfiguration(), reportCopy);
      LandingZone zone;
      try {
        zone = LandingZone.scan(landingRoot, spark.sparkContext().hadoopConfiguration());
        if (first == null) {
          first =
              zone.latestDt()
                  .orElseThrow(
                      () ->
                          new UnusableInputException(
                              "Cannot pick a run date: the landing zone "
                                  + landingRoot
                                  + " holds no drops (give --date)"));
          last = first;
        }
      } catch (Throwable e) {
        // Nothing ran, but a scheduler's alerting still looks for the report of this run.
        reports.writeFailure(
            new RunProgress(stages(), first, last, landingRoot, lakehouseRoot).failed(e), e);
        throw e;
      }
      new NightlyRun(spark, config, System.out)
          .withReportCopy(reportCopy)
          .run(zone, lakehouseRoot, first, last, stages());
      if (publishJdbc != null) {
        StopNotice.running("stratify publish --publish-jdbc (after the run, which completed)");
        PublishCommand.publish(
            new Lakehouse(spark, lakehouseRoot),
            publishJdbc,
            publishSchema == null ? "marts" : publishSchema);
      }
      return StratifyCli.EXIT_OK;
    }
  }

  private String stageName() {
    return getClass().getAnnotation(Command.class).name();
  }

  static String defaultLanding() {
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

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Ingests the landing zone's drops up to the run date and rebuilds everything downstream.",
        "Without a date, the run date is the latest dt in the landing zone."
      })
  static final class Run extends StageCommand {
    @Option(
        names = "--adapt",
        paramLabel = "FILE.yaml",
        description =
            "First adapt every vendor drop under <landing>/_vendor/ up to the run date"
                + " (docs/adapters.md).")
    java.nio.file.Path adaptConfig;

    @Override
    Set<Stage> stages() {
      return EnumSet.allOf(Stage.class);
    }

    @Override
    public Integer call() {
      if (adaptConfig == null) {
        return super.call();
      }
      String until = to != null ? to : date;
      if (until == null) {
        throw new UnusableInputException("Cannot use --adapt without --date (or --from/--to)");
      }
      int adapted = AdaptCommand.adaptAll(adaptConfig, landing, parse("--date", until));
      int run = super.call();
      return adapted != StratifyCli.EXIT_OK ? adapted : run;
    }
  }

  @Command(
      name = "ingest",
      mixinStandardHelpOptions = true,
      description =
          "Stage 1: landing -> bronze for the run date (drops not yet ingested, and dt = date).")
  static final class Ingest extends StageCommand {
    @Override
    Set<Stage> stages() {
      return EnumSet.of(Stage.INGEST);
    }
  }

  @Command(
      name = "conform",
      mixinStandardHelpOptions = true,
      description = "Stage 2: bronze -> silver for the orgs the ingested drops touched.")
  static final class Conform extends StageCommand {
    @Override
    Set<Stage> stages() {
      return EnumSet.of(Stage.CONFORM);
    }
  }

  @Command(
      name = "marts",
      mixinStandardHelpOptions = true,
      description = "Stage 3: silver -> every mart, as of the run date.")
  static final class Marts extends StageCommand {
    @Override
    Set<Stage> stages() {
      return EnumSet.of(Stage.MARTS);
    }
  }
}
