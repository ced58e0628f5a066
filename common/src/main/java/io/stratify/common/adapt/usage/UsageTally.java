package io.stratify.common.adapt.usage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one usage or cost feed did with every record it read (ADAPTERS.md §5): records read =
 * written + rejected + skipped by rule + duplicates merged. Rejections carry their cost so the
 * report can say how much money was left out and why.
 */
public final class UsageTally {
  /** At most this many examples are kept per WARN code (§5). */
  static final int EXAMPLES_PER_WARNING = 20;

  /**
   * One rejected record, or one rejected aggregate of several records.
   *
   * @param file input file, relative to the feed
   * @param position line or JSON pointer of the (first) record
   * @param vendorId the vendor's id or key of the record, never free text
   * @param reasons REJECT codes
   * @param records how many input records this rejection covers
   * @param costUsd their summed cost as the vendor stated it, null when unknown
   */
  public record Rejection(
      String file,
      String position,
      String vendorId,
      List<String> reasons,
      long records,
      BigDecimal costUsd) {}

  long read;
  long written;
  long duplicatesMerged;
  long rowsWritten;
  final Map<String, Long> skipped = new TreeMap<>();
  final Map<String, Long> warnings = new TreeMap<>();
  final Map<String, List<String>> warningExamples = new TreeMap<>();
  final Map<String, Long> defaultsUsed = new TreeMap<>();
  final List<Rejection> rejections = new ArrayList<>();

  void skip(String rule) {
    skipped.merge(rule, 1L, Long::sum);
  }

  void warn(String code, String example) {
    warnings.merge(code, 1L, Long::sum);
    List<String> examples = warningExamples.computeIfAbsent(code, c -> new ArrayList<>());
    if (examples.size() < EXAMPLES_PER_WARNING) {
      examples.add(example);
    }
  }

  void defaultUsed(String column, long rows) {
    defaultsUsed.merge(column, rows, Long::sum);
    warnings.merge("default_used:" + column, rows, Long::sum);
  }

  void reject(Rejection rejection) {
    rejections.add(rejection);
  }

  public long read() {
    return read;
  }

  public long written() {
    return written;
  }

  public long rowsWritten() {
    return rowsWritten;
  }

  public long duplicatesMerged() {
    return duplicatesMerged;
  }

  /** Records rejected, counting each record of a rejected aggregate. */
  public long rejected() {
    return rejections.stream().mapToLong(Rejection::records).sum();
  }

  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<String, Long> skipped() {
    return Collections.unmodifiableMap(skipped);
  }

  public Map<String, Long> warnings() {
    return Collections.unmodifiableMap(warnings);
  }

  public Map<String, List<String>> warningExamples() {
    return Collections.unmodifiableMap(warningExamples);
  }

  public Map<String, Long> defaultsUsed() {
    return Collections.unmodifiableMap(defaultsUsed);
  }

  public List<Rejection> rejections() {
    return Collections.unmodifiableList(rejections);
  }

  /** Summed cost of the rejections carrying a reason, for the report's totals. */
  public BigDecimal rejectedCost(String reason) {
    return rejections.stream()
        .filter(r -> r.reasons().contains(reason) && r.costUsd() != null)
        .map(Rejection::costUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The accounting identity of ADAPTERS.md §2. */
  public boolean balanced() {
    return read == written + rejected() + skippedTotal() + duplicatesMerged;
  }
}
