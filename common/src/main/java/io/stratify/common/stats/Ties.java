package io.stratify.common.stats;

/**
 * The tie rule of METRICS.md v1.2: two values that differ by no more than 1e-9 x max(1, |value|)
 * are equal, so that floating-point noise from different summation orders cannot rank two orgs
 * apart or put a value on the other side of a threshold. Every ranking and every threshold
 * comparison of a metric goes through here.
 */
public final class Ties {

  /** The relative tolerance of METRICS.md v1.2. */
  public static final double RELATIVE_TOLERANCE = 1e-9;

  private Ties() {}

  /** Whether a and b are tied: |a - b| <= 1e-9 x max(1, |a|, |b|). */
  public static boolean tied(double a, double b) {
    double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    return Math.abs(a - b) <= RELATIVE_TOLERANCE * scale;
  }

  /** a > b, and not tied with it. */
  public static boolean above(double a, double b) {
    return a > b && !tied(a, b);
  }

  /** a >= b, or tied with it. */
  public static boolean atLeast(double a, double b) {
    return a >= b || tied(a, b);
  }

  /** a <= b, or tied with it. */
  public static boolean atMost(double a, double b) {
    return a <= b || tied(a, b);
  }
}
