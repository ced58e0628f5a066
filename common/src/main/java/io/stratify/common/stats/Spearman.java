package io.stratify.common.stats;

import java.util.Optional;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Spearman's rank correlation with its two-sided test (METRICS.md, {@code marts.signal_lead_time}),
 * as {@code scipy.stats.spearmanr} computes it: rho is the Pearson correlation of the ranks, tied
 * values sharing their average rank; the p-value is that of t = rho sqrt((n - 2) / (1 - rho^2))
 * with n - 2 degrees of freedom, and 0 when |rho| = 1.
 *
 * @param n number of pairs
 * @param rho the rank correlation, in [-1, 1]
 * @param pValue two-sided p of rho = 0, in [0, 1]
 */
public record Spearman(int n, double rho, double pValue) {

  /** The fewest pairs the lead-time mart reports a correlation for; the caller applies it. */
  public static final int MIN_PAIRS = 10;

  /** The fewest pairs with a degree of freedom for the t-test. */
  public static final int MIN_TESTABLE_PAIRS = 3;

  private static final NaturalRanking AVERAGE_RANKS =
      new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

  /**
   * Correlates x with y, pair by pair.
   *
   * @param x e.g. a strain signal of (org, week)
   * @param y e.g. sev12_incidents of (org, week + lag), in the same pair order
   * @return the correlation, or empty when every x or every y is equal (rho is undefined)
   * @throws IllegalArgumentException with fewer than {@link #MIN_TESTABLE_PAIRS} pairs, arrays of
   *     different lengths, or a number that is not finite
   */
  public static Optional<Spearman> correlate(double[] x, double[] y) {
    String action = "compute a Spearman correlation";
    int n = Inputs.requirePairs(x, y, action, MIN_TESTABLE_PAIRS, "pairs");
    if (Inputs.allEqual(x) || Inputs.allEqual(y)) {
      return Optional.empty();
    }
    double[] rankX = AVERAGE_RANKS.rank(x);
    double[] rankY = AVERAGE_RANKS.rank(y);
    double rho = perfectRho(rankX, rankY);
    if (rho != 0) {
      return Optional.of(new Spearman(n, rho, 0.0));
    }
    rho = Math.max(-1.0, Math.min(1.0, new PearsonsCorrelation().correlation(rankX, rankY)));
    double t = rho * Math.sqrt((n - 2) / ((1 + rho) * (1 - rho)));
    return Optional.of(new Spearman(n, rho, StudentT.twoSidedPValue(t, n - 2)));
  }

  /**
   * 1 or -1 when the ranks agree or mirror each other exactly, else 0. Ranks are half-integers, so
   * this is exact where the Pearson formula could land an ulp short of 1 and report a tiny p.
   */
  private static double perfectRho(double[] rankX, double[] rankY) {
    int n = rankX.length;
    boolean same = true;
    boolean mirrored = true;
    for (int i = 0; i < n; i++) {
      same &= rankX[i] == rankY[i];
      mirrored &= rankX[i] == n + 1 - rankY[i];
    }
    return same ? 1.0 : mirrored ? -1.0 : 0.0;
  }
}
