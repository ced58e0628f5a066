package io.stratify.common.landing;

import java.util.Locale;

/**
 * Why a landing row was quarantined. A quarantined row carries every reason that applies, each
 * rendered as {@code <code>: <column> <what is wrong>}.
 */
public enum QuarantineReason {
  MALFORMED_RECORD(
      "the record cannot be split into columns (bad quoting, wrong field count, not a JSON object)"),
  INVALID_UTF8("the record holds bytes that are not valid UTF-8"),
  MISSING_REQUIRED("a required or key column is null or empty"),
  INVALID_TYPE("a value has the wrong JSON type (e.g. an object where a string is expected)"),
  INVALID_BOOLEAN("not true or false"),
  INVALID_INTEGER("not an integral number (3 and 3.0 are, 3.5 is not)"),
  INVALID_DECIMAL("not a decimal number"),
  INVALID_NUMBER("not a number"),
  INVALID_DATE("not a YYYY-MM-DD calendar date"),
  INVALID_TIMESTAMP("not an ISO-8601 timestamp"),
  TIMESTAMP_WITHOUT_OFFSET("a timestamp without Z or a +hh:mm offset"),
  OUT_OF_RANGE("a number outside its allowed range"),
  INVALID_ENUM("not one of the allowed values (matched exactly, lower case)"),
  UNKNOWN_TIMEZONE("not a known IANA time-zone id"),
  OUT_OF_ORDER("a timestamp or date precedes the one it must follow"),
  CONFLICTING_DUPLICATE("the drop holds different versions of the same key");

  private final String meaning;

  QuarantineReason(String meaning) {
    this.meaning = meaning;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String meaning() {
    return meaning;
  }

  /** The reason as stored in the quarantine table. */
  public String render(String detail) {
    return code() + ": " + detail;
  }
}
