package io.stratify.jobs.review;

import java.math.BigDecimal;
import java.util.Locale;

/** How the review writes numbers: fixed decimals, US grouping, units spelled out; null is "n/a". */
final class Figures {

  static final String NONE = "n/a";

  private Figures() {}

  /** Two decimals: a ratio, points per week. */
  static String ratio(Double value) {
    return value == null ? NONE : String.format(Locale.ROOT, "%.2f", value);
  }

  static String decimals(Double value, int places) {
    return value == null ? NONE : String.format(Locale.ROOT, "%." + places + "f", value);
  }

  /** A share as a whole percentage: 0.25 -> {@code 25%}. */
  static String percent(Double share) {
    return share == null ? NONE : String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }

  /** US dollars: whole dollars with grouping from $100 up, cents below. */
  static String usd(Double value) {
    if (value == null) {
      return NONE;
    }
    return Math.abs(value) >= 100
        ? String.format(Locale.US, "$%,.0f", value)
        : String.format(Locale.US, "$%,.2f", value);
  }

  static String usd(BigDecimal value) {
    return value == null ? NONE : usd(value.doubleValue());
  }

  /** A whole count with grouping. */
  static String count(long value) {
    return String.format(Locale.US, "%,d", value);
  }

  /** A percentile rank 0..100. */
  static String percentile(Double value) {
    return value == null ? NONE : String.format(Locale.ROOT, "%.0f", value);
  }

  /** {@code 1 deployment}, {@code 2 deployments}. */
  static String plural(long n, String singular, String plural) {
    return count(n) + " " + (n == 1 ? singular : plural);
  }

  /** A setting's value without a trailing {@code .0}: 6, 0.8. */
  static String setting(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
