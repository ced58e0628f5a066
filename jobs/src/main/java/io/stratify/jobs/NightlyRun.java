package io.stratify.jobs;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.config.StratifyOptions;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.io.Lakehouse;
import io.stratify.common.privacy.Pseudonymiser;
import io.stratify.jobs.conform.ConformSilver;
import io.stratify.jobs.ingest.IngestLanding;
import io.stratify.jobs.ingest.LandingZone;
import io.stratify.jobs.marts.SilverAsOf;
import io.stratify.jobs.marts.SupportabilityMarts;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * One night, or a range of nights, end to end: ingest the landing zone into bronze, conform silver,
 * then compute everything downstream for each run date. A range gives the same tables as running
 * each date in order: drops are ingested once, in the state a date-by-date run would leave them,
 * and each date's downstream tables are computed from the drops with {@code dt <=} that date.
 */
public final class NightlyRun {

  /** What a run did. */
  public record Result(
      List<LocalDate> dates,
      IngestLanding.Result ingest,
      ConformSilver.Result conform,
      Map<String, Duration> stepTimes) {}

  private final SparkSession spark;
  private final StratifyConfig config;
  private final PrintStream out;

  public NightlyRun(SparkSession spark, StratifyConfig config, PrintStream out) {
    this.spark = spark;
    this.config = config;
    this.out = out;
  }

  public Result run(LandingZone zone, String lakehouseRoot, LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      throw new UnusableInputException(
          "Cannot run from " + from + " to " + to + ": --from is after --to");
    }
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      dates.add(d);
    }
    if (config.usesDevelopmentKey()) {
      out.println(
          "warning: person ids are pseudonymised with the development key; set "
              + StratifyOptions.PSEUDONYMISATION_KEY_ENV
              + " in production");
    }
    Lakehouse lakehouse = new Lakehouse(spark, lakehouseRoot);
    int parallelism = config.get(StratifyOptions.PARALLEL_TABLES);
    Map<String, Duration> times = new TreeMap<>();
    out.printf(
        "stratify run %s%s: landing %s -> lakehouse %s%n",
        from, from.equals(to) ? "" : ".." + to, zone.root(), lakehouse.root());

    long t0 = System.nanoTime();
    out.println("[1/3] ingest landing -> bronze");
    IngestLanding.Result ingest =
        new IngestLanding(lakehouse, parallelism, out::println).ingest(zone, from, to);
    times.put("ingest", Duration.ofNanos(System.nanoTime() - t0));
    out.printf("      %d drop(s) in %s%n", ingest.drops().size(), seconds(times.get("ingest")));

    long t1 = System.nanoTime();
    out.println("[2/3] conform bronze -> silver");
    ConformSilver conformer =
        new ConformSilver(
            lakehouse, new Pseudonymiser(config.pseudonymisationKey()), parallelism, out::println);
    ConformSilver.Result conform = conformer.conform();
    times.put("conform", Duration.ofNanos(System.nanoTime() - t1));
    out.printf("      done in %s%n", seconds(times.get("conform")));

    long t2 = System.nanoTime();
    out.println("[3/3] marts");
    for (LocalDate date : dates) {
      boolean last = date.equals(to);
      SupportabilityMarts.Marts marts =
          SupportabilityMarts.compute(
              new SilverAsOf(lakehouse, conformer, date), date, config.metricSettings());
      try {
        SupportabilityMarts.write(lakehouse, marts, last);
      } finally {
        marts.release();
      }
      out.printf(
          "  marts as of %s%s%n",
          date, last ? ": org_weekly, deployment_weekly, budget_status" : ": budget_status");
    }
    times.put("marts", Duration.ofNanos(System.nanoTime() - t2));
    out.printf("      done in %s%n", seconds(times.get("marts")));

    Result result = new Result(dates, ingest, conform, times);
    printSummary(result, lakehouse);
    return result;
  }

  private void printSummary(Result result, Lakehouse lakehouse) {
    out.println();
    out.println("Summary");
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
    if (!result.ingest().warnings().isEmpty()) {
      out.println("Warnings:");
      result.ingest().warnings().forEach(w -> out.println("  " + w));
    }
    out.println("Tables:");
    out.println(
        "  bronze  "
            + lakehouse.root()
            + "/bronze/<dataset>, quarantine, ingest_log, ingest_files");
    out.println("  silver  " + lakehouse.root() + "/silver/<dataset>");
    out.println(
        "  marts   " + lakehouse.root() + "/marts/org_weekly, deployment_weekly, budget_status");
    out.println(
        "Query them with: scripts/stratify sql --lakehouse "
            + lakehouse.root()
            + " \"SELECT * FROM marts.org_weekly LIMIT 10\"");
  }

  static String seconds(Duration d) {
    return String.format("%.1fs", d.toMillis() / 1000.0);
  }
}
