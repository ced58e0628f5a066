package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.landing.LandingFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file about to be written: its place, format, style, columns and rows. Mutable on purpose: bad
 * input is injected into assembled files before they are written.
 */
final class LandingFile {

  /**
   * One row of a file.
   *
   * <p>{@code values} maps column names (contract columns in lower case, extra columns as named) to
   * typed values or {@link RawValue}s; {@code rawLine}, when set, is written instead of the values,
   * as the line(s) the broken export produced.
   */
  static final class Row {
    final OrgProfile org;
    final Map<String, Object> values;
    String rawLine;

    /** A snapshot row equal to its key's version in the org's previous drop. */
    boolean unchanged;

    /** An upsert row whose key is sent again in a later drop. */
    boolean resentLater;

    /** An upsert row whose next day is in the history and does not carry its key. */
    boolean nextDayFree;

    Row(OrgProfile org, Map<String, Object> values) {
      this.org = org;
      this.values = new LinkedHashMap<>(values);
    }

    Row copy() {
      Row r = new Row(org, values);
      r.rawLine = rawLine;
      return r;
    }
  }

  final LandingDataset dataset;
  final LocalDate dt;
  final String name;
  final LandingFormat format;
  final FileStyle style;
  final List<String> columns;
  final List<Row> rows = new ArrayList<>();

  LandingFile(
      LandingDataset dataset,
      LocalDate dt,
      String name,
      LandingFormat format,
      FileStyle style,
      List<String> columns) {
    this.dataset = dataset;
    this.dt = dt;
    this.name = name;
    this.format = format;
    this.style = style;
    this.columns = new ArrayList<>(columns);
  }

  /** The file's path below the landing root, '/'-separated. */
  String path() {
    return dataset.folder() + "/dt=" + dt + "/" + name;
  }

  /** A file of the same drop and dataset with another name, format or columns. */
  LandingFile sibling(String name, LandingFormat format, FileStyle style, List<String> columns) {
    return new LandingFile(dataset, dt, name, format, style, columns);
  }
}
