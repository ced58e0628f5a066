package io.stratify.jobs;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.config.StratifyOptions;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.common.privacy.Pseudonymiser;
import io.stratify.jobs.conform.ConformSilver;
import io.stratify.jobs.ingest.IngestLanding;
import io.stratify.jobs.ingest.LandingZone;
import io.stratify.jobs.publish.LakehouseLock;
import io.stratify.jobs.report.RunProgress;
import io.stratify.jobs.report.RunReportWriter;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * One night, or a range of nights, end to end: ingest the landing zone into bronze, conform silver,
 * then compute the marts for each run date. A range gives the same tables as running each date in
 * order: drops are ingested once, in the state a date-by-date run would leave them, and each date's
 * marts are computed from the drops with {@code dt <=} that date.
 *
 * <p>Each stage is idempotent for its dates, so a scheduler can retry one stage on its own.
 */
public final class NightlyRun {

  /** The stages of a night, in order. */
  public enum Stage {
    INGEST,
    CONFORM,
    MARTS;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a run did. */
  public record Result(
      List<LocalDate> dates,
      Set<Stage> stages,
      IngestLanding.Result ingest,
      ConformSilver.Result conform,
      Optional<MartsStep.Result> marts,
      Map<String, Duration> stageTimes) {

    /** A result without the stages and the marts step's (run reports, which do not show them). */
    public Result(
        List<LocalDate> dates,
        IngestLanding.Result ingest,
        ConformSilver.Result conform,
        Map<String, Duration> stageTimes) {
      this(dates, Set.of(), ingest, conform, Optional.empty(), stageTimes);
    }
  }

  private final SparkSession spark;
  private final StratifyConfig config;
  private final PrintStream out;
  private final String reportCopy;

  public NightlyRun(SparkSession spark, StratifyConfig config, PrintStream out) {
    this(spark, config, out, null);
  }

  private NightlyRun(
      SparkSession spark, StratifyConfig config, PrintStream out, String reportCopy) {
    this.spark = spark;
    this.config = config;
    this.out = out;
    this.reportCopy = reportCopy;
  }

  /**
   * This run, also writing its report to {@code file} (a path or a URI); the report is always
   * written to {@code <lakehouse>/_stratify/reports/} too ({@link RunReportWriter}).
   */
  public NightlyRun withReportCopy(String file) {
    return new NightlyRun(spark, config, out, file);
  }

  /** Every stage. */
  public Result run(LandingZone zone, String lakehouseRoot, LocalDate from, LocalDate to) {
    return run(zone, lakehouseRoot, from, to, EnumSet.allOf(Stage.class));
  }

  /**
   * Runs the stages and writes the run report; a run that fails writes a report saying where it
   * failed, then throws what it failed with.
   */
  public Result run(
      LandingZone zone, String lakehouseRoot, LocalDate from, LocalDate to, Set<Stage> stages) {
    RunReportWriter reports =
        new RunReportWriter(spark.sparkContext().hadoopConfiguration(), reportCopy);
    RunProgress progress = new RunProgress(stages, from, to, zone.root(), lakehouseRoot);
    Result result;
    try {
      result = runStages(zone, lakehouseRoot, from, to, stages, progress);
    } catch (Throwable e) {
      // Spark's Scala code can throw checked exceptions undeclared: catch everything.
      reports.writeFailure(progress.failed(e), e);
      throw e;
    }
    reports.write(progress.succeeded(result)).forEach(r -> out.println("Run report: " + r));
    return result;
  }

