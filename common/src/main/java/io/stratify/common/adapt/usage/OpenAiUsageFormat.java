package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code openai-usage} (ADAPTERS.md §9.4): pages of {@code /v1/organization/usage/completions} and
 * {@code /v1/organization/costs} ({@code bucket_width=1d}) to inference_usage. Requests and tokens
 * come from usage results, cost from cost results, both per (bucket day, project or API key,
 * model); errors and latency are not reported by OpenAI.
 */
final class OpenAiUsageFormat extends ProviderUsageFormat {
  static final String NAME = "openai-usage";

  OpenAiUsageFormat() {
    super(NAME);
  }

  @Override
  String provider() {
    return "openai";
  }

  @Override
  String describe(String column) {
    return switch (column) {
      case "usage_date" -> "bucket start_time (UTC)";
      case "model_name" -> "usage model; costs line_item (map.line_item_model)";
      case "requests" -> "num_model_requests";
      case "input_tokens" -> "input_tokens (cached included)";
      case "cost_usd" -> "costs amount.value (usd)";
      default -> null;
    };
  }

  @Override
  BigDecimal amount(JsonNode result) {
    return VendorJson.decimal(VendorJson.path(result, "amount", "value"));
  }

  @Override
  boolean usd(JsonNode result) {
    return "usd".equalsIgnoreCase(VendorJson.text(VendorJson.path(result, "amount"), "currency"));
  }

  @Override
  LocalDate day(JsonNode bucket) {
    Long seconds = VendorJson.integer(bucket.get("start_time"));
    return seconds == null
        ? null
        : Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC).toLocalDate();
  }

  @Override
  String deploymentField(JsonNode result, String field) {
    return VendorJson.text(result, field);
  }

  @Override
  List<String> defaultDeploymentFrom() {
    return List.of("project_id");
  }

  /**
   * A cost result names a model only through its {@code line_item} (with {@code
   * group_by=line_item}), matched by {@code map.line_item_model}.
   */
  @Override
  String model(UsageSection section, JsonNode result, boolean cost) {
    if (!cost) {
      return VendorJson.text(result, "model");
    }
    String lineItem = VendorJson.text(result, "line_item");
    return section.map("line_item_model").apply(lineItem).orElse(null);
  }

  @Override
  void addUsage(DailyUsage day, JsonNode result) {
    day.addRequests(orZero(VendorJson.integer(result.get("num_model_requests"))));
    day.addInputTokens(orZero(VendorJson.integer(result.get("input_tokens"))));
    day.addOutputTokens(orZero(VendorJson.integer(result.get("output_tokens"))));
  }
}
