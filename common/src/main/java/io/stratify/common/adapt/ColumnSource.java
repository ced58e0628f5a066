package io.stratify.common.adapt;

import java.util.List;
import java.util.Map;

/**
 * One place a landing column's value comes from, as {@code adapt --explain} prints it. {@code
 * always} is true when it fills every row (a vendor field the format requires, a default); a vendor
 * field that may be missing, or a map that may not match, is not enough for a required column.
 */
public record ColumnSource(String description, boolean always) {
  /** A source that fills every row. */
  public static ColumnSource always(String description) {
    return new ColumnSource(description, true);
  }

  /**
   * The column's {@code defaults:} value as a source of every row, or none when the configuration
   * gives the column no default (or a null one).
   */
  public static List<ColumnSource> defaulted(Map<String, String> defaults, String column) {
    String value = defaults.get(column);
    return value == null ? List.of() : List.of(always("defaults: " + value));
  }

  /** A source that fills only some rows (optional vendor field, mapping). */
  public static ColumnSource sometimes(String description) {
    return new ColumnSource(description, false);
  }
}
