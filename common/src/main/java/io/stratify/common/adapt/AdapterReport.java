package io.stratify.common.adapt;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run report of ADAPTERS.md section 5: per input file and dataset the accounting identity,
 * every rejected record (redacted excerpt), WARN counts with the first 20 examples and defaulted
 * columns.
 */
public final class AdapterReport {
  /** Counts for one (input file, dataset). */
  public static final class Account {
    final String file;
    final String dataset;
    long read;
    long written;
    long rejected;
    long merged;
    long rows;
    final Map<String, Long> skipped = new TreeMap<>();

    Account(String file, String dataset) {
      this.file = file;
      this.dataset = dataset;
    }

    /** One record read from the vendor file. */
    public Account read() {
      read++;
      return this;
    }

    /** A record converted (it may yield several rows: count those with {@link #rows}). */
    public Account written() {
      written++;
      return this;
    }

    public Account rows(long n) {
      rows += n;
      return this;
    }

    public Account skipped(String rule) {
      skipped.merge(rule, 1L, Long::sum);
      return this;
    }

    public Account merged() {
      merged++;
      return this;
    }

    public long skippedTotal() {
      return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code read = written + rejected + skipped + merged}. */
    public boolean balanced() {
      return read == written + rejected + skippedTotal() + merged;
    }

    public long recordsRead() {
      return read;
    }

    public long recordsWritten() {
      return written;
    }

    public long recordsRejected() {
      return rejected;
    }

    public long duplicatesMerged() {
      return merged;
    }

    public long rowsWritten() {
      return rows;
    }

    public Map<String, Long> skippedByRule() {
      return skipped;
    }

    public String file() {
      return file;
    }

    public String dataset() {
      return dataset;
    }
  }

  /** One rejected record. */
  public record Reject(
      String file,
      String dataset,
      String position,
      String vendorId,
      List<String> codes,
      String excerpt,
      long records) {}

  private static final int EXAMPLES = 20;

  private final String format;
  private final String orgLabel;
  private final String dt;
  private final Map<String, Account> accounts = new TreeMap<>();
  private final List<Reject> rejects = new ArrayList<>();
  private final Map<String, Long> warnCounts = new TreeMap<>();
  private final Map<String, List<String>> warnExamples = new TreeMap<>();
  private final Map<String, Long> defaulted = new TreeMap<>();
  private final Map<String, BigDecimal> rejectedCost = new TreeMap<>();
  private final java.util.Set<String> derivedOrgs = new java.util.TreeSet<>();
  private String configFile;
  private String configHash;
  private Instant started = Instant.now();
  private Instant finished;
  private int exitCode;
  private String reason = "";

  public AdapterReport(String format, String orgLabel, String dt) {
    this.format = format;
    this.orgLabel = orgLabel;
    this.dt = dt;
  }

  /** The account of one input file (relative name) and dataset folder. */
  public Account account(String file, String dataset) {
    return accounts.computeIfAbsent(file + "\u0000" + dataset, k -> new Account(file, dataset));
  }

  /** Rejects a record: counted in its account and listed with every reason. */
  public void reject(
      Account account, String position, String vendorId, List<String> codes, String excerpt) {
    reject(account, 1, position, vendorId, codes, excerpt);
  }

  /**
   * A file that cannot be parsed at all: one record of {@code dataset} read and REJECT {@code
   * unparseable} at {@code position}, the parser's reason as its excerpt.
   */
  public void unparseable(String file, String dataset, String position, String why) {
    reject(account(file, dataset).read(), position, null, List.of("unparseable"), why);
  }

  /**
   * Rejects {@code records} records of one file at once, listed as one entry: an aggregating
   * adapter rejects a whole aggregate (e.g. FOCUS {@code negative_net_cost}) this way.
   */
  public void reject(
      Account account,
      long records,
      String position,
      String vendorId,
      List<String> codes,
      String excerpt) {
    account.rejected += records;
    rejects.add(
        new Reject(account.file, account.dataset, position, vendorId, codes, excerpt, records));
  }

  /**
   * Adds the cost of rejected records to the report's {@code rejected_cost_usd} sum of {@code
   * code}, so a bill's left-out money is visible with its reason (ADAPTERS.md section 9).
   */
  public void rejectedCost(String code, BigDecimal usd) {
    if (usd != null) {
      rejectedCost.merge(code, usd, BigDecimal::add);
    }
  }

  /** Reject code to the summed cost of its rejected records (cost formats only). */
  public Map<String, BigDecimal> rejectedCostUsd() {
    return rejectedCost;
  }

  /** A WARN: counted, the first 20 examples kept. */
  public void warn(String code, String example) {
    warnCounts.merge(code, 1L, Long::sum);
    List<String> ex = warnExamples.computeIfAbsent(code, k -> new ArrayList<>());
    if (ex.size() < EXAMPLES) {
      ex.add(example);
    }
  }

  /** A row took {@code defaults:} for {@code dataset.column}: counted and WARN default_used. */
  public void defaulted(String dataset, String column, String example) {
    defaulted.merge(dataset + "." + column, 1L, Long::sum);
    warn("default_used:" + column, example);
  }

  public void derivedOrg(String org) {
    derivedOrgs.add(org);
  }

