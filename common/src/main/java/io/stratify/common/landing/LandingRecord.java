package io.stratify.common.landing;

import java.util.Map;

/**
 * One record as read from a landing file, before validation.
 *
 * @param number line number of the record's first line (CSV, JSON Lines), or its 1-based position
 *     (JSON array element, Parquet row)
 * @param raw the record's text as it stood in the file (CSV: its line(s); JSON: the object)
 * @param values column name as written in the file -> value: a String (CSV, JSON string), Boolean
 *     or BigDecimal (JSON literals), List (JSON array), Map (JSON object) or null
 * @param malformed why the record could not be split into columns, or null when it could
 * @param invalidUtf8 the record contained bytes that are not valid UTF-8 (decoded as U+FFFD)
 */
public record LandingRecord(
    long number, String raw, Map<String, Object> values, String malformed, boolean invalidUtf8) {

  static LandingRecord malformed(long number, String raw, String why) {
    return new LandingRecord(number, raw, Map.of(), why, raw.indexOf('\uFFFD') >= 0);
  }
}
