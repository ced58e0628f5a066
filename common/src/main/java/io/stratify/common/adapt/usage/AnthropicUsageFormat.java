package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratify.common.adapt.AdapterException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code anthropic-usage} (ADAPTERS.md §9.5): pages of {@code usage_report/messages} and {@code
 * cost_report} to inference_usage per (bucket day in UTC, workspace or API key, model). The cost
 * report's {@code amount} is a decimal string in cents, divided by 100 exactly. The usage report
 * has no request or error count: those need a merge with gateway data or explicit defaults.
 */
final class AnthropicUsageFormat extends ProviderUsageFormat {
  static final String NAME = "anthropic-usage";

  /** The default workspace reports {@code workspace_id: null}; map it under this name. */
  static final String DEFAULT_WORKSPACE = "default";

  private static final BigDecimal CENTS_PER_DOLLAR = BigDecimal.valueOf(100);

  AnthropicUsageFormat() {
    super(NAME);
  }

  @Override
  String provider() {
    return "anthropic";
  }

  /** No requests: the usage report has no request count. */
  @Override
  String describe(String column) {
    return switch (column) {
      case "usage_date" -> "bucket starting_at (UTC)";
      case "model_name" -> "model";
      case "deployment_id" -> " (null workspace = " + DEFAULT_WORKSPACE + ")";
      case "input_tokens" -> "uncached_input_tokens + cache_read_input_tokens + cache_creation.*";
      case "cost_usd" -> "cost_report amount / 100 (cents)";
      default -> null;
    };
  }

  /** {@code "123.45"} (cents, decimal string) is 1.2345 USD, exactly. */
  @Override
  BigDecimal amount(JsonNode result) {
    BigDecimal cents = VendorJson.decimal(result.get("amount"));
    return cents == null ? null : cents.divide(CENTS_PER_DOLLAR);
  }

  @Override
  boolean usd(JsonNode result) {
    String currency = VendorJson.text(result, "currency");
    return currency == null || currency.equalsIgnoreCase("USD");
  }

  @Override
  LocalDate day(JsonNode bucket) {
    String start = VendorJson.text(bucket, "starting_at");
    if (start == null) {
      return null;
    }
    try {
      return VendorJson.instant(start, null, NAME).atOffset(ZoneOffset.UTC).toLocalDate();
    } catch (java.time.DateTimeException | AdapterException e) {
      return null;
    }
  }

  /** The default workspace reports {@code workspace_id: null}: it is {@value DEFAULT_WORKSPACE}. */
  @Override
  String deploymentField(JsonNode result, String field) {
    String value = VendorJson.text(result, field);
    if (value == null && field.equals("workspace_id") && result.has("workspace_id")) {
      return DEFAULT_WORKSPACE;
    }
    return value;
  }

  @Override
  List<String> defaultDeploymentFrom() {
    return List.of("workspace_id");
  }

  @Override
  String model(UsageSection section, JsonNode result, boolean cost) {
    return VendorJson.text(result, "model");
  }

  /** Uncached + cache read + every cache creation bucket: all input the model processed. */
  @Override
  void addUsage(DailyUsage day, JsonNode result) {
    long input =
        orZero(VendorJson.integer(result.get("uncached_input_tokens")))
            + orZero(VendorJson.integer(result.get("cache_read_input_tokens")));
    JsonNode creation = result.get("cache_creation");
    if (creation != null && creation.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = creation.fields(); it.hasNext(); ) {
        input += orZero(VendorJson.integer(it.next().getValue()));
      }
    }
    day.addInputTokens(input);
    day.addOutputTokens(orZero(VendorJson.integer(result.get("output_tokens"))));
  }
}
