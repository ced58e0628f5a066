package io.stratify.common.contract;

import static io.stratify.common.contract.Column.optional;
import static io.stratify.common.contract.Column.required;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The contracts of every bronze and silver table. Bronze and silver columns are derived from the
 * landing contract so that a landing column is described once.
 */
public final class LakehouseTables {

  /** The pseudonymised name of a person-id column in silver. */
  private static final Map<String, String> PSEUDONYMS =
      Map.of("person_id", "person_key", "manager_id", "manager_key");

  private static final Map<LandingDataset, TableContract> BRONZE =
      new EnumMap<>(LandingDataset.class);
  private static final Map<LandingDataset, TableContract> SILVER =
      new EnumMap<>(LandingDataset.class);

  static {
    for (LandingDataset d : LandingDataset.values()) {
      BRONZE.put(d, bronzeOf(d));
      SILVER.put(d, silverOf(d));
    }
  }

  public static final TableContract QUARANTINE =
      new TableContract(
          Layer.BRONZE,
          "quarantine",
          "Every landing row that broke a rule of LANDING.md, with the raw record and every reason."
              + " Nothing is dropped silently: read = accepted + quarantined + duplicates.",
          "one row per rejected landing record (per drop, file and record number)",
          List.of("dataset", "dt", "source_file", "record_number"),
          List.of(
              required("dataset", ColumnType.STRING, "Landing dataset (folder name)."),
              required("dt", ColumnType.DATE, "Extract date of the drop."),
              required("source_file", ColumnType.STRING, "File, relative to the landing root."),
              required(
                  "record_number",
                  ColumnType.LONG,
                  "Line of the record's start (CSV, JSON Lines), or its 1-based position (JSON"
                      + " array element, Parquet row)."),
              required(
                  "raw_record", ColumnType.STRING, "The record's text as it stood in the file."),
              required(
                  "reasons",
                  ColumnType.STRING_LIST,
                  "Every broken rule, as '<code>: <column> <what is wrong>'."),
              required(
                  "reason_codes",
                  ColumnType.STRING_LIST,
                  "The distinct reason codes, for grouping."),
              optional("org_id", ColumnType.STRING, "The record's org_id when it could be read."),
              optional(
                  "record_key",
                  ColumnType.STRING_MAP,
                  "Key column -> value when every key column could be read (a quarantined snapshot"
                      + " row with a readable key keeps that key's previous version).")),
          List.of("dataset"),
          List.of(new Check("reasons_not_empty", "size(reasons) > 0")));

  public static final TableContract INGEST_LOG =
      new TableContract(
          Layer.BRONZE,
          "ingest_log",
          "Accounting of every ingested drop: what was read, accepted, quarantined and collapsed."
              + " A re-ingested drop replaces its row.",
          "one row per drop (dataset, dt)",
          List.of("dataset", "dt"),
          List.of(
              required("dataset", ColumnType.STRING, "Landing dataset (folder name)."),
              required("dt", ColumnType.DATE, "Extract date of the drop."),
              required("files", ColumnType.INT, "Files in the drop folder."),
              required("files_rejected", ColumnType.INT, "Files rejected whole (not read)."),
              required("rows_read", ColumnType.LONG, "Records read from accepted files."),
              required("rows_accepted", ColumnType.LONG, "Rows written to the bronze table."),
              required("rows_quarantined", ColumnType.LONG, "Rows written to bronze.quarantine."),
              required(
                  "duplicates_collapsed",
                  ColumnType.LONG,
                  "Rows equal to another valid row of the drop over the contract columns."),
              required(
                  "affected_orgs",
                  ColumnType.STRING_LIST,
                  "org_ids in this drop or in the version of it that this ingestion replaced: the"
                      + " orgs whose silver rows must be recomputed."),
              required(
                  "conformed",
                  ColumnType.BOOLEAN,
                  "Whether silver has been recomputed since this drop was ingested.")),
          List.of(),
          List.of(
              new Check(
                  "rows_add_up",
                  "rows_read = rows_accepted + rows_quarantined + duplicates_collapsed")));

  public static final TableContract INGEST_FILES =
      new TableContract(
          Layer.BRONZE,
          "ingest_files",
          "Every file of every ingested drop, with its status; a rejected file says why.",
          "one row per file of an ingested drop",
          List.of("dataset", "dt", "source_file"),
          List.of(
              required("dataset", ColumnType.STRING, "Landing dataset (folder name)."),
              required("dt", ColumnType.DATE, "Extract date of the drop."),
              required("source_file", ColumnType.STRING, "File, relative to the landing root."),
              optional(
                  "format", ColumnType.STRING, "csv, jsonl, json or parquet; null if unknown."),
              required("status", ColumnType.STRING, "read or rejected."),
              required("rows_read", ColumnType.LONG, "Records read (0 when rejected)."),
              optional("message", ColumnType.STRING, "Why the file was rejected.")),
          List.of(),
          List.of(new Check("status_known", "status IN ('read', 'rejected')")));

