package io.stratify.jobs.report;

import io.stratify.jobs.NightlyRun;
import io.stratify.jobs.NightlyRun.Stage;
import io.stratify.jobs.conform.ConformSilver;
import io.stratify.jobs.ingest.IngestLanding;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run has done so far, so that a run that fails still reports which stage it failed in and
 * what the stages before it did. One per run; not thread-safe (a run's stages are sequential).
 */
public final class RunProgress {

  private final List<Stage> stages;
  private final LocalDate first;
  private final LocalDate last;
  private final String landing;
  private final String lakehouse;
  private final Instant startedAt = Instant.now();
  private final Map<String, Duration> stageTimes = new LinkedHashMap<>();
  private Stage running;
  private IngestLanding.Result ingest;
  private ConformSilver.Result conform = new ConformSilver.Result(Map.of());

  /**
   * @param first the first run date, or null when not known yet
   * @param last the last run date, or null when not known yet
   */
  public RunProgress(
      Set<Stage> stages, LocalDate first, LocalDate last, String landing, String lakehouse) {
    this.stages = stages.stream().sorted().toList();
    this.first = first;
    this.last = last;
    this.landing = landing;
    this.lakehouse = lakehouse;
    this.ingest = new IngestLanding.Result(List.of(), List.of(), List.of());
  }

  public void started(Stage stage) {
    running = stage;
  }

  public void finished(Stage stage, Duration took) {
    stageTimes.put(stage.label(), took);
    running = null;
  }

  public void ingested(IngestLanding.Result result) {
    ingest = result;
  }

  public void conformed(ConformSilver.Result result) {
    conform = result;
  }

  public RunReport succeeded(NightlyRun.Result result) {
    return report(result, null);
  }

  /** The report of a run that failed with {@code error} in the stage that was running, if any. */
  public RunReport failed(Throwable error) {
    NightlyRun.Result partial =
        new NightlyRun.Result(
            RunReport.datesBetween(first, last), ingest, conform, new LinkedHashMap<>(stageTimes));
    return report(
        partial, RunReport.Failure.of(running == null ? RunReport.SETUP : running.label(), error));
  }

  private RunReport report(NightlyRun.Result result, RunReport.Failure failure) {
    return new RunReport(
        RunReport.currentVersion(),
        stages,
        first,
        last,
        landing,
        lakehouse,
        startedAt,
        Instant.now(),
        result,
        failure);
  }
}
