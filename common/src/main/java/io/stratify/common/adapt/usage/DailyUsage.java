package io.stratify.common.adapt.usage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates the calls or charges of one {@link UsageKey}: counts add up, cost is an exact decimal
 * sum, latencies are kept (as nanoseconds) so the p95 is exact, and the records folded in are kept
 * per input file (with the first one's position) for the accounting.
 */
final class DailyUsage {
  private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000);
  private static final BigDecimal P95 = new BigDecimal("0.95");

  final UsageKey key;
  String provider;
  String tier;
  Long requests;
  Long inputTokens;
  Long outputTokens;
  Long errors;
  BigDecimal cost;

  /** Input file to the records folded in from it. */
  final Map<String, Long> records = new TreeMap<>();

  /**
   * Input file to the position of its first record folded in, in reading order (the usage side of a
   * merge first): the row is counted on the first file.
   */
  final Map<String, String> positions = new LinkedHashMap<>();

  private long[] latencies = new long[0];
  private int latencyCount;

  DailyUsage(UsageKey key) {
    this.key = key;
  }

  /** One vendor record folded into this key. */
  void record(String file, String position) {
    records.merge(file, 1L, Long::sum);
    touch(file, position);
  }

  /** A share of a record counted on another key (a spread charge's later days). */
  void touch(String file, String position) {
    positions.putIfAbsent(file, position);
  }

  /** Takes the cost (and the records) of the cost_from side of a merge. */
  void absorbCost(DailyUsage costSide) {
    cost = costSide.cost;
    costSide.records.forEach((f, n) -> records.merge(f, n, Long::sum));
    costSide.positions.forEach(positions::putIfAbsent);
  }

  static Long plus(Long sum, Long value) {
    if (value == null) {
      return sum;
    }
    return sum == null ? value : sum + value;
  }

  void addRequests(long n) {
    requests = plus(requests, n);
  }

  void addInputTokens(Long n) {
    inputTokens = plus(inputTokens, n);
  }

  void addOutputTokens(Long n) {
    outputTokens = plus(outputTokens, n);
  }

  void addErrors(long n) {
    errors = plus(errors, n);
  }

  void addCost(BigDecimal amount) {
    if (amount != null) {
      cost = cost == null ? amount : cost.add(amount);
    }
  }

  void addLatencyNanos(long nanos) {
    if (latencyCount == latencies.length) {
      latencies = Arrays.copyOf(latencies, Math.max(8, latencyCount * 2));
    }
    latencies[latencyCount++] = nanos;
  }

  /**
   * Exact p95 in milliseconds, linear interpolation between closest ranks (METRICS.md, as Spark's
   * {@code percentile}): for one call, that call's latency.
   */
  BigDecimal latencyP95Ms() {
    if (latencyCount == 0) {
      return null;
    }
    long[] sorted = Arrays.copyOf(latencies, latencyCount);
    Arrays.sort(sorted);
    BigDecimal rank = P95.multiply(BigDecimal.valueOf(latencyCount - 1L));
    int low = rank.intValue();
    BigDecimal fraction = rank.subtract(BigDecimal.valueOf(low));
    BigDecimal value = BigDecimal.valueOf(sorted[low]);
    if (low + 1 < latencyCount && fraction.signum() > 0) {
      value = value.add(fraction.multiply(BigDecimal.valueOf(sorted[low + 1] - sorted[low])));
    }
    return value
        .divide(NANOS_PER_MILLI, MathContext.DECIMAL128)
        .setScale(6, RoundingMode.HALF_UP)
        .stripTrailingZeros();
  }
}
