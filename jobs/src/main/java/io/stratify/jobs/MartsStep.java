package io.stratify.jobs;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.config.StratifyOptions;
import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.io.Lakehouse;
import io.stratify.common.stats.MinCohortSize;
import io.stratify.jobs.conform.ConformSilver;
import io.stratify.jobs.ingest.LandingZone;
import io.stratify.jobs.marts.BenchmarkAndTrendMarts;
import io.stratify.jobs.marts.IncrementalMarts;
import io.stratify.jobs.marts.SilverAsOf;
import io.stratify.jobs.marts.SupportabilityMarts;
import io.stratify.jobs.publish.MartsPublisher;
import io.stratify.jobs.publish.QualityGate;
import io.stratify.jobs.publish.QualityGateFailedException;
import io.stratify.jobs.publish.StalenessGate;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stage 3, silver -> marts, as one step: check the landing zone is fresh enough for every run date
 * (the staleness gate), stage a new marts version, compute it for each run date, check it (the
 * quality gate), publish it with the metric settings it was computed with. Input tables: silver (as
 * of each run date); output: a new marts version and its ops.publish_log row.
 */
public final class MartsStep {

  /**
   * What the step did.
   *
   * @param version the marts version published
   * @param checksPassed the quality checks it passed
   * @param neverDelivered datasets with no drop up to the last run date (their metrics are empty)
   * @param recomputed what the last run date's marts were recomputed from
   */
  public record Result(
      String version,
      int checksPassed,
      Set<LandingDataset> neverDelivered,
      IncrementalMarts.Recomputed recomputed) {}

  private final StratifyConfig config;
  private final Lakehouse lakehouse;
  private final ConformSilver conformer;
  private final PrintStream out;

  MartsStep(StratifyConfig config, Lakehouse lakehouse, ConformSilver conformer, PrintStream out) {
    this.config = config;
    this.lakehouse = lakehouse;
    this.conformer = conformer;
    this.out = out;
  }

  /**
   * Refuses run dates the landing zone cannot give true marts for (exit 2 or 3), before anything is
   * written.
   */
  static Set<LandingDataset> checkInputs(
      LandingZone zone, List<LocalDate> dates, StratifyConfig config) {
    Set<LandingDataset> neverDelivered = new LinkedHashSet<>();
    for (LocalDate date : dates) {
      neverDelivered = new LinkedHashSet<>(StalenessGate.check(zone.drops(), date, config));
    }
    return neverDelivered;
  }

  Result run(List<LocalDate> dates, Set<LandingDataset> neverDelivered) {
    LocalDate from = dates.get(0);
    LocalDate to = dates.get(dates.size() - 1);
    if (!lakehouse.exists(LakehouseTables.silver(LandingDataset.ORGS))
        || lakehouse.read(LakehouseTables.silver(LandingDataset.ORGS)).isEmpty()) {
      throw new UnusableInputException(
          "Cannot compute the marts as of "
              + to
              + ": no org known in "
              + lakehouse.root()
              + " (silver.orgs is empty: run ingest and conform first, or `stratify run`)");
    }
    MinCohortSize k = MinCohortSize.of(config.get(StratifyOptions.BENCHMARK_MIN_COHORT_SIZE));
    long basis = IncrementalMarts.ingestLogVersion(lakehouse);
    MartsPublisher.Staged staged = MartsPublisher.stage(lakehouse, parallelism());
    IncrementalMarts.Recomputed recomputed = null;
    for (LocalDate date : dates) {
      recomputed = compute(staged.lakehouse(), date, dates.size() == 1, date.equals(to), k, basis);
    }
    int checks = gate(staged, to);
    MartsPublisher.publish(lakehouse, staged, from, to, config.metricSettingsByKey());
    out.printf("  published marts %s (%d quality checks passed)%n", staged.version(), checks);
    try {
      LakehouseCatalog.register(new Lakehouse(lakehouse.spark(), lakehouse.root()));
    } catch (RuntimeException e) {
      out.println(
          "warning: the catalog was not updated ("
              + RunOutcome.firstLine(e)
              + "); `scripts/stratify sql` registers the tables when it starts");
    }
    return new Result(staged.version(), checks, Set.copyOf(neverDelivered), recomputed);
  }

  /**
   * The marts of one run date. The date-stamped marts (budget_status, org_trend, signal_lead_time)
   * are written for every date; the weekly marts, which hold the latest knowledge of every week,
   * only for the last date of the run: incrementally over the published marts when a single date
   * allows it ({@link IncrementalMarts}), else from the whole of silver.
   */
  private IncrementalMarts.Recomputed compute(
      Lakehouse staged, LocalDate date, boolean single, boolean last, MinCohortSize k, long basis) {
    SilverAsOf silver = new SilverAsOf(lakehouse, conformer, date);
    IncrementalMarts.Plan plan =
        !single
            ? new IncrementalMarts.Plan(Set.of(), "a range of run dates")
            : !config.get(StratifyOptions.MARTS_INCREMENTAL)
                ? new IncrementalMarts.Plan(Set.of(), "marts.incremental is false")
                : IncrementalMarts.plan(lakehouse, silver, date, config.metricSettingsByKey(), k);
    IncrementalMarts.Recomputed recomputed;
    if (plan.incremental()) {
      recomputed =
          IncrementalMarts.write(
              lakehouse, staged, silver, plan, date, config.metricSettings(), k, parallelism());
      IncrementalMarts.recordBasis(staged, basis, k);
    } else {
      recomputed = IncrementalMarts.Recomputed.full(plan.fullBecause());
      SupportabilityMarts.Marts marts =
          SupportabilityMarts.compute(silver, date, config.metricSettings());
      try {
        // Every table of the version is written from the same cached computation, and no write
        // reads another's table: they run side by side (pipeline.parallel-tables at a time).
        List<Runnable> writes = new ArrayList<>(SupportabilityMarts.writes(staged, marts, last));
        writes.addAll(BenchmarkAndTrendMarts.trendWrites(staged, marts));
        if (last) {
          writes.add(() -> BenchmarkAndTrendMarts.writeBenchmarks(staged, marts, k));
          writes.add(() -> IncrementalMarts.record(staged, basis, k, marts.benchmarkInputs()));
        }
        Parallel.run(writes, parallelism());
      } finally {
        marts.release();
      }
    }
    out.printf(
        "  marts as of %s%s%s%n",
        date,
        silver.rebuilt() ? " (silver rebuilt from the drops up to this date)" : "",
        last
            ? ": all marts, " + recomputed.describe(date)
            : ": budget_status, org_trend, signal_lead_time (weekly marts: last date only)");
    return recomputed;
  }

  private int parallelism() {
    return config.get(StratifyOptions.PARALLEL_TABLES);
  }

  /** Checks the staged marts; returns how many checks passed, or records why not and stops. */
  private int gate(MartsPublisher.Staged staged, LocalDate to) {
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
    return results.size();
  }
}
