package io.stratify.common.adapt.usage;

import static io.stratify.common.adapt.usage.UsageFixtures.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * openai-usage, anthropic-usage and otel-genai have no real fixture (ADAPTERS.md §12): payloads are
 * built from the documented field names.
 */
class ProviderUsageTest {
  private static final String OPENAI_COSTS =
      """
      {"object": "page", "data": [{"object": "bucket", "start_time": 1730419200,
        "end_time": 1730505600, "results": [{"object": "organization.costs.result",
        "amount": {"value": 0.06, "currency": "usd"}, "line_item": null, "project_id": null}]}],
       "has_more": false, "next_page": null}
      """;
  private static final String OPENAI_USAGE =
      """
      {"object": "page", "data": [{"object": "bucket", "start_time": 1730419200,
        "end_time": 1730505600, "results": [{"object": "organization.usage.completions.result",
        "input_tokens": 1000, "output_tokens": 500, "input_cached_tokens": 200,
        "num_model_requests": 7, "project_id": "proj_chat", "user_id": null, "api_key_id": null,
        "model": "gpt-4o-mini-2024-07-18", "batch": false}]}],
       "has_more": false, "next_page": null}
      """;

  private static UsageSettings tiers() {
    return UsageSettings.none()
        .withModelTier(
            new GlobMap("map.model_tier", Map.of("gpt-4o-mini*", "small", "claude-*", "frontier")));
  }

