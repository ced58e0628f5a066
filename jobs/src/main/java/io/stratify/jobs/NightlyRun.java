package io.stratify.jobs;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.config.StratifyOptions;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.common.privacy.Pseudonymiser;
import io.stratify.common.stats.MinCohortSize;
import io.stratify.jobs.conform.ConformSilver;
import io.stratify.jobs.ingest.IngestLanding;
import io.stratify.jobs.ingest.LandingZone;
import io.stratify.jobs.marts.BenchmarkAndTrendMarts;
import io.stratify.jobs.marts.SilverAsOf;
import io.stratify.jobs.marts.SupportabilityMarts;
import io.stratify.jobs.publish.LakehouseLock;
import io.stratify.jobs.publish.MartsPublisher;
import io.stratify.jobs.publish.QualityGate;
import io.stratify.jobs.publish.QualityGateFailedException;
import io.stratify.jobs.report.RunProgress;
import io.stratify.jobs.report.RunReportWriter;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      IngestLanding.Result ingest,
      ConformSilver.Result conform,
      Map<String, Duration> stageTimes) {}

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
    MinCohortSize k = MinCohortSize.of(config.get(StratifyOptions.BENCHMARK_MIN_COHORT_SIZE));
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
            lakehouse, new Pseudonymiser(config.pseudonymisationKey()), parallelism, out::println);
    Map<String, Duration> times = new LinkedHashMap<>();
    out.printf(
        "stratify %s %s%s: landing %s -> lakehouse %s%n",
        stages.size() == Stage.values().length ? "run" : stages.iterator().next().label(),
        from,
        from.equals(to) ? "" : ".." + to,
        zone.root(),
        lakehouse.root());

    IngestLanding.Result ingest = new IngestLanding.Result(List.of(), List.of(), zone.warnings());
    progress.ingested(ingest);
    ConformSilver.Result conform = new ConformSilver.Result(Map.of());
    int step = 0;
    int steps = stages.size();
    try (LakehouseLock lock =
        LakehouseLock.acquire(
            lakehouse,
            Duration.ofSeconds(config.get(StratifyOptions.LOCK_WAIT_SECONDS)),
            "stratify " + stages + " " + from + (from.equals(to) ? "" : ".." + to),
            out::println)) {
      if (stages.contains(Stage.INGEST)) {
        long t = System.nanoTime();
        progress.started(Stage.INGEST);
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
        out.printf("[%d/%d] marts%n", ++step, steps);
        MartsPublisher.Staged staged = MartsPublisher.stage(lakehouse);
        for (LocalDate date : dates) {
          marts(lakehouse, staged.lakehouse(), conformer, date, date.equals(to), k);
        }
        publish(lakehouse, staged, from, to);
        times.put("marts", Duration.ofNanos(System.nanoTime() - t));
        progress.finished(Stage.MARTS, times.get("marts"));
        out.printf("      done in %s%n", seconds(times.get("marts")));
      }
    }
    Result result = new Result(dates, ingest, conform, times);
    printSummary(result, lakehouse, stages);
    return result;
  }

  /**
   * The marts of one run date. The date-stamped marts (budget_status, org_trend, signal_lead_time)
   * are written for every date; the weekly marts, which hold the latest knowledge of every week,
   * only for the last date of the run.
   */
  private void marts(
      Lakehouse lakehouse,
      Lakehouse staged,
      ConformSilver conformer,
      LocalDate date,
      boolean last,
      MinCohortSize k) {
    SilverAsOf silver = new SilverAsOf(lakehouse, conformer, date);
    SupportabilityMarts.Marts marts =
        SupportabilityMarts.compute(silver, date, config.metricSettings());
    try {
      SupportabilityMarts.write(staged, marts, last);
      BenchmarkAndTrendMarts.writeTrends(staged, marts);
      if (last) {
        BenchmarkAndTrendMarts.writeBenchmarks(staged, marts, k);
      }
    } finally {
      marts.release();
    }
    out.printf(
        "  marts as of %s%s%s%n",
        date,
        silver.rebuilt() ? " (silver rebuilt from the drops up to this date)" : "",
        last
            ? ": all marts"
            : ": budget_status, org_trend, signal_lead_time (weekly marts: last date only)");
  }

  /** Checks the staged marts; publishes them, or records why not and stops. */
  private void publish(
      Lakehouse lakehouse, MartsPublisher.Staged staged, LocalDate from, LocalDate to) {
    List<QualityGate.Result> results =
        QualityGate.check(
            lakehouse,
            staged,
            to,
            MartsPublisher.publishedRunDate(lakehouse).orElse(null),
            config.get(StratifyOptions.QUALITY_MAX_ROW_DROP));
    QualityGate.record(lakehouse, staged.version(), to, results);
    List<QualityGate.Result> failed = results.stream().filter(r -> !r.passed()).toList();
    if (!failed.isEmpty()) {
      failed.forEach(f -> out.println("  quality check failed: " + f.check() + ": " + f.message()));
      throw new QualityGateFailedException(
          "Cannot publish marts "
              + staged.version()
              + ": "
              + failed.size()
              + " quality check(s) failed (see ops.quality_results); the marts of "
              + (staged.previous() == null ? "no earlier run" : staged.previous())
              + " stay published");
    }
    MartsPublisher.publish(lakehouse, staged, from, to, config.metricSettingsByKey());
    out.printf(
        "  published marts %s (%d quality checks passed)%n", staged.version(), results.size());
    try {
      LakehouseCatalog.register(new Lakehouse(spark, lakehouse.root()));
    } catch (RuntimeException e) {
      out.println(
          "warning: the catalog was not updated ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); `scripts/stratify sql` registers the tables when it starts");
    }
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
    if (!result.ingest().warnings().isEmpty()) {
      out.println("Warnings:");
      result.ingest().warnings().forEach(w -> out.println("  " + w));
    }
    out.println("Tables in " + lakehouse.root() + ":");
    out.println("  bronze  <dataset>, quarantine, ingest_log, ingest_files");
    out.println("  silver  <dataset>");
    out.println("  marts   " + names(MartTables.all()));
    out.println("  ops     " + names(OpsTables.all()));
    out.println(
        "Query them with: scripts/stratify sql --lakehouse "
            + lakehouse.root()
            + " \"SELECT * FROM marts.org_weekly LIMIT 10\"");
  }

  private static String names(List<TableContract> tables) {
    return tables.stream().map(TableContract::name).collect(Collectors.joining(", "));
  }

  static String seconds(Duration d) {
    return String.format("%.1fs", d.toMillis() / 1000.0);
  }
}
