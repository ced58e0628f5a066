package io.stratify.jobs.generate;

/** A value written as-is instead of from a typed value: how bad input gets into files. */
sealed interface RawValue {

  /** Text put in the column (CSV field, JSON string), e.g. "Production" or "yes". */
  record Text(String text) implements RawValue {}

  /** Written without quoting or escaping: a broken CSV field, or raw JSON such as an object. */
  record Verbatim(String text) implements RawValue {}

  /** Text encoded as ISO-8859-1 in a UTF-8 file, as a legacy export would write it. */
  record Latin1(String text) implements RawValue {}
}