  private static Path write(Path dir, String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void openAiCostsExampleIsTheFirstOfNovemberAtSixCents(@TempDir Path dir) throws Exception {
    Path costs = write(dir, "costs.json", OPENAI_COSTS);
    UsageSettings settings =
        tiers().withDefaults(Map.of("deployment_id", "org-wide", "model_name", "all-models"));

    UsageFeed feed =
        new OpenAiUsageAdapter(settings, Map.of(), UsageRole.COST_FROM).adapt(dir, List.of(costs));

    assertThat(feed.rows())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key().usageDate()).hasToString("2024-11-01");
              assertThat(InferenceUsageCsv.cost(r.costUsd())).isEqualTo("0.060000");
            });
    assertThat(feed.tally().balanced()).isTrue();
  }

  @Test
  void openAiUsageAndCostsOfOneProjectMakeOneRow(@TempDir Path dir) throws Exception {
    String costs =
        OPENAI_COSTS.replace(
            "\"line_item\": null, \"project_id\": null",
            "\"line_item\": \"gpt-4o-mini-2024-07-18, input\", \"project_id\": \"proj_chat\"");
    List<Path> files =
        List.of(write(dir, "1-usage.json", OPENAI_USAGE), write(dir, "2-costs.json", costs));
    UsageSettings settings =
        tiers()
            .withDeployment(new GlobMap("map.deployment", Map.of("proj_chat", "chat-assistant")))
            .withDefaults(Map.of("errors", "0"));

    UsageFeed feed =
        new OpenAiUsageAdapter(settings, Map.of("^([^,]+),", "$1"), UsageRole.OWNER)
            .adapt(dir, files);

    String csv = InferenceUsageCsv.render(ORG, feed.rows());
    assertThat(csv)
        .endsWith(
            "acme,2024-11-01,chat-assistant,gpt-4o-mini-2024-07-18,openai,small,7,1000,500,0,"
                + "0.060000,\n");
    assertThat(UsageFixtures.quarantineReasons(csv)).isEmpty();
    assertThat(feed.tally().warnings()).containsEntry("default_used:errors", 1L);
    assertThat(feed.tally().balanced()).isTrue();
  }

  @Test
  void openAiWithoutErrorsDefaultExitsTwo() {
    assertThatThrownBy(() -> new OpenAiUsageAdapter(tiers(), Map.of(), UsageRole.OWNER))
        .hasMessageStartingWith("inference_usage.errors (R) has no source");
  }

  @Test
  void lastPageWithHasMoreExitsTwo(@TempDir Path dir) throws Exception {
    Path page =
        write(dir, "p.json", OPENAI_COSTS.replace("\"has_more\": false", "\"has_more\": true"));
    UsageSettings settings = tiers().withDefaults(Map.of("deployment_id", "d", "model_name", "m"));
    assertThatThrownBy(
            () ->
                new OpenAiUsageAdapter(settings, Map.of(), UsageRole.COST_FROM)
                    .adapt(dir, List.of(page)))
        .isInstanceOf(UsageConfigException.class)
        .hasMessageContaining("has_more: true");
    assertThatThrownBy(
            () ->
                new AnthropicUsageAdapter(settings, UsageRole.COST_FROM).adapt(dir, List.of(page)))
        .hasMessageContaining("has_more: true");
  }

  private static final String ANTHROPIC_COST =
      """
      {"data": [{"starting_at": "2025-08-01T00:00:00Z", "ending_at": "2025-08-02T00:00:00Z",
        "results": [{"currency": "USD", "amount": "123.45", "workspace_id": "wrkspc_01",
          "description": "Claude Sonnet 4 Usage - Input Tokens", "cost_type": "tokens",
          "context_window": "0-200k", "model": "claude-sonnet-4-20250514",
          "service_tier": "standard", "token_type": "uncached_input_tokens"},
         {"currency": "USD", "amount": "0.55", "workspace_id": "wrkspc_01",
          "cost_type": "tokens", "model": "claude-sonnet-4-20250514",
          "token_type": "output_tokens"}]}],
       "has_more": false, "next_page": null}
      """;
  private static final String ANTHROPIC_USAGE =
      """
      {"data": [{"starting_at": "2025-08-01T00:00:00Z", "ending_at": "2025-08-02T00:00:00Z",
        "results": [{"uncached_input_tokens": 1500, "cache_creation":
          {"ephemeral_1h_input_tokens": 100, "ephemeral_5m_input_tokens": 50},
          "cache_read_input_tokens": 200, "output_tokens": 500, "server_tool_use":
          {"web_search_requests": 0}, "api_key_id": null, "workspace_id": null,
          "model": "claude-sonnet-4-20250514", "service_tier": "standard",
          "context_window": "0-200k"}]}],
       "has_more": false, "next_page": null}
      """;

  @Test
  void anthropicCentsAreDividedExactly(@TempDir Path dir) throws Exception {
    Path cost = write(dir, "cost.json", ANTHROPIC_COST);
    UsageFeed feed =
        new AnthropicUsageAdapter(tiers(), UsageRole.COST_FROM).adapt(dir, List.of(cost));

    assertThat(AnthropicUsageAdapter.dollars(VendorJson.MAPPER.getNodeFactory().textNode("123.45")))
        .isEqualByComparingTo("1.2345");
    assertThat(feed.rows())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key().deploymentId()).isEqualTo("wrkspc_01");
              assertThat(InferenceUsageCsv.cost(r.costUsd()))
                  .as("123.45 + 0.55 cents")
                  .isEqualTo("1.240000");
              assertThat(r.requests()).as("no request count is invented").isNull();
            });
    assertThat(feed.tally().balanced()).isTrue();
  }

  @Test
  void anthropicUsageNeedsARequestsSourceAndMapsTheDefaultWorkspace(@TempDir Path dir)
      throws Exception {
    assertThatThrownBy(
            () ->
                new AnthropicUsageAdapter(
                    tiers().withDefaults(Map.of("errors", "0")), UsageRole.OWNER))
        .hasMessageStartingWith("inference_usage.requests (R) has no source");

    Path usage = write(dir, "usage.json", ANTHROPIC_USAGE);
    UsageSettings settings =
        tiers().withDeployment(new GlobMap("map.deployment", Map.of("default", "support-bot")));
    UsageFeed feed =
        new AnthropicUsageAdapter(settings, UsageRole.USAGE_FROM).adapt(dir, List.of(usage));
    assertThat(feed.rows())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key().deploymentId()).isEqualTo("support-bot");
              assertThat(r.inputTokens()).as("1500 + 200 + 100 + 50").isEqualTo(1850);
              assertThat(r.outputTokens()).isEqualTo(500);
              assertThat(r.requests()).isNull();
            });
  }

  static final String OTEL =
      """
      {"resourceSpans": [{"resource": {"attributes": [
          {"key": "service.name", "value": {"stringValue": "travel-agent"}}]},
        "scopeSpans": [{"scope": {"name": "openai-instrumentation"}, "spans": [
          {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b173",
           "name": "invoke_agent planner", "startTimeUnixNano": "1735689590000000000",
           "endTimeUnixNano": "1735689600000000000", "attributes": [
             {"key": "gen_ai.operation.name", "value": {"stringValue": "invoke_agent"}}]},
          {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174",
           "name": "chat gpt-4o", "kind": 3, "startTimeUnixNano": "1735689599000000000",
           "endTimeUnixNano": "1735689599250000000", "attributes": [
             {"key": "gen_ai.operation.name", "value": {"stringValue": "chat"}},
             {"key": "gen_ai.provider.name", "value": {"stringValue": "openai"}},
             {"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o"}},
             {"key": "gen_ai.response.model", "value": {"stringValue": "gpt-4o-2024-08-06"}},
             {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "1000"}},
             {"key": "gen_ai.usage.output_tokens", "value": {"intValue": "200"}},
             {"key": "gen_ai.input.messages", "value": {"stringValue": "SECRET-PROMPT-OTEL"}},
             {"key": "gen_ai.output.messages", "value": {"stringValue": "SECRET-ANSWER-OTEL"}}],
           "status": {}},
          {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b175",
           "name": "chat gpt-4o", "startTimeUnixNano": "1735689599500000000",
           "endTimeUnixNano": "1735689600500000000", "attributes": [
             {"key": "gen_ai.operation.name", "value": {"stringValue": "chat"}},
             {"key": "gen_ai.system", "value": {"stringValue": "openai"}},
             {"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o"}},
             {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "10"}},
             {"key": "gen_ai.usage.output_tokens", "value": {"intValue": "0"}},
             {"key": "error.type", "value": {"stringValue": "timeout"}}],
           "status": {"code": 2}}]}]}]}
      """;

  static UsageSettings otelSettings() {
    return UsageSettings.none()
        .withModelTier(new GlobMap("map.model_tier", Map.of("gpt-4o*", "frontier")))
        .withDeployment(new GlobMap("map.deployment", Map.of("travel-agent", "travel")));
  }

  @Test
  void otelCountsOnlyGenAiOperationSpansAndPricesTokens(@TempDir Path dir) throws Exception {
    Path file = write(dir, "trace.json", OTEL.replace("\n", " "));
    Map<String, OtelGenAiAdapter.Price> price =
        Map.of("gpt-4o*", new OtelGenAiAdapter.Price(new BigDecimal("2.50"), new BigDecimal("10")));

    UsageFeed feed =
        new OtelGenAiAdapter(otelSettings(), price, UsageRole.OWNER).adapt(dir, List.of(file));

    assertThat(feed.tally().read()).isEqualTo(3);
    assertThat(feed.tally().skipped()).isEqualTo(Map.of("operation", 1L));
    assertThat(feed.rows())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key().usageDate())
                  .as("1735689599 s is 2024-12-31T23:59:59Z")
                  .hasToString("2024-12-31");
              assertThat(r.key().deploymentId()).isEqualTo("travel");
              assertThat(r.key().modelName()).isEqualTo("gpt-4o");
              assertThat(r.modelProvider()).isEqualTo("openai");
              assertThat(List.of(r.requests(), r.inputTokens(), r.outputTokens(), r.errors()))
                  .containsExactly(2L, 1010L, 200L, 1L);
              // (1010 x 2.50 + 200 x 10) / 1e6
              assertThat(InferenceUsageCsv.cost(r.costUsd())).isEqualTo("0.004525");
              // 250 ms and 1000 ms: 250 + 0.95 x 750
              assertThat(r.latencyP95Ms()).isEqualByComparingTo("962.5");
            });
    assertThat(UsageFixtures.quarantineReasons(InferenceUsageCsv.render(ORG, feed.rows())))
        .isEmpty();
    assertThat(feed.tally().balanced()).isTrue();
  }

  @Test
  void otelWithoutPriceOrMergeExitsTwoNamingCost() {
    assertThatThrownBy(() -> new OtelGenAiAdapter(otelSettings(), Map.of(), UsageRole.OWNER))
        .hasMessageStartingWith("inference_usage.cost_usd (R) has no source");
  }

  @Test
  void otelWithoutProviderIsRejectedNoProvider(@TempDir Path dir) throws Exception {
    String noProvider =
        OTEL.replace("gen_ai.provider.name", "x.provider").replace("gen_ai.system", "x.system");
    Path file = write(dir, "trace.json", noProvider);
    UsageFeed feed =
        new OtelGenAiAdapter(otelSettings(), Map.of(), UsageRole.USAGE_FROM)
            .adapt(dir, List.of(file));
    assertThat(feed.tally().rejections())
        .extracting(r -> r.reasons().get(0))
        .containsExactly("no_provider", "no_provider");
    assertThat(feed.tally().balanced()).isTrue();
  }
}
