package io.stratify.jobs.ingest;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.io.Lakehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Adapter reports -> {@code bronze.adapter_log} (ADAPTERS.md section 5).
 *
 * <p>Input: the JSON reports under {@code <landing>/_adapter_reports/} (a folder ingest's landing
 * scan ignores, its name starting with {@code _}) whose dt is on or before the run date. Output:
 * one row per (format, org, dt, input file, dataset). A report is loaded when the table does not
 * hold it yet (its (format, org, dt) is absent or has another {@code finished_at}); it then
 * replaces every earlier row of that (format, org, dt) in one commit, so a re-adapted drop keeps
 * only its latest accounting and loading twice changes nothing. A report that cannot be read is
 * named in the ingest warnings, never skipped silently, and stops nothing.
 */
final class AdapterLogLoader {

  /** The folder the adapters write their reports to, relative to the landing root. */
  static final String REPORTS = "_adapter_reports";

  /** What loading did: the reports loaded and the ones that could not be read. */
  record Result(List<String> loaded, List<String> warnings) {}

  /** One report's header fields that identify it. */
  private record RunKey(String format, String org, LocalDate dt) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private AdapterLogLoader() {}

  static Result load(Lakehouse lakehouse, String landingRoot, Configuration conf, LocalDate to) {
    List<String> warnings = new ArrayList<>();
    Map<RunKey, List<Row>> runs = new LinkedHashMap<>();
    Map<RunKey, Instant> finished = new LinkedHashMap<>();
    List<String> loaded = new ArrayList<>();
    try {
      Path dir = new Path(landingRoot + "/" + REPORTS);
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return new Result(List.of(), List.of());
      }
      Set<String> known = known(lakehouse);
      FileStatus[] files = fs.listStatus(dir);
      java.util.Arrays.sort(files, java.util.Comparator.comparing(f -> f.getPath().getName()));
      for (FileStatus f : files) {
        String name = f.getPath().getName();
        if (f.isDirectory()
            || name.startsWith(".")
            || name.startsWith("_")
            || !name.endsWith(".json")) {
          continue;
        }
        String relative = REPORTS + "/" + name;
        JsonNode report;
        try (InputStream in = fs.open(f.getPath())) {
          report = JSON.readTree(in);
        } catch (IOException e) {
          warnings.add("adapter report " + relative + " not loaded: unreadable JSON");
          continue;
        }
        RunKey key;
        Instant finishedAt;
        try {
          key =
              new RunKey(
                  text(report, "format"), text(report, "org"), LocalDate.parse(text(report, "dt")));
          finishedAt = Instant.parse(text(report, "finished_at"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
          warnings.add(
              "adapter report "
                  + relative
                  + " not loaded: its format, org, dt or finished_at is missing or invalid");
          continue;
        }
        if (key.dt().isAfter(to) || known.contains(identity(key, finishedAt))) {
          continue;
        }
        Instant previous = finished.get(key);
        if (previous != null && !finishedAt.isAfter(previous)) {
          // Two files for one run (a renamed copy): the later run wins, as a re-adapt would.
          continue;
        }
        runs.put(key, rows(key, report, relative, finishedAt));
        finished.put(key, finishedAt);
        loaded.add(relative);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the adapter reports of " + landingRoot, e);
    }
    if (!runs.isEmpty()) {
      lakehouse.replaceWhere(
          LakehouseTables.ADAPTER_LOG,
          lakehouse
              .spark()
              .createDataFrame(
                  runs.values().stream().flatMap(List::stream).toList(),
                  LakehouseTables.ADAPTER_LOG.schema()),
          runs.keySet().stream()
              .map(
                  k ->
                      "(format = "
                          + Lakehouse.literal(k.format())
                          + " AND org = "
                          + Lakehouse.literal(k.org())
                          + " AND dt = DATE'"
                          + k.dt()
                          + "')")
              .collect(Collectors.joining(" OR ")));
    }
    return new Result(List.copyOf(loaded), List.copyOf(warnings));
  }

  /** The runs the table holds, as (format, org, dt, finished_at). */
  private static Set<String> known(Lakehouse lakehouse) {
    return lakehouse
        .read(LakehouseTables.ADAPTER_LOG)
        .select(col("format"), col("org"), col("dt"), col("finished_at"))
        .distinct()
        .collectAsList()
        .stream()
        .map(
            r ->
                identity(
                    new RunKey(r.getString(0), r.getString(1), r.getLocalDate(2)), r.getInstant(3)))
        .collect(Collectors.toSet());
  }

  private static String identity(RunKey key, Instant finishedAt) {
    return key.format() + "\u0000" + key.org() + "\u0000" + key.dt() + "\u0000" + finishedAt;
  }

  /** One account's counts, as the report states them. */
  private record Counts(
      long read, long written, long rows, long rejected, long skipped, long merged) {
    static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);

    boolean balanced() {
      return read == written + rejected + skipped + merged;
    }
  }

  /** The report's rows: one per file and dataset, or one run row when it accounted no file. */
  private static List<Row> rows(RunKey key, JsonNode report, String relative, Instant finishedAt) {
    int exitCode = report.path("exit_code").asInt(1);
    String reason = report.path("reason").asText("");
    Map<String, String> warnings = new TreeMap<>();
    report
        .path("warnings")
        .fields()
        .forEachRemaining(
            e -> warnings.put(e.getKey(), String.valueOf(e.getValue().path("count").asLong())));
    List<Row> rows = new ArrayList<>();
    for (JsonNode f : report.path("files")) {
      Map<String, String> skipped = new TreeMap<>();
      f.path("skipped_by_rule")
          .fields()
          .forEachRemaining(e -> skipped.put(e.getKey(), String.valueOf(e.getValue().asLong())));
      Counts counts =
          new Counts(
              f.path("records_read").asLong(),
              f.path("records_written").asLong(),
              f.path("rows_written").asLong(),
              f.path("records_rejected").asLong(),
              f.path("records_skipped").asLong(),
              f.path("duplicates_merged").asLong());
      rows.add(
          RowFactory.create(
              key.format(),
              key.org(),
              key.dt(),
              f.path("input_file").asText("-"),
              f.path("dataset").asText("-"),
              counts.read(),
              counts.written(),
              counts.rows(),
              counts.rejected(),
              counts.skipped(),
              counts.merged(),
              skipped,
              warnings,
              counts.balanced(),
              exitCode,
              reason.isEmpty() ? null : reason,
              relative,
              finishedAt));
    }
    if (rows.isEmpty()) {
      rows.add(
          RowFactory.create(
              key.format(),
              key.org(),
              key.dt(),
              "-",
              "-",
              0L,
              0L,
              0L,
              0L,
              0L,
              0L,
              Map.of(),
              warnings,
              Counts.NONE.balanced(),
              exitCode,
              reason.isEmpty() ? null : reason,
              relative,
              finishedAt));
    }
    return rows;
  }

  private static String text(JsonNode report, String field) {
    JsonNode n = report.get(field);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new IllegalArgumentException(field);
    }
    return n.asText();
  }
}
