package io.stratify.jobs.review;

import io.stratify.jobs.review.OperatingReview.Trend;

/**
 * One-line readings of the review's statistical figures in an executive's words (issue 15, defect
 * 6): the Gini coefficient, a trend's p-value and R², a percentile, the supportability ratio, a
 * budget's pace. Each reading names the figure it comes from, so the statistical detail stays on
 * the page beside it.
 */
final class PlainWords {

  /** The significance level of org_trend's direction (METRICS.md). */
  static final double SIGNIFICANT_P = 0.05;

  private PlainWords() {}

  /**
   * A trend's direction and fit: {@code Rising steadily: too regular to be chance (p = 0.012); the
   * line explains 93% of the week-to-week movement (R² 0.93).}
   *
   * @param risingIsBad whether a rise is bad news (true for every metric the review trends)
   */
  static String trend(Trend t, boolean risingIsBad) {
    if (t.pValue() == null) {
      return "Flat: the same value every week of the window.";
    }
    String p = t.pValue() < 0.001 ? "p < 0.001" : "p = " + Figures.decimals(t.pValue(), 3);
    String fit =
        t.rSquared() == null
            ? ""
            : "; the line explains "
                + Figures.percent(t.rSquared())
                + " of the week-to-week movement (R\u00b2 "
                + Figures.ratio(t.rSquared())
                + ")";
    if (t.pValue() >= SIGNIFICANT_P) {
      return "No clear trend: the ups and downs are within normal week-to-week variation ("
          + p
          + ")"
          + fit
          + ".";
    }
    String way = t.slopePerWeek() > 0 ? "Rising" : "Falling";
    String news = (t.slopePerWeek() > 0) == risingIsBad ? "getting worse" : "getting better";
    return way + " steadily, " + news + ": too regular to be chance (" + p + ")" + fit + ".";
  }

  /**
   * The Gini coefficient of incident load, by the busiest team's share: {@code Incidents fall
   * mostly on a few teams: the busiest took 62% of those of the last 4 weeks.}
   */
  static String gini(Double gini, Double topTeamShare) {
    if (gini == null) {
      return "";
    }
    String spread =
        gini < 0.2
            ? "Incidents are spread fairly evenly over the owning teams"
            : gini < 0.4
                ? "Incidents fall somewhat unevenly on the owning teams"
                : "Incidents fall mostly on a few teams";
    return topTeamShare == null
        ? spread + "."
        : spread
            + ": the busiest took "
            + Figures.percent(topTeamShare)
            + " of those of the last 4 weeks.";
  }

  /**
   * A percentile among peers (100 x the share of the other participants with a worse value): {@code
   * ahead of 70% of peers}.
   */
  static String percentile(Double percentile) {
    if (percentile == null) {
      return "";
    }
    if (percentile >= 100) {
      return "best among peers";
    }
    if (percentile <= 0) {
      return "behind every peer";
    }
    return "ahead of " + Figures.percentile(percentile) + "% of peers";
  }

  /**
   * The supportability ratio as a share of capacity: {@code deployed AI needs 93% of what the
   * on-call rotation can carry}.
   */
  static String ratio(Double ratio) {
    if (ratio == null) {
      return "";
    }
    String base = "deployed AI needs " + Figures.percent(ratio) + " of what on-call can carry";
    return ratio > 1
        ? base + ": " + Figures.percent(ratio - 1) + " more than it can support"
        : base;
  }

  /** A budget's burn ratio: {@code spending 1.35× as fast as the budget allows}. */
  static String pace(Double burnRatio) {
    if (burnRatio == null) {
      return "";
    }
    return burnRatio > 1
        ? "spending " + Figures.ratio(burnRatio) + "\u00d7 as fast as the budget allows"
        : "spending within the budget's pace";
  }
}
