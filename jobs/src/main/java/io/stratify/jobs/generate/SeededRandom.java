package io.stratify.jobs.generate;

import java.util.List;
import java.util.Random;

/**
 * The generator's only source of randomness. {@link Random}'s algorithm is fixed by its
 * specification and {@link StrictMath} gives the same bits on every JVM, so a seed gives the same
 * numbers everywhere. Each part of the simulation draws from its own named stream, so that changing
 * how one part draws does not reshuffle the others.
 */
final class SeededRandom {

  private final long seed;
  private final Random random;

  private SeededRandom(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  static SeededRandom of(long seed, String stream) {
    return new SeededRandom(mix(seed ^ mix(stream.hashCode() * 0x9E3779B97F4A7C15L)));
  }

  /** An independent stream derived from this one's seed and a name. */
  SeededRandom fork(String stream) {
    return of(seed, stream);
  }

  /** SplitMix64's finaliser: spreads nearby seeds far apart. */
  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  double uniform() {
    return random.nextDouble();
  }

  double uniform(double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  /** An int in [low, high], both inclusive. */
  int between(int low, int high) {
    return low + random.nextInt(high - low + 1);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  double normal() {
    return random.nextGaussian();
  }

  /** A log-normal draw with the given median and log-space standard deviation. */
  double logNormal(double median, double sigma) {
    return median * StrictMath.exp(sigma * random.nextGaussian());
  }

  /** A Poisson draw (Knuth for small means, a rounded normal for large ones). */
  int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return Math.max(0, (int) StrictMath.round(mean + StrictMath.sqrt(mean) * normal()));
    }
    double limit = StrictMath.exp(-mean);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** An index drawn with probability proportional to its weight. */
  int weighted(double... weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Lower-case hex digits, for vendor-style ids. */
  String hex(int digits) {
    StringBuilder s = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      s.append(Character.forDigit(random.nextInt(16), 16));
    }
    return s.toString();
  }

  <T> void shuffle(List<T> items) {
    for (int i = items.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = items.get(i);
      items.set(i, items.get(j));
      items.set(j, t);
    }
  }
}
