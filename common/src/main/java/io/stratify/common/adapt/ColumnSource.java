package io.stratify.common.adapt;

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

  /** A source that fills only some rows (optional vendor field, mapping). */
  public static ColumnSource sometimes(String description) {
    return new ColumnSource(description, false);
  }
}
