package io.stratify.common.stats;

/** Argument checks shared by the statistics of this package; messages follow "Cannot X: why". */
final class Inputs {

  private Inputs() {}

  static void requireFinite(double[] values, String name, String action) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            String.format("Cannot %s: %s[%d] is %s", action, name, i, values[i]));
      }
    }
  }

  static void requireSameLength(double[] x, double[] y, String action) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          String.format(
              "Cannot %s: the arrays differ in length (%d and %d)", action, x.length, y.length));
    }
  }

  /**
   * Checks paired samples: the same length, every value finite, and at least {@code min} pairs
   * ({@code unit} names them in the message). Returns the number of pairs.
   */
  static int requirePairs(double[] x, double[] y, String action, int min, String unit) {
    requireSameLength(x, y, action);
    requireFinite(x, "x", action);
    requireFinite(y, "y", action);
    if (x.length < min) {
      throw new IllegalArgumentException(
          String.format("Cannot %s: needs at least %d %s, got %d", action, min, unit, x.length));
    }
    return x.length;
  }

  static boolean allEqual(double[] values) {
    for (double v : values) {
      if (v != values[0]) {
        return false;
      }
    }
    return true;
  }
}
