package io.stratify.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpearmanTest {

  @Test
  void tiesShareTheirAverageRank() {
    double[] signal = {2, 4, 4, 1, 7, 5, 5, 5, 9, 8};
    double[] sev12 = {1, 3, 2, 0, 3, 6, 2, 4, 7, 5};
    // ranks of signal: 2, 3.5, 3.5, 1, 8, 6, 6, 6, 10, 9    (4,4 share 3 and 4; 5,5,5 share 5..7)
    // ranks of sev12:  2, 5.5, 3.5, 1, 5.5, 9, 3.5, 7, 10, 8 (2,2 share 3 and 4; 3,3 share 5 and 6)
    // around the mean rank 5.5: Sxy = 67, Sxx = 80, Syy = 81.5, rho = 67 / sqrt(80 * 81.5)
    Spearman result = Spearman.correlate(signal, sev12).orElseThrow();
    assertThat(result.n()).isEqualTo(10);
    assertThat(result.rho()).isCloseTo(67 / Math.sqrt(6520), within(1e-14));
    // t = 4.20498871386150 on 8 df; p from the closed-form t series (see StudentTTest)
    assertThat(result.pValue()).isCloseTo(0.00297616345414392, withinPercentage(1e-8));
  }

  @Test
  void agreesWithPearsonOfNaivelyAveragedRanks() {
    Random random = new Random(8);
    for (int trial = 0; trial < 50; trial++) {
      int n = 10 + random.nextInt(30);
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = random.nextInt(6);
        y[i] = x[i] + random.nextInt(4);
      }
      if (Inputs.allEqual(x) || Inputs.allEqual(y)) {
        continue;
      }
      assertThat(Spearman.correlate(x, y).orElseThrow().rho())
          .as("rho of %s / %s", Arrays.toString(x), Arrays.toString(y))
          .isCloseTo(pearson(naiveRanks(x), naiveRanks(y)), within(1e-12));
    }
  }

  @Test
  void monotoneRelationsArePerfect() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] cubes = Arrays.stream(x).map(v -> v * v * v).toArray();
    double[] falling = Arrays.stream(x).map(v -> 100 - Math.sqrt(v)).toArray();

    Spearman rising = Spearman.correlate(x, cubes).orElseThrow();
    assertThat(rising.rho()).as("nonlinear but monotone").isEqualTo(1.0);
    assertThat(rising.pValue()).as("|rho| = 1").isEqualTo(0.0);

    Spearman mirrored = Spearman.correlate(x, falling).orElseThrow();
    assertThat(mirrored.rho()).isEqualTo(-1.0);
    assertThat(mirrored.pValue()).isEqualTo(0.0);
  }

  @Test
  void noAssociationHasPValueOne() {
    // ranks 1..4 against 1.5, 3.5, 3.5, 1.5: centred, (-1.5)(-1) + (-0.5)(1) + (0.5)(1) + (1.5)(-1)
    Spearman result =
        Spearman.correlate(new double[] {1, 2, 3, 4}, new double[] {1, 4, 4, 1}).orElseThrow();
    assertThat(result.rho()).isCloseTo(0.0, within(1e-15));
    assertThat(result.pValue()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void aConstantSideHasNoCorrelation() {
    double[] signal = {0.1, 0.4, 0.2, 0.3, 0.5, 0.9, 0.7, 0.6, 0.8, 1.0};
    double[] noSev12 = new double[10];
    assertThat(Spearman.correlate(signal, noSev12)).as("every sev12 count is 0").isEmpty();
    assertThat(Spearman.correlate(noSev12, signal)).as("constant signal").isEmpty();
  }

  @Test
  void minimumPairsIsTheCallersRule() {
    assertThat(Spearman.MIN_PAIRS).isEqualTo(10);
    assertThat(Spearman.correlate(new double[] {1, 2, 3}, new double[] {1, 3, 2}))
        .as("3 pairs are computable; the mart drops them")
        .isPresent();
  }

  @Test
  void refusesTooFewOrUnpairedValues() {
    assertThatThrownBy(() -> Spearman.correlate(new double[] {1, 2}, new double[] {2, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute a Spearman correlation: needs at least 3 pairs, got 2");
    assertThatThrownBy(() -> Spearman.correlate(new double[] {1, 2, 3}, new double[] {2, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute a Spearman correlation: the arrays differ in length (3 and 2)");
  }

  /** 1 + the number of smaller values + half the number of other equal values. */
  private static double[] naiveRanks(double[] v) {
    double[] ranks = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      int smaller = 0;
      int equal = 0;
      for (double other : v) {
        smaller += other < v[i] ? 1 : 0;
        equal += other == v[i] ? 1 : 0;
      }
      ranks[i] = smaller + (equal + 1) / 2.0;
    }
    return ranks;
  }

  private static double pearson(double[] a, double[] b) {
    double meanA = Arrays.stream(a).average().orElseThrow();
    double meanB = Arrays.stream(b).average().orElseThrow();
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - meanA) * (b[i] - meanB);
      saa += (a[i] - meanA) * (a[i] - meanA);
      sbb += (b[i] - meanB) * (b[i] - meanB);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
