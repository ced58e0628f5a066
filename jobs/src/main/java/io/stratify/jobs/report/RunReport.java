package io.stratify.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratify.common.contract.LandingDataset;
import io.stratify.jobs.NightlyRun;
import io.stratify.jobs.NightlyRun.Stage;
import io.stratify.jobs.RunOutcome;
import io.stratify.jobs.ingest.IngestLanding;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The machine-readable report of one run, for alerting: which stages ran and how long they took,
 * what each landing dataset gave (rows read, accepted, quarantined, duplicates), the files rejected
 * whole, and how the run ended. A failed run reports the stage it failed in and the error, with
 * whatever the stages before it did. Rendered as JSON by {@link #json()} (format in
 * docs/airflow.md).
 *
 * @param firstDate the first run date; null when a run failed before its dates were known
 * @param lastDate the last run date (= firstDate for one night); null like firstDate
 * @param result what the run did; on failure, what it did before it failed
 * @param failure how the run failed; null when it succeeded
 */
public record RunReport(
    String stratifyVersion,
    List<Stage> stages,
    LocalDate firstDate,
    LocalDate lastDate,
    String landing,
    String lakehouse,
    Instant startedAt,
    Instant finishedAt,
    NightlyRun.Result result,
    Failure failure) {

  /** Where a run failed before its first stage started (arguments, landing zone, settings). */
  public static final String SETUP = "setup";

  /** Bumped when a field changes meaning or disappears; adding fields keeps it. */
  public static final int FORMAT = 1;

  /**
   * How a run failed.
   *
   * @param stage the stage's label, or {@link #SETUP}
   * @param exitCode what the command line exits with ({@link RunOutcome})
   */
  public record Failure(
      String stage, String error, String message, String rootCause, int exitCode) {

    public static Failure of(String stage, Throwable e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return new Failure(
          stage,
          e.getClass().getName(),
          String.valueOf(e.getMessage()),
          root == e ? null : root.getClass().getName() + ": " + root.getMessage(),
          RunOutcome.of(e).exitCode());
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The counters of a drop, a dataset and the totals, in this order. */
  private static final List<String> COUNTERS =
      List.of(
          "files",
          "files_rejected",
          "rows_read",
          "rows_accepted",
          "rows_quarantined",
          "duplicates");

  public boolean succeeded() {
    return failure == null;
  }

  public int exitCode() {
    return failure == null ? 0 : failure.exitCode();
  }

  /**
   * The stages' labels joined by "-", in run order: {@code ingest}, {@code ingest-conform-marts}.
   */
  public String stagesLabel() {
    return stages.stream().map(Stage::label).collect(Collectors.joining("-"));
  }

  /**
   * {@code run-<first date>[_<last date>]-<stages>.json}: a re-run of the same dates and stages
   * overwrites the report of the previous attempt.
   */
  public String fileName() {
    if (firstDate == null) {
      throw new IllegalStateException("Cannot name the report of a run without dates");
    }
    String dates = firstDate.equals(lastDate) ? firstDate.toString() : firstDate + "_" + lastDate;
    return "run-" + dates + "-" + stagesLabel() + ".json";
  }

  public String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("report_format", FORMAT);
    root.put("stratify_version", stratifyVersion);
    root.put("status", succeeded() ? "succeeded" : "failed");
    root.put("exit_code", exitCode());
    root.put("stages_requested", stagesLabel());
    root.put("first_date", firstDate == null ? null : firstDate.toString());
    root.put("last_date", lastDate == null ? null : lastDate.toString());
    ArrayNode dates = root.putArray("dates");
    result.dates().forEach(d -> dates.add(d.toString()));
    root.put("landing", landing);
    root.put("lakehouse", lakehouse);
    root.put("started_at", startedAt.toString());
    root.put("finished_at", finishedAt.toString());
    root.put("duration_ms", Duration.between(startedAt, finishedAt).toMillis());
    if (failure == null) {
      root.putNull("failure");
    } else {
      ObjectNode f = root.putObject("failure");
      f.put("stage", failure.stage());
      f.put("error", failure.error());
      f.put("message", failure.message());
      f.put("root_cause", failure.rootCause());
      f.put(
          "retryable",
          RunOutcome.ofExitCode(failure.exitCode()).map(RunOutcome::retryable).orElse(true));
    }
    ArrayNode stageNodes = root.putArray("stages");
    for (Stage stage : stages) {
      ObjectNode s = stageNodes.addObject();
      s.put("stage", stage.label());
      Duration took = result.stageTimes().get(stage.label());
      if (took != null) {
        s.put("status", "succeeded");
        s.put("duration_ms", took.toMillis());
      } else {
        s.put(
            "status",
            failure != null && failure.stage().equals(stage.label()) ? "failed" : "not_run");
        s.putNull("duration_ms");
      }
    }
    renderIngest(root);
    ObjectNode orgs = root.putObject("orgs_recomputed");
    result.conform().orgsRecomputed().forEach((d, n) -> orgs.put(d.folder(), n));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot render the run report: " + e.getMessage(), e);
    }
  }

  /**
   * Every landing dataset once the ingest stage ran, zeros included, so an alert on a missing drop
   * can test {@code datasets.<name>.drops == 0}; only the datasets with drops when it did not run.
   */
  private void renderIngest(ObjectNode root) {
    IngestLanding.Result ingest = result.ingest();
    boolean ingested = result.stageTimes().containsKey(Stage.INGEST.label());
    ObjectNode datasets = root.putObject("datasets");
    long totalDrops = 0;
    long[] totals = new long[COUNTERS.size()];
    for (LandingDataset dataset : LandingDataset.values()) {
      List<IngestLanding.DropReport> drops =
          ingest.drops().stream().filter(d -> d.dataset() == dataset).toList();
      if (!ingested && drops.isEmpty()) {
        continue;
      }
      long[] sums = new long[COUNTERS.size()];
      for (IngestLanding.DropReport d : drops) {
        long[] c = counts(d);
        for (int i = 0; i < c.length; i++) {
          sums[i] += c[i];
          totals[i] += c[i];
        }
      }
      totalDrops += drops.size();
      counters(datasets.putObject(dataset.folder()).put("drops", drops.size()), sums);
    }
    counters(root.putObject("totals").put("drops", totalDrops), totals);
    ArrayNode drops = root.putArray("drops");
    for (IngestLanding.DropReport d : ingest.drops()) {
      ObjectNode n =
          drops.addObject().put("dataset", d.dataset().folder()).put("dt", d.dt().toString());
      counters(n, counts(d));
      n.put("orgs_affected", d.affectedOrgs().size());
    }
    ArrayNode rejected = root.putArray("rejected_files");
    for (IngestLanding.RejectedFile f : ingest.rejectedFiles()) {
      rejected.addObject().put("file", f.sourceFile()).put("message", f.message());
    }
    ArrayNode warnings = root.putArray("warnings");
    ingest.warnings().forEach(warnings::add);
  }

  private static long[] counts(IngestLanding.DropReport d) {
    return new long[] {
      d.files(),
      d.filesRejected(),
      d.rowsRead(),
      d.rowsAccepted(),
      d.rowsQuarantined(),
      d.duplicates()
    };
  }

  private static void counters(ObjectNode node, long[] values) {
    for (int i = 0; i < values.length; i++) {
      node.put(COUNTERS.get(i), values[i]);
    }
  }

  /**
   * The version of the running jar: its manifest's, else its Maven descriptor's (the spark-submit
   * jar keeps it), else "dev" (classes run from the build tree).
   */
  public static String currentVersion() {
    String v = NightlyRun.class.getPackage().getImplementationVersion();
    if (v != null) {
      return v;
    }
    try (InputStream in =
        RunReport.class.getResourceAsStream(
            "/META-INF/maven/io.stratify/stratify-jobs/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "dev");
      }
    } catch (IOException e) {
      // Unreadable descriptor: report "dev" rather than fail a run over a version string.
    }
    return "dev";
  }

  /** Dates from first to last, both included; none when either is unknown or they are reversed. */
  static List<LocalDate> datesBetween(LocalDate first, LocalDate last) {
    List<LocalDate> dates = new ArrayList<>();
    if (first != null && last != null) {
      for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
        dates.add(d);
      }
    }
    return dates;
  }
}