  private Result runStages(
      LandingZone zone,
      String lakehouseRoot,
      LocalDate from,
      LocalDate to,
      Set<Stage> stages,
      RunProgress progress) {
    if (from.isAfter(to)) {
      throw new UnusableInputException(
          "Cannot run from " + from + " to " + to + ": --from is after --to");
    }
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      dates.add(d);
    }
    if (config.usesDevelopmentKey() && stages.contains(Stage.CONFORM)) {
      out.println(
          "warning: person ids are pseudonymised with the development key; set "
              + StratifyOptions.PSEUDONYMISATION_KEY_ENV
              + " in production");
    }
    Lakehouse lakehouse = new Lakehouse(spark, lakehouseRoot);
    int parallelism = config.get(StratifyOptions.PARALLEL_TABLES);
    ConformSilver conformer =
        new ConformSilver(
            lakehouse,
            new Pseudonymiser(config.pseudonymisationKey()),
            parallelism,
            out::println,
            config.get(StratifyOptions.CONFORM_INCREMENTAL));
    Map<String, Duration> times = new LinkedHashMap<>();
    out.printf(
        "stratify %s %s%s: landing %s -> lakehouse %s%n",
        label(stages), from, from.equals(to) ? "" : ".." + to, zone.root(), lakehouse.root());

    // The staleness gate before anything is written: a refused night changes nothing.
    Set<LandingDataset> neverDelivered =
        stages.contains(Stage.MARTS) ? MartsStep.checkInputs(zone, dates, config) : Set.of();
    IngestLanding.Result ingest = new IngestLanding.Result(List.of(), List.of(), zone.warnings());
    progress.ingested(ingest);
    ConformSilver.Result conform = new ConformSilver.Result(Map.of());
    Optional<MartsStep.Result> marts = Optional.empty();
    String activity = "stratify " + label(stages) + " " + from + (from.equals(to) ? "" : ".." + to);
    int step = 0;
    int steps = stages.size();
    try (LakehouseLock lock =
        LakehouseLock.acquire(
            lakehouse,
            Duration.ofSeconds(config.get(StratifyOptions.LOCK_WAIT_SECONDS)),
            activity,
            out::println)) {
      if (stages.contains(Stage.INGEST)) {
        long t = System.nanoTime();
        progress.started(Stage.INGEST);
        StopNotice.running(activity + ", stage ingest");
        out.printf("[%d/%d] ingest landing -> bronze%n", ++step, steps);
        ingest = new IngestLanding(lakehouse, parallelism, out::println).ingest(zone, from, to);
        times.put("ingest", Duration.ofNanos(System.nanoTime() - t));
        progress.ingested(ingest);
        progress.finished(Stage.INGEST, times.get("ingest"));
        out.printf("      %d drop(s) in %s%n", ingest.drops().size(), seconds(times.get("ingest")));
      }
      if (stages.contains(Stage.CONFORM)) {
        long t = System.nanoTime();
        progress.started(Stage.CONFORM);
        StopNotice.running(activity + ", stage conform");
        out.printf("[%d/%d] conform bronze -> silver%n", ++step, steps);
        conform = conformer.conform();
        times.put("conform", Duration.ofNanos(System.nanoTime() - t));
        progress.conformed(conform);
        progress.finished(Stage.CONFORM, times.get("conform"));
        out.printf("      done in %s%n", seconds(times.get("conform")));
      }
      if (stages.contains(Stage.MARTS)) {
        long t = System.nanoTime();
        progress.started(Stage.MARTS);
        StopNotice.running(activity + ", stage marts");
        out.printf("[%d/%d] marts%n", ++step, steps);
        marts =
            Optional.of(
                new MartsStep(config, lakehouse, conformer, out).run(dates, neverDelivered));
        times.put("marts", Duration.ofNanos(System.nanoTime() - t));
        progress.finished(Stage.MARTS, times.get("marts"));
        out.printf("      done in %s%n", seconds(times.get("marts")));
      }
    }
    Result result = new Result(dates, stages, ingest, conform, marts, times);
    printSummary(result, lakehouse, stages);
    return result;
  }

