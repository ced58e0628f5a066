package io.stratify.jobs.generate;

/**
 * The kinds of bad input LANDING.md names, each of which the generator writes a few times so that
 * ingest's quarantine, duplicate handling and file rejection are exercised by the sample data.
 */
public enum BadInputKind {
  WRONG_TYPE(
      "a value of the wrong type: text in an int, 'yes' for a boolean, '12,50' for a decimal,"
          + " a non-ISO date, an impossible timestamp, a JSON object where a string belongs"),
  MISSING_REQUIRED("a required value left empty"),
  INVALID_ENUM("an enum value not matched exactly, e.g. 'Production'"),
  OUT_OF_RANGE("a number outside its range: severity 5, criticality 0, negative requests"),
  TIMESTAMP_WITHOUT_OFFSET("a timestamp with neither Z nor an offset"),
  ACKNOWLEDGED_OR_RESOLVED_BEFORE_OPENED("an incident acknowledged or resolved before it opened"),
  UNKNOWN_TIMEZONE("a timezone that is not an IANA zone id"),
  PERIOD_END_BEFORE_START("a budget whose period_end precedes its period_start"),
  DEPLOYMENT_BUDGET_WITHOUT_DEPLOYMENT("a deployment-scope budget without deployment_id"),
  MALFORMED_RECORD("a CSV line with a stray quote or an unquoted comma, a truncated JSON line"),
  INVALID_UTF8("a row written in Latin-1 instead of UTF-8"),
  EXACT_DUPLICATE("the same row twice in one drop: collapsed and counted, not quarantined"),
  CONFLICTING_DUPLICATE("two different versions of one key in one drop: both quarantined"),
  MISSING_REQUIRED_COLUMN("a file without a required column: the whole file is rejected");

  private final String description;

  BadInputKind(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
