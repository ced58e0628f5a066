package io.stratify.common.stats;

/**
 * The {@code direction} of a metric's weekly trend (METRICS.md, {@code marts.org_trend}). Every
 * trended metric is lower-is-better, so a significant rise is a worsening.
 */
public enum TrendDirection {
  STABLE("stable"),
  WORSENING("worsening"),
  IMPROVING("improving");

  /** A slope is significant when its p-value is below this. */
  public static final double SIGNIFICANCE_LEVEL = 0.05;

  private final String label;

  TrendDirection(String label) {
    this.label = label;
  }

  /**
   * {@link #STABLE} if pValue is null or at least {@link #SIGNIFICANCE_LEVEL}; else {@link
   * #WORSENING} for a positive slope and {@link #IMPROVING} for a negative one.
   *
   * @param pValue the two-sided p-value of the slope, null when undefined (a flat series)
   * @param slope the fitted slope
   */
  public static TrendDirection of(Double pValue, double slope) {
    if (pValue == null || pValue >= SIGNIFICANCE_LEVEL || slope == 0) {
      return STABLE;
    }
    return slope > 0 ? WORSENING : IMPROVING;
  }

  /** The value of the {@code direction} column. */
  public String label() {
    return label;
  }
}