  public static final TableContract ADAPTER_LOG =
      new TableContract(
          Layer.BRONZE,
          "adapter_log",
          "Accounting of every vendor adapter run (ADAPTERS.md section 5), loaded by ingest from"
              + " <landing>/_adapter_reports/: per input file and dataset, records read = written"
              + " + rejected + skipped by rule + duplicates merged. A new report of a (format,"
              + " org, dt) replaces that run's earlier rows; failed runs are loaded too.",
          "one row per adapter run (format, org, dt) and input file and dataset; a run that read"
              + " no file has one row with input_file and dataset '-'",
          List.of("format", "org", "dt", "input_file", "dataset"),
          List.of(
              required("format", ColumnType.STRING, "Adapter format, e.g. backstage."),
              required(
                  "org",
                  ColumnType.STRING,
                  "The run's org: its org_id, or the label of a run that derives orgs."),
              required("dt", ColumnType.DATE, "Extract date the run adapted."),
              required(
                  "input_file",
                  ColumnType.STRING,
                  "Vendor file, relative to the drop folder (or --in); '-' for the run row."),
              required(
                  "dataset",
                  ColumnType.STRING,
                  "Landing dataset written from it; '-' for records that map to no dataset"
                      + " (skipped kinds, unparseable files) and for the run row."),
              required("records_read", ColumnType.LONG, "Vendor records read."),
              required("records_written", ColumnType.LONG, "Records converted into rows."),
              required(
                  "rows_written",
                  ColumnType.LONG,
                  "Landing rows written from them (a record may yield several rows, and an"
                      + " aggregating adapter folds several records into one)."),
              required("records_rejected", ColumnType.LONG, "Records rejected (see the report)."),
              required("records_skipped", ColumnType.LONG, "Records skipped by a named rule."),
              required(
                  "duplicates_merged", ColumnType.LONG, "Records merged into an equal record."),
              required(
                  "skipped_by_rule",
                  ColumnType.STRING_MAP,
                  "Skip rule -> records skipped by it (the count as text)."),
              required(
                  "warnings",
                  ColumnType.STRING_MAP,
                  "WARN code -> count (as text) for the whole run: the report counts WARNs per"
                      + " run, so every row of a run carries the same map."),
              required(
                  "balanced",
                  ColumnType.BOOLEAN,
                  "Whether records_read = written + rejected + skipped + merged."),
              required(
                  "exit_code",
                  ColumnType.INT,
                  "The run's exit code: 0 success, 2 unusable input or configuration, 1"
                      + " retryable. A failed run wrote no landing file."),
              optional("reason", ColumnType.STRING, "Why the run failed; null on success."),
              required(
                  "report_file",
                  ColumnType.STRING,
                  "The report, relative to the landing root (_adapter_reports/...)."),
              required("finished_at", ColumnType.TIMESTAMP, "When the run ended (UTC).")),
          List.of(),
          List.of(
              new Check(
                  "balanced_is_identity",
                  "balanced = (records_read = records_written + records_rejected +"
                      + " records_skipped + duplicates_merged)"),
              new Check("success_is_balanced", "exit_code <> 0 OR balanced")));

  private LakehouseTables() {}

  public static TableContract bronze(LandingDataset dataset) {
    return BRONZE.get(dataset);
  }

  public static TableContract silver(LandingDataset dataset) {
    return SILVER.get(dataset);
  }

  /** Every bronze and silver contract, bronze first. */
  public static List<TableContract> all() {
    return Stream.concat(
            Stream.concat(
                BRONZE.values().stream(),
                Stream.of(QUARANTINE, INGEST_LOG, INGEST_FILES, ADAPTER_LOG)),
            SILVER.values().stream())
        .toList();
  }

  /** The silver name of a landing column ({@code person_id} -> {@code person_key}). */
  public static String silverColumnName(String landingColumn) {
    return PSEUDONYMS.getOrDefault(landingColumn, landingColumn);
  }

  /** The landing columns that reach silver, in order (personal data does not). */
  public static List<LandingField> silverFields(LandingDataset dataset) {
    return dataset.fields().stream().filter(f -> !f.personal()).toList();
  }

