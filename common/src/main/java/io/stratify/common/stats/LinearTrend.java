package io.stratify.common.stats;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * An ordinary least squares line y = intercept + slope x with its two-sided t-test of slope = 0
 * (METRICS.md, {@code marts.org_trend}), as {@code scipy.stats.linregress} computes it.
 *
 * <p>Nulls: when every y is equal the line is flat by definition (slope 0, intercept that y) and
 * {@code rSquared}, {@code pValue} and the interval are null. When the points lie exactly on a
 * sloped line the residual variance is 0: {@code rSquared} 1, {@code pValue} 0 and the interval
 * collapses to the slope. No field is ever NaN.
 *
 * @param n number of points
 * @param slope change of y per unit of x (per week in the trend mart)
 * @param intercept fitted y at x = 0
 * @param rSquared coefficient of determination, in [0, 1]; null for a flat series
 * @param pValue two-sided p of slope = 0 with n - 2 degrees of freedom; null for a flat series
 * @param slopeCi95Low lower end of the 95% interval of the slope (t quantile 0.975, n - 2 df)
 * @param slopeCi95High upper end of that interval
 */
public record LinearTrend(
    int n,
    double slope,
    double intercept,
    Double rSquared,
    Double pValue,
    Double slopeCi95Low,
    Double slopeCi95High) {

  /** The fewest points with a residual degree of freedom, which the t-test needs. */
  public static final int MIN_POINTS = 3;

  /**
   * Residual sums of squares at most this share of the total are the rounding noise of points that
   * lie on a line (each residual is ~1e-16 of y): the fit is exact. A t statistic built on that
   * noise would be noise too, so exact fits report p = 0 as the definition asks.
   */
  private static final double EXACT_FIT_SHARE = 1e-20;

  /**
   * Fits y against x.
   *
   * @param x the abscissae, not all equal
   * @param y one ordinate per x
   * @throws IllegalArgumentException with fewer than {@link #MIN_POINTS} points, arrays of
   *     different lengths, all x equal, or a number that is not finite
   */
  public static LinearTrend fit(double[] x, double[] y) {
    String action = "fit a linear trend";
    int n = Inputs.requirePairs(x, y, action, MIN_POINTS, "points");
    if (Inputs.allEqual(x)) {
      throw new IllegalArgumentException(
          "Cannot " + action + ": every x is " + x[0] + ", so the slope is undefined");
    }
    if (Inputs.allEqual(y)) {
      return new LinearTrend(n, 0.0, y[0], null, null, null, null);
    }

    SimpleRegression regression = new SimpleRegression();
    for (int i = 0; i < n; i++) {
      regression.addData(x[i], y[i]);
    }
    double slope = regression.getSlope();
    double intercept = regression.getIntercept();
    // Residuals summed directly: SimpleRegression's SSE = SST - SSR cancels catastrophically
    // exactly where it matters here, for (near-)exact fits.
    double sse = 0;
    for (int i = 0; i < n; i++) {
      double residual = y[i] - (intercept + slope * x[i]);
      sse += residual * residual;
    }
    if (sse <= EXACT_FIT_SHARE * regression.getTotalSumSquares()) {
      return new LinearTrend(n, slope, intercept, 1.0, 0.0, slope, slope);
    }
    int df = n - 2;
    double slopeStdErr = Math.sqrt(sse / df / regression.getXSumSquares());
    double pValue = StudentT.twoSidedPValue(slope / slopeStdErr, df);
    double halfWidth = StudentT.quantile975(df) * slopeStdErr;
    // SSR / SST can round above 1; scipy clips r to [-1, 1] likewise
    double rSquared = Math.min(1.0, regression.getRSquare());
    return new LinearTrend(
        n, slope, intercept, rSquared, pValue, slope - halfWidth, slope + halfWidth);
  }

  /** The fitted value intercept + slope x. */
  public double fittedAt(double x) {
    return intercept + slope * x;
  }

  /** The direction of this trend: see {@link TrendDirection#of}. */
  public TrendDirection direction() {
    return TrendDirection.of(pValue, slope);
  }
}
