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

/**
 * openai-usage, anthropic-usage and otel-genai (ADAPTERS.md §9.3-9.5) have no real fixture (§12):
 * payloads are built from the documented field names and run through the adapter runner.
 */
class ProviderUsageFormatTest {
  static final String OPENAI_COSTS =
      """
      {"object": "page", "data": [{"object": "bucket", "start_time": 1730419200,
        "end_time": 1730505600, "results": [{"object": "organization.costs.result",
        "amount": {"value": 0.06, "currency": "usd"}, "line_item": null, "project_id": null}]}],
       "has_more": false, "next_page": null}
      """;
  static final String OPENAI_USAGE =
      """
      {"object": "page", "data": [{"object": "bucket", "start_time": 1730419200,
        "end_time": 1730505600, "results": [{"object": "organization.usage.completions.result",
        "input_tokens": 1000, "output_tokens": 500, "input_cached_tokens": 200,
        "num_model_requests": 7, "project_id": "proj_chat", "user_id": null, "api_key_id": null,
        "model": "gpt-4o-mini-2024-07-18", "batch": false}]}],
       "has_more": false, "next_page": null}
      """;
  static final String ANTHROPIC_COST =
      """
      {"data": [{"starting_at": "2025-08-01T00:00:00Z", "ending_at": "2025-08-02T00:00:00Z",
        "results": [{"currency": "USD", "amount": "123.45", "workspace_id": null,
          "description": "Claude Sonnet 4 Usage - Input Tokens", "cost_type": "tokens",
          "context_window": "0-200k", "model": "claude-sonnet-4-20250514",
          "service_tier": "standard", "token_type": "uncached_input_tokens"},
         {"currency": "USD", "amount": "0.55", "workspace_id": null,
          "cost_type": "tokens", "model": "claude-sonnet-4-20250514",
          "token_type": "output_tokens"}]}],
       "has_more": false, "next_page": null}
      """;
  static final String ANTHROPIC_USAGE =
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

  @TempDir Path tmp;
  UsageRun run;

  @BeforeEach
  void setUp() {
    run = new UsageRun(tmp);
  }

