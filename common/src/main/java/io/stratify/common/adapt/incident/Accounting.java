package io.stratify.common.adapt.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one conversion did with every record it read, per input file and dataset (ADAPTERS §2
 * principle 2, §5): {@code read = written + rejected + skipped + duplicates merged}, plus WARN
 * counts with their first examples. Rows written are counted separately, since one record may yield
 * several rows.
 */
public final class Accounting {

  /** Examples kept per WARN code (§5). */
  static final int WARN_EXAMPLES = 20;

  /** One rejected record: where it was, the vendor id, and every reason code. */
  public record Rejection(
      String file,
      String dataset,
      String position,
      String vendorId,
      List<String> reasons,
      String excerpt) {}

  /** The counts of one (input file, dataset). */
  public static final class Counts {
    long read;
    long written;
    long rejected;
    long duplicates;
    long rows;
    final Map<String, Long> skipped = new TreeMap<>();

    public long read() {
      return read;
    }

    public long written() {
      return written;
    }

    public long rejected() {
      return rejected;
    }

    public long duplicatesMerged() {
      return duplicates;
    }

    public long rowsWritten() {
      return rows;
    }

    /** Rule -> records skipped by it. */
    public Map<String, Long> skippedByRule() {
      return skipped;
    }

    public long skippedTotal() {
      return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The accounting identity of principle 2. */
    public boolean balanced() {
      return read == written + rejected + skippedTotal() + duplicates;
    }

    @Override
    public String toString() {
      return "read="
          + read
          + " written="
          + written
          + " rejected="
          + rejected
          + " skipped="
          + skipped
          + " duplicates="
          + duplicates
          + " rows="
          + rows;
    }
  }

  private final Map<String, Counts> counts = new TreeMap<>();
  private final Map<String, Long> warnings = new TreeMap<>();
  private final Map<String, List<String>> warningExamples = new TreeMap<>();
  private final List<Rejection> rejections = new ArrayList<>();

  /** The counts of (file, dataset), created empty on first use. */
  Counts of(String file, String dataset) {
    return counts.computeIfAbsent(file + "\u0000" + dataset, k -> new Counts());
  }

  void read(String file, String dataset) {
    of(file, dataset).read++;
  }

  void written(String file, String dataset, long rows) {
    Counts c = of(file, dataset);
    c.written++;
    c.rows += rows;
  }

  void skipped(String file, String dataset, String rule) {
    of(file, dataset).skipped.merge(rule, 1L, Long::sum);
  }

  void duplicate(String file, String dataset) {
    of(file, dataset).duplicates++;
  }

  void rejected(String file, String dataset, String position, String vendorId, List<String> why) {
    rejected(file, dataset, position, vendorId, why, null);
  }

  /** A rejected record; {@code excerpt} is already redacted (Redaction.excerpt) or null. */
  void rejected(
      String file,
      String dataset,
      String position,
      String vendorId,
      List<String> why,
      String excerpt) {
    of(file, dataset).rejected++;
    rejections.add(new Rejection(file, dataset, position, vendorId, List.copyOf(why), excerpt));
  }

  void warn(String code, String example) {
    warnings.merge(code, 1L, Long::sum);
    List<String> examples = warningExamples.computeIfAbsent(code, k -> new ArrayList<>());
    if (examples.size() < WARN_EXAMPLES) {
      examples.add(example);
    }
  }

  /**
   * The instant of a vendor timestamp, or null; a zone-less one is taken as UTC with WARN {@code
   * assumed_utc} (naming {@code where}, unless null).
   */
  java.time.Instant instant(String text, String where) {
    VendorTime.Parsed p = VendorTime.parse(text);
    if (p == null) {
      return null;
    }
    if (p.assumedUtc() && where != null) {
      warn("assumed_utc", where + " " + text);
    }
    return p.instant();
  }

  /** Counts per (file, dataset), keyed {@code file + '\0' + dataset}, sorted. */
  public Map<String, Counts> counts() {
    return counts;
  }

  /** The counts of one dataset summed over its files. */
  public Counts total(String dataset) {
    Counts sum = new Counts();
    counts.forEach(
        (k, c) -> {
          if (k.endsWith("\u0000" + dataset)) {
            sum.read += c.read;
            sum.written += c.written;
            sum.rejected += c.rejected;
            sum.duplicates += c.duplicates;
            sum.rows += c.rows;
            c.skipped.forEach((rule, n) -> sum.skipped.merge(rule, n, Long::sum));
          }
        });
    return sum;
  }

  /** WARN code -> count. */
  public Map<String, Long> warnings() {
    return warnings;
  }

  /** WARN code -> its first {@value #WARN_EXAMPLES} examples. */
  public Map<String, List<String>> warningExamples() {
    return warningExamples;
  }

  public List<Rejection> rejections() {
    return rejections;
  }
}
