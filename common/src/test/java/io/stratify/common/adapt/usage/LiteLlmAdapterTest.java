package io.stratify.common.adapt.usage;

import static io.stratify.common.adapt.usage.UsageFixtures.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiteLlmAdapterTest {
  private static final Path GCS = UsageFixtures.resource("litellm/gcs_pub_sub_body");
  private static final Path LANGFUSE =
      UsageFixtures.resource("litellm/langfuse_expected_request_body");

  static UsageSettings settings() {
    return UsageSettings.none()
        .withTimezone(ZoneOffset.UTC)
        .withDeploymentFrom(List.of("key_alias", "team_alias", "tag:app:"))
        .withProvider(new GlobMap("map.provider", Map.of("gpt-*", "openai")))
        .withModelTier(new GlobMap("map.model_tier", Map.of("gpt-*", "frontier")))
        .withDefaults(Map.of("deployment_id", "gateway"));
  }

  private static UsageFeed adapt(String shape, Path root, Path... files) throws Exception {
    return new LiteLlmAdapter(shape, settings()).adapt(root, List.of(files));
  }

  @Test
  void spendLogsRowIsOneCallOfTheExpectedDay() throws Exception {
    UsageFeed feed = adapt("spendlogs", GCS, GCS.resolve("spend_logs_payload.json"));

    assertThat(feed.rows()).hasSize(1);
    UsageRow row = feed.rows().get(0);
    assertThat(row.key()).isEqualTo(new UsageKey(LocalDate.of(2025, 1, 24), "gateway", "gpt-4o"));
    assertThat(row.modelProvider()).isEqualTo("openai");
    assertThat(List.of(row.requests(), row.inputTokens(), row.outputTokens(), row.errors()))
        .containsExactly(1L, 10L, 20L, 0L);
    assertThat(InferenceUsageCsv.cost(row.costUsd())).isEqualTo("0.000225");
    assertThat(row.latencyP95Ms()).isEqualByComparingTo("4.583");
    assertThat(feed.tally().read()).isEqualTo(1);
    assertThat(feed.tally().written()).isEqualTo(1);
    assertThat(feed.tally().balanced()).isTrue();
    assertThat(feed.tally().defaultsUsed()).isEmpty();
  }

  @Test
  void standardPayloadGivesTheSameRow() throws Exception {
    UsageFeed spend = adapt("spendlogs", GCS, GCS.resolve("spend_logs_payload.json"));
    UsageFeed standard = adapt("standard", GCS, GCS.resolve("standard_logging_payload.json"));

    assertThat(standard.rows()).isEqualTo(spend.rows());
    assertThat(standard.tally().balanced()).isTrue();
  }

  @Test
  void langfuseBatchCountsTheGenerationAndSkipsTheTrace() throws Exception {
    UsageFeed feed = adapt("langfuse", LANGFUSE, LANGFUSE.resolve("completion.json"));

    assertThat(feed.rows()).hasSize(1);
    UsageRow row = feed.rows().get(0);
    assertThat(row.key())
        .as("11:28:54-08:00 is 19:28:54Z")
        .isEqualTo(new UsageKey(LocalDate.of(2025, 1, 16), "gateway", "gpt-3.5-turbo"));
    assertThat(row.modelProvider()).as("from map.provider").isEqualTo("openai");
    assertThat(List.of(row.requests(), row.inputTokens(), row.outputTokens(), row.errors()))
        .containsExactly(1L, 10L, 20L, 0L);
    assertThat(InferenceUsageCsv.cost(row.costUsd())).isEqualTo("0.000035");
    assertThat(row.latencyP95Ms()).isEqualByComparingTo("327.993");
    assertThat(feed.tally().read()).isEqualTo(2);
    assertThat(feed.tally().skipped()).isEqualTo(Map.of("event_type", 1L));
    assertThat(feed.tally().balanced()).isTrue();
  }

  @Test
  void langfuseWithoutProviderMapIsRejectedNoProvider() throws Exception {
    UsageSettings noMap = settings().withProvider(GlobMap.empty());
    UsageFeed feed =
        new LiteLlmAdapter("langfuse", noMap)
            .adapt(LANGFUSE, List.of(LANGFUSE.resolve("completion.json")));

    assertThat(feed.rows()).isEmpty();
    assertThat(feed.tally().rejections())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reasons()).containsExactly("no_provider");
              assertThat(r.costUsd()).isEqualByComparingTo("0.000035");
            });
    assertThat(feed.tally().balanced()).isTrue();
  }

  @Test
  void bothGcsFilesTogetherAreMixedShapesAndExitTwo() {
    assertThatThrownBy(
            () ->
                adapt(
                    "spendlogs",
                    GCS,
                    GCS.resolve("spend_logs_payload.json"),
                    GCS.resolve("standard_logging_payload.json")))
        .isInstanceOf(UsageConfigException.class)
        .hasMessageContaining("standard export but litellm.format is spendlogs");
  }

  @Test
  void naiveShapesNeedSourceTimezone() {
    assertThatThrownBy(() -> new LiteLlmAdapter("spendlogs", settings().withTimezone(null)))
        .isInstanceOf(UsageConfigException.class)
        .hasMessageStartingWith("litellm.source_timezone is required");
  }

  @Test
  void modelTierWithoutMapOrDefaultExitsTwoNamingTheColumn() {
    assertThatThrownBy(
            () -> new LiteLlmAdapter("spendlogs", settings().withModelTier(GlobMap.empty())))
        .isInstanceOf(UsageConfigException.class)
        .hasMessageStartingWith("inference_usage.model_tier (R) has no source");
  }

  @Test
  void withoutDeploymentSourceOrDefaultTheCallIsRejected() throws Exception {
    UsageSettings noDefault = settings().withDefaults(Map.of());
    UsageFeed feed =
        new LiteLlmAdapter("standard", noDefault)
            .adapt(GCS, List.of(GCS.resolve("standard_logging_payload.json")));

    assertThat(feed.rows()).isEmpty();
    assertThat(feed.tally().rejections().get(0).reasons()).containsExactly("no_deployment");
    assertThat(feed.tally().balanced()).isTrue();
  }

  @Test
  void jsonLinesFeedAggregatesPerDayDeploymentAndModelWithExactP95(@TempDir Path dir)
      throws Exception {
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
    Path file = dir.resolve("logs.jsonl");
    Files.writeString(file, lines);

    UsageFeed feed =
        new LiteLlmAdapter(
                "spendlogs", settings().withTimezone(java.time.ZoneId.of("Europe/Berlin")))
            .adapt(dir, List.of(file));

    UsageRow row = feed.rows().get(0);
    assertThat(row.key())
        .as("23:59:59 Berlin is 22:59:59Z")
        .isEqualTo(new UsageKey(LocalDate.of(2025, 1, 24), "chat", "gpt-4o"));
    assertThat(row.requests()).isEqualTo(20);
    assertThat(row.errors()).isEqualTo(1);
    assertThat(row.costUsd()).isEqualByComparingTo(new BigDecimal("2.0"));
    // latencies 1001..1020 ms: rank 0.95 * 19 = 18.05 -> 1019 + 0.05 * 1 = 1019.05
    assertThat(row.latencyP95Ms()).isEqualByComparingTo("1019.05");
  }

  @Test
  void writtenCsvPassesTheLandingValidatorAndMatchesGolden() throws Exception {
    String spend =
        InferenceUsageCsv.render(
            ORG, adapt("spendlogs", GCS, GCS.resolve("spend_logs_payload.json")).rows());
    String standard =
        InferenceUsageCsv.render(
            ORG, adapt("standard", GCS, GCS.resolve("standard_logging_payload.json")).rows());
    String langfuse =
        InferenceUsageCsv.render(
            ORG, adapt("langfuse", LANGFUSE, LANGFUSE.resolve("completion.json")).rows());

    assertThat(UsageFixtures.quarantineReasons(spend)).isEmpty();
    assertThat(UsageFixtures.quarantineReasons(langfuse)).isEmpty();
    assertThat(standard).isEqualTo(spend);
    UsageFixtures.assertGolden("litellm-spendlogs.csv", spend);
    UsageFixtures.assertGolden("litellm-langfuse.csv", langfuse);
    assertThat(
            InferenceUsageCsv.render(
                ORG, adapt("spendlogs", GCS, GCS.resolve("spend_logs_payload.json")).rows()))
        .as("a rerun is byte-identical")
        .isEqualTo(spend);
  }
}