  Path drop(String name, Map<String, String> files) throws Exception {
    Path d = tmp.resolve(name);
    Files.createDirectories(d);
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(d.resolve(f.getKey()), f.getValue());
    }
    return d;
  }

  static final String OPENAI_CONFIG =
      """
      org: acme
      openai-usage:
        deployment_from: [project_id]
        map:
          deployment: {proj_chat: chat-assistant}
          model_tier: {'gpt-4o-mini*': small}
        defaults: {deployment_id: chat-assistant, model_name: gpt-4o-mini-2024-07-18, errors: 0}
      """;

  @Test
  void openAiCostsExampleIsTheFirstOfNovemberAtSixCents() throws Exception {
    Path in = drop("openai", Map.of("costs.json", OPENAI_COSTS, "usage.json", OPENAI_USAGE));

    AdapterReport r = run.adapt("openai-usage", in, OPENAI_CONFIG);

    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(run.rows("openai-usage"))
        .as("1730419200 is 2024-11-01T00:00Z; usage and costs make one row")
        .containsExactly(
            "acme,2024-11-01,chat-assistant,gpt-4o-mini-2024-07-18,openai,small,7,1000,500,0,"
                + "0.060000,");
    assertThat(r.defaultedColumns())
        .containsEntry("inference_usage.errors", 1L)
        .doesNotContainKey("inference_usage.requests");
    assertThat(totals(r)).isEqualTo(totals(2, 2, 0, 0, 1));
    UsageRun.assertValid(r, run.output("openai-usage"));
  }

  @Test
  void openAiWithoutErrorsDefaultExitsTwoNamingTheColumn() throws Exception {
    AdapterReport r = run.adapt("openai-usage", tmp, OPENAI_CONFIG.replace(", errors: 0", ""));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.reason()).contains("inference_usage.errors");
  }

  @Test
  void lastPageWithHasMoreExitsTwoWithoutOutput() throws Exception {
    Path in =
        drop(
            "more",
            Map.of("p.json", OPENAI_COSTS.replace("\"has_more\": false", "\"has_more\": true")));
    AdapterReport r = run.adapt("openai-usage", in, OPENAI_CONFIG);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.reason()).contains("says has_more: true");
    assertThat(run.output("openai-usage")).doesNotExist();
  }

  static final String ANTHROPIC_CONFIG =
      """
      org: acme
      anthropic-usage:
        map:
          deployment: {default: support-bot}
          model_tier: {'claude-*': frontier}
        defaults: {requests: 0, errors: 0}
      """;

  @Test
  void anthropicCentsAreDividedExactlyAndTheDefaultWorkspaceIsMapped() throws Exception {
    Path in = drop("anthropic", Map.of("cost.json", ANTHROPIC_COST, "usage.json", ANTHROPIC_USAGE));

    AdapterReport r = run.adapt("anthropic-usage", in, ANTHROPIC_CONFIG);

    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(run.rows("anthropic-usage"))
        .as("123.45 + 0.55 cents = 1.24 USD; input 1500 + 200 + 100 + 50")
        .containsExactly(
            "acme,2025-08-01,support-bot,claude-sonnet-4-20250514,anthropic,frontier,0,1850,500,0,"
                + "1.240000,");
    assertThat(r.defaultedColumns()).containsEntry("inference_usage.requests", 1L);
    UsageRun.assertValid(r, run.output("anthropic-usage"));
  }

  @Test
  void anthropicWithoutRequestsDefaultOrMergeExitsTwo() throws Exception {
    AdapterReport r =
        run.adapt("anthropic-usage", tmp, ANTHROPIC_CONFIG.replace("requests: 0, ", ""));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.reason()).contains("inference_usage.requests");
  }

  static final String OTEL_CONFIG =
      """
      org: acme
      otel-genai:
        map:
          deployment: {travel-agent: travel}
          model_tier: {'gpt-4o*': frontier}
          price: {'gpt-4o*': {input: 2.50, output: 10}}
      """;

  @Test
  void otelCountsOnlyGenAiOperationSpansAndPricesTokens() throws Exception {
    Path in = drop("otel", Map.of("trace.json", OTEL));

    AdapterReport r = run.adapt("otel-genai", in, OTEL_CONFIG);

    assertThat(r.exitCode()).as(r.reason()).isZero();
    // 1735689599 s is 2024-12-31T23:59:59Z; (1010 x 2.50 + 200 x 10) / 1e6 = 0.004525;
    // latencies 250 and 1000 ms: 250 + 0.95 x 750 = 962.5
    assertThat(run.rows("otel-genai"))
        .containsExactly(
            "acme,2024-12-31,travel,gpt-4o,openai,frontier,2,1010,200,1,0.004525,962.5");
    assertThat(totals(r)).isEqualTo(totals(3, 2, 0, 1, 1));
    assertThat(r.accounts().get(0).skippedByRule()).isEqualTo(Map.of("operation", 1L));
    UsageRun.assertValid(r, run.output("otel-genai"));
  }

  @Test
  void otelWithoutPriceOrMergeExitsTwoAndWithoutProviderIsRejected() throws Exception {
    String noPrice = OTEL_CONFIG.replace("    price: {'gpt-4o*': {input: 2.50, output: 10}}\n", "");
    AdapterReport r = run.adapt("otel-genai", tmp, noPrice);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.reason()).contains("inference_usage.cost_usd");

    String noProvider =
        OTEL.replace("gen_ai.provider.name", "x.provider").replace("gen_ai.system", "x.system");
    AdapterReport rejected =
        run.adapt("otel-genai", drop("np", Map.of("t.json", noProvider)), OTEL_CONFIG);
    assertThat(UsageRun.rejects(rejected))
        .containsExactly("no_provider eee19b7ec3c1b174", "no_provider eee19b7ec3c1b175");
    assertThat(totals(rejected)).isEqualTo(totals(3, 0, 2, 1, 0));
  }
}
