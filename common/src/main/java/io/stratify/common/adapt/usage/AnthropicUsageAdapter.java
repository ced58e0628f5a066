package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code anthropic-usage} (ADAPTERS.md §9.5): pages of {@code usage_report/messages} and {@code
 * cost_report} to inference_usage per (bucket day in UTC, workspace or API key, model). The cost
 * report's {@code amount} is a decimal string in cents, divided by 100 exactly. The usage report
 * has no request or error count: those need a merge with gateway data or explicit defaults.
 */
public final class AnthropicUsageAdapter {
  /** The default workspace reports {@code workspace_id: null}; map it under this name. */
  public static final String DEFAULT_WORKSPACE = "default";

  private static final BigDecimal CENTS_PER_DOLLAR = BigDecimal.valueOf(100);

  private final UsageSettings settings;
  private final UsageRole role;

  /**
   * @throws UsageConfigException naming a required column without a source
   */
  public AnthropicUsageAdapter(UsageSettings settings, UsageRole role) {
    this.settings = settings;
    this.role = role;
    if (role != UsageRole.COST_FROM) {
      settings.require("model_tier", !settings.modelTier().isEmpty());
    }
    if (role == UsageRole.OWNER) {
      settings.require("requests", false);
      settings.require("errors", false);
    }
  }

  public UsageFeed adapt(Path root, List<Path> files) throws IOException {
    UsageTally tally = new UsageTally();
    UsageAggregate aggregate = new UsageAggregate();
    boolean sawCost = false;
    for (ProviderPages.Result r :
        ProviderPages.read("anthropic-usage", root, files, AnthropicUsageAdapter::isCost)) {
      tally.read++;
      JsonNode result = r.result();
      boolean cost = isCost(result);
      sawCost |= cost;
      BigDecimal amount;
      try {
        amount = cost ? dollars(result.get("amount")) : null;
      } catch (NumberFormatException e) {
        tally.reject(reject(r, "invalid_number", null));
        continue;
      }
      if (role == UsageRole.COST_FROM && !cost) {
        tally.skip("usage_result");
        continue;
      }
      if (role == UsageRole.USAGE_FROM && cost) {
        tally.skip("cost_result");
        continue;
      }
      String deployment = deployment(result);
      if (deployment == null) {
        tally.reject(reject(r, "no_deployment", amount));
        continue;
      }
      String model = VendorJson.text(result, "model");
      if (model == null) {
        model = settings.defaults().get("model_name");
      }
      if (model == null) {
        tally.reject(reject(r, "no_key", amount));
        continue;
      }
      UsageKey key;
      try {
        key =
            new UsageKey(
                VendorJson.instant(
                        VendorJson.text(r.bucket(), "starting_at"), null, "anthropic-usage")
                    .atOffset(ZoneOffset.UTC)
                    .toLocalDate(),
                deployment,
                model);
      } catch (DateTimeParseException | NullPointerException | UsageConfigException e) {
        tally.reject(reject(r, "unparseable", amount));
        continue;
      }
      if (cost) {
        if (amount == null) {
          tally.reject(reject(r, "invalid_number", null));
          continue;
        }
        String currency = VendorJson.text(result, "currency");
        if (currency != null && !currency.equalsIgnoreCase("USD")) {
          tally.reject(reject(r, "non_usd_currency", amount));
          continue;
        }
      }
      DailyUsage day = aggregate.at(key, r.file(), r.position());
      day.records++;
      day.provider = "anthropic";
      if (day.tier == null) {
        day.tier = settings.modelTier().lookup(model).orElse(null);
      }
      if (cost) {
        day.addCost(amount);
      } else {
        day.addInputTokens(inputTokens(result));
        day.addOutputTokens(orZero(VendorJson.integer(result.get("output_tokens"))));
      }
    }
    if (role == UsageRole.OWNER && !sawCost) {
      settings.require("cost_usd", false);
    }
    return new UsageFeed("anthropic-usage", aggregate.finish(settings, tally, true), tally);
  }

  static boolean isCost(JsonNode result) {
    return result.has("amount");
  }

  /** {@code "123.45"} (cents, decimal string) is 1.2345 USD, exactly. */
  static BigDecimal dollars(JsonNode amount) {
    BigDecimal cents = VendorJson.decimal(amount);
    return cents == null ? null : cents.divide(CENTS_PER_DOLLAR);
  }

  /** Uncached + cache read + every cache creation bucket: all input the model processed. */
  private static long inputTokens(JsonNode result) {
    long total =
        orZero(VendorJson.integer(result.get("uncached_input_tokens")))
            + orZero(VendorJson.integer(result.get("cache_read_input_tokens")));
    JsonNode creation = result.get("cache_creation");
    if (creation != null && creation.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = creation.fields(); it.hasNext(); ) {
        total += orZero(VendorJson.integer(it.next().getValue()));
      }
    }
    return total;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  /** {@code deployment_from}: {@code workspace_id} (default) and/or {@code api_key_id}. */
  private String deployment(JsonNode result) {
    List<String> from =
        settings.deploymentFrom().isEmpty() ? List.of("workspace_id") : settings.deploymentFrom();
    for (String field : from) {
      String value = VendorJson.text(result, field);
      if (value == null && field.equals("workspace_id") && result.has("workspace_id")) {
        value = DEFAULT_WORKSPACE;
      }
      if (value != null) {
        return settings.deployment().lookup(value).orElse(value);
      }
    }
    return settings.defaults().get("deployment_id");
  }

  private static UsageTally.Rejection reject(
      ProviderPages.Result r, String code, BigDecimal amount) {
    String id = VendorJson.text(r.result(), "workspace_id");
    return new UsageTally.Rejection(r.file(), r.position(), id, List.of(code), 1, amount);
  }
}
