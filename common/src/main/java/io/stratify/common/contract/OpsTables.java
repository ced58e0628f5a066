package io.stratify.common.contract;

import static io.stratify.common.contract.Column.optional;
import static io.stratify.common.contract.Column.required;

import java.util.List;

/** The operational tables: the publish log and the quality gate's results. */
public final class OpsTables {

  private OpsTables() {}

  public static final TableContract PUBLISH_LOG =
      new TableContract(
          Layer.OPS,
          "publish_log",
          "Every published set of marts. The marts readers see are the version of the latest row:"
              + " a run writes a whole new version, checks it, then appends its row here in one"
              + " commit, so the marts change together or not at all. Append-only audit log.",
          "one row per publish",
          List.of("version"),
          List.of(
              required(
                  "version",
                  ColumnType.STRING,
                  "Marts version, v1, v2, ...; its tables live in <lakehouse>/marts/<version>/."),
              required("sequence", ColumnType.LONG, "The version's number."),
              required(
                  "first_date", ColumnType.DATE, "First run date of the run that published it."),
              required(
                  "run_date",
                  ColumnType.DATE,
                  "Last run date: the date the weekly marts are as of."),
              required(
                  "published_at",
                  ColumnType.TIMESTAMP,
                  "When it was published (wall clock, for audit only)."),
              required("marts", ColumnType.STRING_LIST, "The mart tables of the version."),
              optional(
                  "metric_settings",
                  ColumnType.STRING_MAP,
                  "Every metrics.* setting the version was computed with, defaults included: key"
                      + " as in docs/configuration.md (metrics.boundary-exceeded-ratio) -> its"
                      + " effective value as text. Null for versions published before it was"
                      + " recorded.")),
          List.of(),
          List.of(new Check("sequence_positive", "sequence > 0")));

  public static final TableContract QUALITY_RESULTS =
      new TableContract(
          Layer.OPS,
          "quality_results",
          "The checks run on each new marts version before it may be published: key uniqueness,"
              + " referential integrity, row-count sanity against the previous version. A failed"
              + " check stops the publish and the previous marts stay visible.",
          "one row per check per marts version",
          List.of("version", "check_name"),
          List.of(
              required("version", ColumnType.STRING, "The marts version checked."),
              required("run_date", ColumnType.DATE, "The run date of that version."),
              required(
                  "check_name", ColumnType.STRING, "What was checked, e.g. org_weekly.key_unique."),
              required("table_name", ColumnType.STRING, "The table checked."),
              required("passed", ColumnType.BOOLEAN, "Whether the check passed."),
              optional(
                  "observed", ColumnType.DOUBLE, "The measured value (violations, rows, ratio)."),
              optional("threshold", ColumnType.DOUBLE, "The limit it was held to."),
              required("message", ColumnType.STRING, "What the check found, in words.")),
          List.of(),
          List.of());

  public static List<TableContract> all() {
    return List.of(PUBLISH_LOG, QUALITY_RESULTS);
  }
}
