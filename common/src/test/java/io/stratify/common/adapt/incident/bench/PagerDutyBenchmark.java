package io.stratify.common.adapt.incident.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Benchmark (not a test): generates a PagerDuty export of N incidents with 10 embedded log entries
 * each (default 100,000 and 1,000,000), then measures in the same JVM (1) a plain Jackson streaming
 * read of the file (the baseline: tokenising only) and (2) {@code stratify adapt pagerduty} through
 * the framework's runner (parse, convert, write the landing files and the report), and prints both
 * times and their ratio. Run it with {@code scripts/bench-adapters}.
 */
public final class PagerDutyBenchmark {

  private static final String[] TYPES = {
    "trigger",
    "notify",
    "assign",
    "notify",
    "acknowledge",
    "escalate",
    "notify",
    "annotate",
    "resolve",
    "notify"
  };

  private PagerDutyBenchmark() {}

  public static void main(String[] args) throws IOException {
    int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path dir = Files.createTempDirectory("stratify-bench-pd");
    try {
      Path in = Files.createDirectories(dir.resolve("in"));
      Path file = in.resolve("incidents.json");
      long t0 = System.nanoTime();
      long entries = generate(file, incidents);
      double genSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "generated %,d incidents, %,d log entries, %,d MB in %.1f s%n",
          incidents, entries, Files.size(file) >> 20, genSeconds);

      // Warm the JIT a little on both paths with a tiny file, so neither pays it alone.
      Path warm = Files.createDirectories(dir.resolve("warm"));
      generate(warm.resolve("incidents.json"), 2_000);
      baseline(warm.resolve("incidents.json"));
      adapt(warm, dir.resolve("warm-landing"));

      long b0 = System.nanoTime();
      long tokens = baseline(file);
      double baseline = (System.nanoTime() - b0) / 1e9;
      System.out.printf(
          "baseline (Jackson streaming read, %,d tokens): %.2f s%n", tokens, baseline);

      long a0 = System.nanoTime();
      AdapterReport report = adapt(in, dir.resolve("landing"));
      double adapt = (System.nanoTime() - a0) / 1e9;
      long maxHeap = Runtime.getRuntime().maxMemory() >> 20;
      System.out.printf(
          "adapt pagerduty (convert + landing files + report): %.2f s, exit %d, heap max %d MB%n",
          adapt, report.exitCode(), maxHeap);
      report.accounts().stream()
          .filter(a -> a.dataset().startsWith("incident"))
          .forEach(
              a ->
                  System.out.printf(
                      "  %s: read %,d written %,d rows %,d skipped %,d%n",
                      a.dataset(),
                      a.recordsRead(),
                      a.recordsWritten(),
                      a.rowsWritten(),
                      a.skippedTotal()));
      System.out.printf("ratio adapt / baseline: %.1f%n", adapt / baseline);
      if (report.exitCode() != 0) {
        System.exit(1);
      }
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static AdapterReport adapt(Path in, Path landing) {
    return AdapterRunner.run(
        new AdapterRunner.Request(
            "pagerduty",
            in,
            landing,
            LocalDate.parse("2026-04-10"),
            "bench",
            null,
            null,
            false,
            null),
        new PrintStream(PrintStream.nullOutputStream()));
  }

  private static long baseline(Path file) throws IOException {
    long tokens = 0;
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = new JsonFactory().createParser(in)) {
      while (p.nextToken() != null) {
        tokens++;
      }
    }
    return tokens;
  }

  /** A list page {@code {"incidents": [...], "more": false}}; returns the log entries written. */
  static long generate(Path file, int incidents) throws IOException {
    long entries = 0;
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeArrayFieldStart("incidents");
      for (int i = 0; i < incidents; i++) {
        String id = "Q" + Integer.toString(i, 36).toUpperCase();
        Instant opened = base.plusSeconds(i * 37L);
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("type", "incident");
        g.writeNumberField("incident_number", i + 1);
        g.writeStringField("title", "Generated incident " + i);
        g.writeStringField("status", "resolved");
        g.writeStringField("urgency", i % 3 == 0 ? "low" : "high");
        g.writeStringField("created_at", opened.toString());
        g.writeObjectFieldStart("service");
        g.writeStringField("id", "PS" + (i % 50));
        g.writeStringField("type", "service_reference");
        g.writeEndObject();
        g.writeObjectFieldStart("escalation_policy");
        g.writeStringField("id", "PE" + (i % 20));
        g.writeEndObject();
        g.writeArrayFieldStart("teams");
        g.writeEndArray();
        g.writeArrayFieldStart("assignments");
        g.writeEndArray();
        g.writeArrayFieldStart("log_entries");
        for (int e = 0; e < TYPES.length; e++) {
          g.writeStartObject();
          g.writeStringField("id", "R" + id + "E" + e);
          g.writeStringField("type", TYPES[e] + "_log_entry");
          g.writeStringField("created_at", opened.plusSeconds(e * 60L).toString());
          g.writeObjectFieldStart("agent");
          g.writeStringField("id", "PU" + (i % 300));
          g.writeStringField("type", "user_reference");
          g.writeEndObject();
          g.writeObjectFieldStart("channel");
          g.writeStringField("type", e == 0 ? "api" : "auto");
          g.writeEndObject();
          if (TYPES[e].equals("assign") || TYPES[e].equals("escalate")) {
            g.writeArrayFieldStart("assignees");
            g.writeStartObject();
            g.writeStringField("id", "PU" + ((i + e) % 300));
            g.writeStringField("type", "user_reference");
            g.writeEndObject();
            g.writeEndArray();
          }
          g.writeStringField("summary", "Generated " + TYPES[e] + " entry");
          g.writeEndObject();
          entries++;
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeBooleanField("more", false);
      g.writeEndObject();
    }
    return entries;
  }
}