  void config(String file, String hash) {
    this.configFile = file;
    this.configHash = hash;
  }

  void started(Instant t) {
    started = t;
  }

  void finish(int exitCode, String reason) {
    this.exitCode = exitCode;
    this.reason = reason == null ? "" : reason;
    this.finished = Instant.now();
  }

  public List<Account> accounts() {
    return List.copyOf(accounts.values());
  }

  public List<Reject> rejects() {
    return List.copyOf(rejects);
  }

  public Map<String, Long> warnings() {
    return warnCounts;
  }

  public Map<String, Long> defaultedColumns() {
    return defaulted;
  }

  public int exitCode() {
    return exitCode;
  }

  public String reason() {
    return reason;
  }

  public String format() {
    return format;
  }

  public String orgLabel() {
    return orgLabel;
  }

  public String dt() {
    return dt;
  }

  public Instant finishedAt() {
    return finished;
  }

  /** Accounts whose identity does not hold (a bug in the adapter: the run exits 1). */
  public List<Account> unbalanced() {
    return accounts.values().stream().filter(a -> !a.balanced()).toList();
  }

  /** Writes the report as JSON (via a temporary file beside it). */
  public void write(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp);
        JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      g.writeStartObject();
      g.writeStringField("format", format);
      g.writeStringField("org", orgLabel);
      g.writeArrayFieldStart("derived_orgs");
      for (String o : derivedOrgs) {
        g.writeString(o);
      }
      g.writeEndArray();
      g.writeStringField("dt", dt);
      g.writeStringField("config_file", configFile);
      g.writeStringField("config_sha256", configHash);
      g.writeStringField("started_at", OutputValues.timestamp(started));
      g.writeStringField(
          "finished_at", OutputValues.timestamp(finished == null ? Instant.now() : finished));
      g.writeNumberField("exit_code", exitCode);
      g.writeStringField("reason", reason);
      g.writeArrayFieldStart("files");
      for (Account a : accounts.values()) {
        g.writeStartObject();
        g.writeStringField("input_file", a.file);
        g.writeStringField("dataset", a.dataset);
        g.writeNumberField("records_read", a.read);
        g.writeNumberField("records_written", a.written);
        g.writeNumberField("records_rejected", a.rejected);
        g.writeNumberField("records_skipped", a.skippedTotal());
        g.writeObjectFieldStart("skipped_by_rule");
        for (Map.Entry<String, Long> e : a.skipped.entrySet()) {
          g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("duplicates_merged", a.merged);
        g.writeNumberField("rows_written", a.rows);
        g.writeBooleanField("balanced", a.balanced());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("rejects");
      for (Reject r : rejects) {
        g.writeStartObject();
        g.writeStringField("input_file", r.file());
        g.writeStringField("dataset", r.dataset());
        g.writeStringField("position", r.position());
        g.writeStringField("vendor_id", r.vendorId());
        g.writeArrayFieldStart("codes");
        for (String c : r.codes()) {
          g.writeString(c);
        }
        g.writeEndArray();
        g.writeStringField("excerpt", r.excerpt());
        if (r.records() != 1) {
          g.writeNumberField("records", r.records());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("warnings");
      for (Map.Entry<String, Long> e : warnCounts.entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        g.writeNumberField("count", e.getValue());
        g.writeArrayFieldStart("examples");
        for (String x : warnExamples.get(e.getKey())) {
          g.writeString(x);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndObject();
      if (!rejectedCost.isEmpty()) {
        g.writeObjectFieldStart("rejected_cost_usd");
        for (Map.Entry<String, BigDecimal> e : rejectedCost.entrySet()) {
          g.writeFieldName(e.getKey());
          g.writeNumber(e.getValue().toPlainString());
        }
        g.writeEndObject();
      }
      g.writeObjectFieldStart("defaulted_rows");
      for (Map.Entry<String, Long> e : defaulted.entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
      g.writeRaw('\n');
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The printed summary: one line per input file and dataset, then WARN counts. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "adapt %s org=%s dt=%s exit=%d%s%n",
            format, orgLabel, dt, exitCode, reason.isEmpty() ? "" : " (" + reason + ")"));
    s.append(
        String.format(
            "%-40s %-18s %8s %8s %8s %8s %8s %8s %s%n",
            "input_file",
            "dataset",
            "read",
            "written",
            "rejected",
            "skipped",
            "merged",
            "rows",
            "check"));
    for (Account a : accounts.values()) {
      s.append(
          String.format(
              "%-40s %-18s %8d %8d %8d %8d %8d %8d %s%n",
              a.file,
              a.dataset,
              a.read,
              a.written,
              a.rejected,
              a.skippedTotal(),
              a.merged,
              a.rows,
              a.balanced() ? "ok" : "UNBALANCED"));
    }
    for (Map.Entry<String, Long> e : warnCounts.entrySet()) {
      s.append(String.format("WARN %-38s %d%n", e.getKey(), e.getValue()));
    }
    for (Map.Entry<String, BigDecimal> e : rejectedCost.entrySet()) {
      s.append(
          String.format("REJECTED cost_usd %-26s %s%n", e.getKey(), e.getValue().toPlainString()));
    }
    return s.toString();
  }
}
