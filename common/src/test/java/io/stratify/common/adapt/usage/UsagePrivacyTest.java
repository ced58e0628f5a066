package io.stratify.common.adapt.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.adapt.AdapterReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Principle 5 (ADAPTERS.md §2): prompts and completions (LiteLLM {@code messages}/{@code response},
 * Langfuse {@code input}/{@code output}, OTel {@code gen_ai.*.messages}) and API keys never reach
 * an output file, a report or the printed summary, whether records are written or rejected. The
 * real LiteLLM files carry their own prompt texts; keys are empty there, so secrets are put into
 * their key fields.
 */
class UsagePrivacyTest {
  static final List<String> SECRETS =
      List.of(
          "Hello, world!",
          "Hello!",
          "How can I assist you today?",
          "SECRET-PROMPT-1",
          "SECRET-ANSWER-1",
          "sk-SECRET-KEY-1",
          "SECRET-HASH-2",
          "secret.person@example.com",
          "SECRET-PROMPT-OTEL",
          "SECRET-ANSWER-OTEL");

  @TempDir Path tmp;

  @Test
  void noPromptCompletionOrKeyLeavesTheAdapter() throws Exception {
    UsageRun run = new UsageRun(tmp);
    Path spend = run.drop(LiteLlmFormatTest.SPEND);
    Path file = spend.resolve("spend_logs_payload.json");
    Files.writeString(
        file,
        Files.readString(file)
            .replace("\"api_key\": \"\"", "\"api_key\": \"sk-SECRET-KEY-1\"")
            .replace("\"messages\": \"{}\"", "\"messages\": \"SECRET-PROMPT-1\"")
            .replace("\"response\": \"{}\"", "\"response\": \"SECRET-ANSWER-1\""));
    Path standard = run.drop(LiteLlmFormatTest.STANDARD);
    file = standard.resolve("standard_logging_payload.json");
    Files.writeString(
        file,
        Files.readString(file)
            .replace("\"user_api_key_hash\": null", "\"user_api_key_hash\": \"SECRET-HASH-2\"")
            .replace(
                "\"user_api_key_user_email\": null",
                "\"user_api_key_user_email\": \"secret.person@example.com\""));
    assertThat(Files.readString(spend.resolve("spend_logs_payload.json")))
        .contains("sk-SECRET-KEY-1", "SECRET-PROMPT-1");
    assertThat(Files.readString(file)).contains("SECRET-HASH-2", "Hello, world!");
    Path langfuse = run.drop(LiteLlmFormatTest.LANGFUSE);
    Path otel = tmp.resolve("otel");
    Files.createDirectories(otel);
    Files.writeString(otel.resolve("trace.json"), ProviderUsageFormatTest.OTEL);

    String written = LiteLlmFormatTest.config("spendlogs");
    String rejected = written.replace("defaults: {deployment_id: gateway}", "");
    StringBuilder everything = new StringBuilder();
    List<AdapterReport> reports =
        List.of(
            snap(everything, run, run.adapt("litellm", spend, written)),
            snap(everything, run, run.adapt("litellm", spend, rejected, null, true)),
            snap(
                everything,
                run,
                run.adapt("litellm", standard, written.replace("spendlogs", "standard"))),
            snap(
                everything,
                run,
                adaptWithReport(run, standard, rejected.replace("spendlogs", "standard"), "std")),
            snap(
                everything,
                run,
                run.adapt("litellm", langfuse, written.replace("spendlogs", "langfuse"))),
            snap(
                everything,
                run,
                adaptWithReport(
                    run,
                    langfuse,
                    written
                        .replace("spendlogs", "langfuse")
                        .replace("provider: {'gpt-*': openai}", ""),
                    "lf")),
            snap(
                everything,
                run,
                run.adapt("otel-genai", otel, ProviderUsageFormatTest.OTEL_CONFIG)),
            snap(
                everything,
                run,
                adaptWithReport(
                    run,
                    otel,
                    ProviderUsageFormatTest.OTEL_CONFIG.replace(
                        "travel-agent: travel", "nothing: travel"),
                    "otel")));
    assertThat(everything.toString())
        .as("the outputs and reports were searched")
        .contains("gpt-4o", "gpt-3.5-turbo", "no_provider", "no_deployment", "records_read");

    assertThat(reports).allSatisfy(r -> assertThat(r.exitCode()).as(r.reason()).isZero());
    assertThat(reports.stream().mapToLong(r -> r.rejects().size()).sum())
        .as("rejections with excerpts were produced")
        .isGreaterThanOrEqualTo(3);
    for (String secret : SECRETS) {
      assertThat(everything.toString())
          .as("no output or report holds %s", secret)
          .doesNotContain(secret);
    }
  }

  /** Appends every file under the landing folder and the printed summaries, after a run. */
  private static AdapterReport snap(StringBuilder all, UsageRun run, AdapterReport report)
      throws Exception {
    all.append(run.everythingWritten()).append('\n');
    return report;
  }

  /** A run whose records are rejected, its report written beside the landing ones. */
  private static AdapterReport adaptWithReport(UsageRun run, Path in, String config, String name)
      throws Exception {
    return io.stratify.common.adapt.AdapterRunner.run(
        new io.stratify.common.adapt.AdapterRunner.Request(
            in.toString().contains("otel") ? "otel-genai" : "litellm",
            in,
            run.landing,
            UsageRun.DT,
            null,
            run.write(name + ".yaml", config),
            run.landing.resolve("_adapter_reports/" + name + ".json"),
            false,
            null),
        new java.io.PrintStream(run.printed, true, java.nio.charset.StandardCharsets.UTF_8));
  }
}
