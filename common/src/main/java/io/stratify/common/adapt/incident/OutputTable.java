package io.stratify.common.adapt.incident;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows one conversion writes to one landing dataset, held sorted by key (ADAPTERS §3.1): the
 * contract columns in LANDING order, then the {@code x_} columns alphabetically. Rows are compact
 * {@code String[]} so that a million events fit a 1 GB heap.
 */
public final class OutputTable {

  private final String dataset;
  private final List<String> columns;
  private final int keyWidth;
  private final TreeMap<String, String[]> rows = new TreeMap<>();

  /** The first {@code keyWidth} columns are the key. */
  OutputTable(String dataset, List<String> columns, int keyWidth) {
    this.dataset = dataset;
    this.columns = List.copyOf(columns);
    this.keyWidth = keyWidth;
  }

  public String dataset() {
    return dataset;
  }

  public List<String> columns() {
    return columns;
  }

  /** Adds a row; returns false (and keeps the first) when its key is already there. */
  boolean add(String... row) {
    if (row.length != columns.size()) {
      throw new IllegalArgumentException(
          "Cannot add a row of " + row.length + " values to " + columns.size() + " columns");
    }
    return rows.putIfAbsent(key(row), row) == null;
  }

  /** The row with that key, or null. */
  String[] get(String... key) {
    return rows.get(String.join("\u0000", key));
  }

  private String key(String[] row) {
    return String.join("\u0000", Arrays.asList(row).subList(0, keyWidth));
  }

  public Collection<String[]> rows() {
    return rows.values();
  }

  public int size() {
    return rows.size();
  }

  /** Row values by column name, for tests and reports. */
  public List<Map<String, String>> asMaps() {
    return rows.values().stream()
        .map(
            r -> {
              Map<String, String> m = new java.util.LinkedHashMap<>();
              for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i), r[i]);
              }
              return m;
            })
        .toList();
  }

  /** Writes the table as CSV: UTF-8 is the caller's, {@code \n}, header row, null = empty. */
  public void writeCsv(Writer out) throws IOException {
    writeLine(out, columns.toArray(String[]::new));
    for (String[] row : rows.values()) {
      writeLine(out, row);
    }
  }

  private static void writeLine(Writer out, String[] values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      String v = values[i];
      if (v == null) {
        continue;
      }
      if (v.indexOf(',') >= 0
          || v.indexOf('"') >= 0
          || v.indexOf('\n') >= 0
          || v.indexOf('\r') >= 0) {
        out.write('"');
        out.write(v.replace("\"", "\"\""));
        out.write('"');
      } else {
        out.write(v);
      }
    }
    out.write('\n');
  }
}
