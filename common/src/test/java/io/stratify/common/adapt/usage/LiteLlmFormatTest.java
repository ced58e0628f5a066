package io.stratify.common.adapt.usage;

import static io.stratify.common.adapt.usage.UsageRun.totals;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.adapt.AdapterReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADAPTERS.md §9.1 expected results on the real LiteLLM files, through the adapter runner. */
class LiteLlmFormatTest {
  static final Path GCS = UsageRun.resource("litellm/gcs_pub_sub_body");
  static final Path SPEND = GCS.resolve("spend_logs_payload.json");
  static final Path STANDARD = GCS.resolve("standard_logging_payload.json");
  static final Path LANGFUSE =
      UsageRun.resource("litellm/langfuse_expected_request_body/completion.json");

  static String config(String shape) {
    return """
        org: acme
        litellm:
          format: %s
          source_timezone: UTC
          deployment_from: [key_alias, team_alias, 'tag:app:']
          map:
            provider: {'gpt-*': openai}
            model_tier: {'gpt-4o-mini*': small, 'gpt-*': frontier}
          defaults: {deployment_id: gateway}
        """
        .formatted(shape);
  }

  @TempDir Path tmp;
  UsageRun run;

  @BeforeEach
  void setUp() {
    run = new UsageRun(tmp);
  }

  @Test
  void spendLogsRowIsOneCallOfTheExpectedDay() throws Exception {
    AdapterReport r = run.adapt("litellm", run.drop(SPEND), config("spendlogs"));

    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(run.rows("litellm"))
        .containsExactly("acme,2025-01-24,gateway,gpt-4o,openai,frontier,1,10,20,0,0.000225,4.583");
    assertThat(totals(r)).isEqualTo(totals(1, 1, 0, 0, 1));
    assertThat(r.warnings()).isEmpty();
    UsageRun.assertValid(r, run.output("litellm"));
    UsageRun.assertGolden("litellm-spendlogs.csv", run.output("litellm"));
  }

  @Test
  void standardPayloadGivesTheSameRowAndRerunsAreByteIdentical() throws Exception {
    run.adapt("litellm", run.drop(SPEND), config("spendlogs"));
    String spend = Files.readString(run.output("litellm"));

    AdapterReport r = run.adapt("litellm", run.drop(STANDARD), config("standard"));
    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(Files.readString(run.output("litellm"))).isEqualTo(spend);

    run.adapt("litellm", run.drop(STANDARD), config("standard"));
    assertThat(Files.readString(run.output("litellm"))).as("rerun").isEqualTo(spend);
  }

  @Test
  void langfuseBatchCountsTheGenerationAndSkipsTheTrace() throws Exception {
    AdapterReport r = run.adapt("litellm", run.drop(LANGFUSE), config("langfuse"));

    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(run.rows("litellm"))
        .as("11:28:54-08:00 is 19:28:54Z; provider from map.provider")
        .containsExactly(
            "acme,2025-01-16,gateway,gpt-3.5-turbo,openai,frontier,1,10,20,0,0.000035,327.993");
    assertThat(totals(r)).isEqualTo(totals(2, 1, 0, 1, 1));
    assertThat(r.accounts().get(0).skippedByRule()).isEqualTo(Map.of("event_type", 1L));
    UsageRun.assertValid(r, run.output("litellm"));
    UsageRun.assertGolden("litellm-langfuse.csv", run.output("litellm"));
  }

  @Test
  void langfuseWithoutProviderMapIsRejectedNoProviderWithItsCost() throws Exception {
    String noProvider = config("langfuse").replace("provider: {'gpt-*': openai}", "");
    AdapterReport r = run.adapt("litellm", run.drop(LANGFUSE), noProvider);

    assertThat(r.exitCode()).isZero();
    assertThat(run.rows("litellm")).isEmpty();
    assertThat(UsageRun.rejects(r)).hasSize(1).allMatch(s -> s.startsWith("no_provider "));
    assertThat(r.rejectedCostUsd().get("no_provider")).isEqualByComparingTo("0.000035");
    assertThat(totals(r)).isEqualTo(totals(2, 0, 1, 1, 0));
  }