  private void printSummary(Result result, Lakehouse lakehouse, Set<Stage> stages) {
    out.println();
    out.println("Summary");
    if (stages.contains(Stage.INGEST)) {
      out.printf(
          "  %-19s %6s %6s %9s %9s %11s %10s%n",
          "dataset", "drops", "files", "read", "accepted", "quarantined", "duplicates");
      Map<LandingDataset, long[]> totals = new TreeMap<>();
      for (IngestLanding.DropReport d : result.ingest().drops()) {
        long[] t = totals.computeIfAbsent(d.dataset(), k -> new long[6]);
        t[0]++;
        t[1] += d.files();
        t[2] += d.rowsRead();
        t[3] += d.rowsAccepted();
        t[4] += d.rowsQuarantined();
        t[5] += d.duplicates();
      }
      if (totals.isEmpty()) {
        out.println("  (no new drops)");
      }
      totals.forEach(
          (d, t) ->
              out.printf(
                  "  %-19s %6d %6d %9d %9d %11d %10d%n",
                  d.folder(), t[0], t[1], t[2], t[3], t[4], t[5]));
      if (!result.ingest().rejectedFiles().isEmpty()) {
        out.println("Rejected files (not read):");
        result
            .ingest()
            .rejectedFiles()
            .forEach(f -> out.printf("  %s: %s%n", f.sourceFile(), f.message()));
      }
    }
    if (stages.contains(Stage.CONFORM)) {
      out.println("  silver: organisations recomputed per dataset");
      if (result.conform().orgsRecomputed().isEmpty()) {
        out.println("    (none: bronze had nothing new)");
      }
      new TreeMap<>(result.conform().orgsRecomputed())
          .forEach(
              (d, n) ->
                  out.printf(
                      "    %-19s %6d  %s%n",
                      d.folder(),
                      n,
                      result.conform().foldedIn().contains(d)
                          ? "new drops folded into silver"
                          : "rebuilt from all bronze"));
    }
    result
        .marts()
        .ifPresent(
            m -> {
              out.printf(
                  "  marts: version %s published as of %s (%d quality checks passed)%n",
                  m.version(), result.dates().get(result.dates().size() - 1), m.checksPassed());
              if (m.recomputed() != null) {
                out.println(
                    "  marts recomputed: "
                        + m.recomputed().describe(result.dates().get(result.dates().size() - 1)));
              }
              if (!m.neverDelivered().isEmpty()) {
                out.println(
                    "  no drop yet (their metrics are empty): "
                        + m.neverDelivered().stream()
                            .map(LandingDataset::folder)
                            .sorted()
                            .collect(Collectors.joining(", ")));
              }
            });
    if (!result.ingest().warnings().isEmpty()) {
      out.println("Warnings:");
      result.ingest().warnings().forEach(w -> out.println("  " + w));
    }
    out.println("Tables written in " + lakehouse.root() + ":");
    if (stages.contains(Stage.INGEST)) {
      out.println("  bronze  <dataset>, quarantine, ingest_log, ingest_files");
    }
    if (stages.contains(Stage.CONFORM)) {
      out.println("  silver  <dataset>");
    }
    if (stages.contains(Stage.MARTS)) {
      out.println("  marts   " + names(MartTables.all()));
      out.println("  ops     " + names(OpsTables.all()));
    }
    String where = " --lakehouse " + lakehouse.root();
    if (stages.contains(Stage.MARTS)) {
      out.println(
          "Query them with: scripts/stratify sql"
              + where
              + " \"SELECT * FROM marts.org_weekly LIMIT 10\"");
    } else {
      Stage next = Stage.values()[Collections.max(stages).ordinal() + 1];
      out.println(
          "Next stage: scripts/stratify " + next.label() + where + " (the same --date or range)");
    }
  }

  private static String label(Set<Stage> stages) {
    return stages.size() == Stage.values().length ? "run" : stages.iterator().next().label();
  }

  private static String names(List<TableContract> tables) {
    return tables.stream().map(TableContract::name).collect(Collectors.joining(", "));
  }

  static String seconds(Duration d) {
    return String.format("%.1fs", d.toMillis() / 1000.0);
  }
}
