package io.stratify.common.adapt.usage.bench;

import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRunner;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Cost adapter benchmark (issue 11, not a test): a FOCUS CSV of N rows (default 5,000,000) and N/5
 * LiteLLM SpendLogs lines (default 1,000,000), each adapted through the runner, against a plain
 * line read of the same file. Run by {@code scripts/bench-adapters usage [ROWS]}.
 */
public final class UsageBenchmark {
  private UsageBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
    Path dir = Files.createTempDirectory("stratify-usage-bench");
    try {
      Path focus = dir.resolve("focus/bill.csv");
      Path litellm = dir.resolve("litellm/logs.jsonl");
      Files.createDirectories(focus.getParent());
      Files.createDirectories(litellm.getParent());
      long t0 = System.nanoTime();
      writeFocus(focus, rows);
      writeLiteLlm(litellm, rows / 5);
      System.out.printf(
          "generate: %.1f s (focus %d MB, litellm %d MB)%n",
          seconds(t0), Files.size(focus) >> 20, Files.size(litellm) >> 20);
      run(
          "focus",
          focus,
          dir,
          """
          org: acme
          focus:
            categories: [AI and Machine Learning]
            deployment_tag: application
            model_from: SkuId
            map: {model_tier: {'gpt-4o-mini*': small, '*': frontier}}
            defaults: {requests: 0, errors: 0, input_tokens: 0, output_tokens: 0}
          """);
      run(
          "litellm",
          litellm,
          dir,
          """
          org: acme
          litellm:
            format: spendlogs
            source_timezone: UTC
            deployment_from: [key_alias]
            map: {model_tier: {'gpt-4o-mini*': small, '*': frontier}}
          """);
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(String format, Path file, Path dir, String config) throws IOException {
    long t0 = System.nanoTime();
    long lines = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      while (r.readLine() != null) {
        lines++;
      }
    }
    double baseline = seconds(t0);
    Path cfg = dir.resolve(format + ".yaml");
    Files.writeString(cfg, config);
    long t1 = System.nanoTime();
    AdapterReport report =
        AdapterRunner.run(
            new AdapterRunner.Request(
                format,
                file.getParent(),
                dir.resolve("landing"),
                LocalDate.of(2026, 12, 1),
                null,
                cfg,
                null,
                false,
                null),
            new PrintStream(new ByteArrayOutputStream()));
    double adapt = seconds(t1);
    AdapterReport.Account a = report.accounts().get(0);
    System.out.printf(
        "%s: baseline line read %.2f s (%d lines); adapt %.2f s, exit %d, read %d written %d"
            + " rejected %d skipped %d rows %d; ratio %.1f; heap used %d MB%n",
        format,
        baseline,
        lines,
        adapt,
        report.exitCode(),
        a.recordsRead(),
        a.recordsWritten(),
        a.recordsRejected(),
        a.skippedTotal(),
        a.rowsWritten(),
        adapt / baseline,
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** 90% AI rows over 30 days, 20 deployments, 4 SKUs; the rest another service category. */
  private static void writeFocus(Path file, long rows) throws IOException {
    String[] skus = {"gpt-4o", "gpt-4o-mini", "claude-sonnet", "embedding-3"};
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(
          "BilledCost,BillingCurrency,ChargeCategory,ChargePeriodEnd,ChargePeriodStart,"
              + "ConsumedQuantity,ConsumedUnit,EffectiveCost,ProviderName,PublisherName,"
              + "ResourceId,ServiceCategory,SkuId,Tags\n");
      for (long i = 0; i < rows; i++) {
        int day = (int) (i % 30) + 1;
        String start = String.format("2026-11-%02d 00:00:00", day);
        String end =
            day == 30 ? "2026-12-01 00:00:00" : String.format("2026-11-%02d 00:00:00", day + 1);
        String cost = "0.00" + (i % 97 + 1);
        w.write(
            cost
                + ",USD,Usage,"
                + end
                + ","
                + start
                + ",1000,1K tokens,"
                + cost
                + ",Microsoft,Microsoft,/subscriptions/s/resource/r"
                + (i % 50)
                + ","
                + (i % 10 == 0 ? "Compute" : "AI and Machine Learning")
                + ","
                + skus[(int) (i % 4)]
                + ",\"{\"\"application\"\":\"\"app-"
                + (i % 20)
                + "\"\",\"\"env\"\":\"\"prod\"\"}\"\n");
      }
    }
  }

  /** SpendLogs rows over 30 days, 20 key aliases, 2 models, 1% failures. */
  private static void writeLiteLlm(Path file, long rows) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long i = 0; i < rows; i++) {
        int day = (int) (i % 30) + 1;
        w.write(
            String.format(
                "{\"request_id\":\"chatcmpl-%d\",\"call_type\":\"acompletion\",\"api_key\":\"\","
                    + "\"spend\":0.000225,\"total_tokens\":30,\"prompt_tokens\":10,"
                    + "\"completion_tokens\":20,\"startTime\":\"2026-11-%02d 09:20:46.847371\","
                    + "\"endTime\":\"2026-11-%02d 09:20:47.%06d\",\"model\":\"%s\","
                    + "\"custom_llm_provider\":\"openai\",\"metadata\":\"{\\\"user_api_key_alias\\\":"
                    + " \\\"key-%d\\\"}\",\"request_tags\":\"[]\",\"messages\":\"{}\","
                    + "\"response\":\"{}\",\"status\":\"%s\"}%n",
                i,
                day,
                day,
                i % 1_000_000,
                i % 3 == 0 ? "gpt-4o-mini" : "gpt-4o",
                i % 20,
                i % 100 == 0 ? "failure" : "success"));
      }
    }
  }
}