  @Test
  void bothGcsFilesInOneFeedAreMixedShapesAndExitTwoWithoutOutput() throws Exception {
    AdapterReport r = run.adapt("litellm", run.drop(SPEND, STANDARD), config("spendlogs"));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.reason()).contains("standard export but litellm.format is spendlogs");
    assertThat(run.output("litellm")).doesNotExist();
    assertThat(run.report("litellm")).exists();
  }

  @Test
  void configurationIsCheckedBeforeAnyRecordIsRead() throws Exception {
    Path none = tmp.resolve("no-such-folder");

    AdapterReport unknown =
        run.adapt("litellm", none, config("spendlogs").replace("  format:", "  formt:"));
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.reason())
        .startsWith("litellm.yaml:3: litellm.formt: unknown key; allowed here:");

    AdapterReport zone =
        run.adapt("litellm", none, config("spendlogs").replace("source_timezone: UTC", ""));
    assertThat(zone.reason()).contains("litellm.source_timezone is required");

    AdapterReport tz = run.adapt("litellm", none, config("spendlogs").replace("UTC", "CET+1"));
    assertThat(tz.reason()).startsWith("litellm.yaml:4: litellm.source_timezone:");

    AdapterReport tier =
        run.adapt(
            "litellm",
            none,
            config("spendlogs")
                .replace("model_tier: {'gpt-4o-mini*': small, 'gpt-*': frontier}", ""));
    assertThat(tier.exitCode()).isEqualTo(2);
    assertThat(tier.reason()).contains("inference_usage.model_tier");

    AdapterReport from =
        run.adapt("litellm", none, config("spendlogs").replace("key_alias,", "api_key,"));
    assertThat(from.reason())
        .startsWith("litellm.yaml:5: litellm.deployment_from[0]: 'api_key' is not a deployment");
  }

  @Test
  void withoutDeploymentSourceOrDefaultTheCallIsRejectedNoDeployment() throws Exception {
    AdapterReport r =
        run.adapt(
            "litellm",
            run.drop(STANDARD),
            config("standard").replace("defaults: {deployment_id: gateway}", ""));

    assertThat(UsageRun.rejects(r))
        .containsExactly("no_deployment chatcmpl-2299b6a2-82a3-465a-b47c-04e685a2227f");
    assertThat(totals(r)).isEqualTo(totals(1, 0, 1, 0, 0));
  }

  @Test
  void jsonLinesFeedAggregatesPerDayDeploymentAndModelWithExactP95() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      lines.append(
          String.format(
              "{\"request_id\":\"r%d\",\"spend\":0.1,\"startTime\":\"2025-01-24 23:59:59.000000\","
                  + "\"endTime\":\"2025-01-25 00:00:00.%06d\",\"model\":\"gpt-4o\","
                  + "\"custom_llm_provider\":\"openai\",\"prompt_tokens\":1,\"completion_tokens\":2,"
                  + "\"status\":\"%s\",\"metadata\":\"{\\\"user_api_key_alias\\\": \\\"chat\\\"}\","
                  + "\"request_tags\":\"[]\",\"messages\":\"secret prompt\"}%n",
              i, i * 1000, i == 3 ? "failure" : "success"));
    }
    Path drop = tmp.resolve("jsonl");
    Files.createDirectories(drop);
    Files.writeString(drop.resolve("logs.jsonl"), lines);

    AdapterReport r =
        run.adapt(
            "litellm",
            drop,
            config("spendlogs").replace("source_timezone: UTC", "source_timezone: Europe/Berlin"));

    // 23:59:59 Berlin is 22:59:59Z; latencies 1001..1020 ms: rank 0.95 x 19 = 18.05 -> 1019.05
    assertThat(run.rows("litellm"))
        .containsExactly("acme,2025-01-24,chat,gpt-4o,openai,frontier,20,20,40,1,2.000000,1019.05");
    assertThat(totals(r)).isEqualTo(totals(20, 20, 0, 0, 1));
  }
}