  private static TableContract bronzeOf(LandingDataset d) {
    List<Column> columns = new ArrayList<>();
    d.fields().forEach(f -> columns.add(f.column()));
    columns.add(
        optional(
            "extra_columns",
            ColumnType.STRING_MAP,
            "Columns the contract does not know, as written in the file; ignored downstream."));
    columns.add(required("dt", ColumnType.DATE, "Extract date of the drop."));
    columns.add(required("source_file", ColumnType.STRING, "File, relative to the landing root."));
    columns.add(
        required(
            "record_number",
            ColumnType.LONG,
            "Line of the record's start, or its position in a JSON array / Parquet file."));
    List<String> key = new ArrayList<>(d.keyColumns());
    key.add("dt");
    return new TableContract(
        Layer.BRONZE,
        d.folder(),
        d.description() + " Accepted landing rows, typed, with provenance.",
        "one row per distinct valid record per drop (exact duplicates collapsed)",
        key,
        columns,
        List.of("dt"),
        checks(d, f -> f.name()));
  }

  private static TableContract silverOf(LandingDataset d) {
    List<Column> columns = new ArrayList<>();
    for (LandingField f : silverFields(d)) {
      String name = silverColumnName(f.name());
      String description =
          name.equals(f.name())
              ? f.description()
              : f.description() + " Pseudonymised: keyed hash (HMAC-SHA256) of " + f.name() + ".";
      columns.add(new Column(name, f.type(), !f.required(), description));
    }
    List<String> key =
        d.keyColumns().stream().map(LakehouseTables::silverColumnName).collect(Collectors.toList());
    List<Check> checks = new ArrayList<>(checks(d, f -> silverColumnName(f.name())));
    String grain;
    String description;
    if (d.kind() == DatasetKind.SNAPSHOT) {
      columns.add(
          required(
              "valid_from", ColumnType.DATE, "dt of the snapshot that introduced this version."));
      columns.add(
          optional(
              "valid_to",
              ColumnType.DATE,
              "dt of the snapshot that changed or deleted it (exclusive); null while current."));
      columns.add(required("is_current", ColumnType.BOOLEAN, "valid_to is null."));
      key.add("valid_from");
      checks.add(new Check("valid_range", "valid_to IS NULL OR valid_to > valid_from"));
      checks.add(new Check("current_is_open", "is_current = (valid_to IS NULL)"));
      grain = "one row per key per version (SCD type 2)";
      description =
          d.description()
              + " SCD type 2 history: a key absent from a later snapshot of its org was deleted"
              + " on that snapshot's dt.";
    } else {
      columns.add(required("source_dt", ColumnType.DATE, "dt of the drop the version came from."));
      columns.add(required("source_file", ColumnType.STRING, "File the version came from."));
      grain = "one row per key: the version from the latest drop";
      description = d.description() + " Latest version per key (latest dt wins).";
    }
    return new TableContract(
        Layer.SILVER, d.folder(), description, grain, key, columns, List.of(), checks);
  }

  private static List<Check> checks(
      LandingDataset d, java.util.function.Function<LandingField, String> nameOf) {
    List<Check> checks = new ArrayList<>();
    for (LandingField f : d.fields()) {
      if (f.personal()) {
        continue;
      }
      String c = nameOf.apply(f);
      if (!f.allowed().isEmpty()) {
        String values =
            f.allowed().stream().sorted().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
        checks.add(new Check(c + "_allowed", c + " IS NULL OR " + c + " IN (" + values + ")"));
      }
      if (f.min() != null) {
        String op = f.minExclusive() ? " > " : " >= ";
        String max = f.max() == null ? "" : " AND " + c + " <= " + f.max();
        checks.add(new Check(c + "_range", c + " IS NULL OR (" + c + op + f.min() + max + ")"));
      }
    }
    for (RowRule rule : d.rowRules()) {
      if (rule instanceof RowRule.NotBefore nb) {
        checks.add(
            new Check(
                nb.later() + "_not_before_" + nb.earlier(),
                nb.later() + " IS NULL OR " + nb.later() + " >= " + nb.earlier()));
      } else if (rule instanceof RowRule.RequiredWhen rw) {
        checks.add(
            new Check(
                rw.column() + "_required_for_" + rw.whenValue(),
                rw.whenColumn()
                    + " <> '"
                    + rw.whenValue()
                    + "' OR "
                    + rw.column()
                    + " IS NOT NULL"));
      }
    }
    return checks;
  }
}
