package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code openai-usage} (ADAPTERS.md §9.4): pages of {@code /v1/organization/usage/completions} and
 * {@code /v1/organization/costs} ({@code bucket_width=1d}) to inference_usage. Requests and tokens
 * come from usage results, cost from cost results, both per (bucket day, project or API key,
 * model); errors and latency are not reported by OpenAI.
 */
public final class OpenAiUsageAdapter {
  private final UsageSettings settings;
  private final UsageRole role;
  private final Map<Pattern, String> lineItemModel = new LinkedHashMap<>();

  /**
   * @param lineItemModel {@code map.line_item_model}: regex on a cost {@code line_item} to the
   *     model name ({@code $1} refers to a group); empty: costs carry no model
   * @throws UsageConfigException naming a required column without a source
   */
  public OpenAiUsageAdapter(
      UsageSettings settings, Map<String, String> lineItemModel, UsageRole role) {
    this.settings = settings;
    this.role = role;
    lineItemModel.forEach(
        (k, v) ->
            this.lineItemModel.put(
                GlobMap.compile(
                    "map.line_item_model", k.startsWith("^") || k.startsWith("(?") ? k : "^" + k),
                v));
    if (role != UsageRole.COST_FROM) {
      settings.require("model_tier", !settings.modelTier().isEmpty());
      settings.require("errors", false);
    }
  }

  public UsageFeed adapt(Path root, List<Path> files) throws IOException {
    UsageTally tally = new UsageTally();
    UsageAggregate aggregate = new UsageAggregate();
    boolean sawCost = false;
    for (ProviderPages.Result r :
        ProviderPages.read("openai-usage", root, files, OpenAiUsageAdapter::isCost)) {
      tally.read++;
      JsonNode result = r.result();
      boolean cost = isCost(result);
      sawCost |= cost;
      BigDecimal amount =
          cost ? VendorJson.decimal(VendorJson.path(result, "amount", "value")) : null;
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
      String model =
          cost
              ? lineItemModel(VendorJson.text(result, "line_item"))
              : VendorJson.text(result, "model");
      if (model == null) {
        model = settings.defaults().get("model_name");
      }
      if (model == null) {
        tally.reject(reject(r, "no_key", amount));
        continue;
      }
      Long startSeconds = VendorJson.integer(r.bucket().get("start_time"));
      if (startSeconds == null) {
        tally.reject(reject(r, "unparseable", amount));
        continue;
      }
      UsageKey key =
          new UsageKey(
              Instant.ofEpochSecond(startSeconds).atOffset(ZoneOffset.UTC).toLocalDate(),
              deployment,
              model);
      if (cost) {
        String currency = VendorJson.text(VendorJson.path(result, "amount"), "currency");
        if (amount == null) {
          tally.reject(reject(r, "invalid_number", null));
          continue;
        }
        if (!"usd".equalsIgnoreCase(currency)) {
          tally.reject(reject(r, "non_usd_currency", amount));
          continue;
        }
        DailyUsage day = aggregate.at(key, r.file(), r.position());
        day.records++;
        day.addCost(amount);
        fill(day, model);
      } else {
        DailyUsage day = aggregate.at(key, r.file(), r.position());
        day.records++;
        day.addRequests(orZero(VendorJson.integer(result.get("num_model_requests"))));
        day.addInputTokens(orZero(VendorJson.integer(result.get("input_tokens"))));
        day.addOutputTokens(orZero(VendorJson.integer(result.get("output_tokens"))));
        fill(day, model);
      }
    }
    if (role == UsageRole.OWNER && !sawCost) {
      settings.require("cost_usd", false);
    }
    return new UsageFeed("openai-usage", aggregate.finish(settings, tally, true), tally);
  }

  private void fill(DailyUsage day, String model) {
    day.provider = "openai";
    if (day.tier == null) {
      day.tier = settings.modelTier().lookup(model).orElse(null);
    }
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  static boolean isCost(JsonNode result) {
    return result.has("amount");
  }

  private String lineItemModel(String lineItem) {
    if (lineItem == null) {
      return null;
    }
    for (Map.Entry<Pattern, String> e : lineItemModel.entrySet()) {
      Matcher m = e.getKey().matcher(lineItem);
      if (m.find()) {
        StringBuilder out = new StringBuilder();
        m.appendReplacement(out, e.getValue());
        return out.substring(m.start()).strip();
      }
    }
    return null;
  }

  /** {@code deployment_from}: {@code project_id} and/or {@code api_key_id}, in order. */
  private String deployment(JsonNode result) {
    List<String> from =
        settings.deploymentFrom().isEmpty() ? List.of("project_id") : settings.deploymentFrom();
    for (String field : from) {
      String value = VendorJson.text(result, field);
      if (value != null) {
        return settings.deployment().lookup(value).orElse(value);
      }
    }
    return settings.defaults().get("deployment_id");
  }

  private static UsageTally.Rejection reject(
      ProviderPages.Result r, String code, BigDecimal amount) {
    String id = VendorJson.text(r.result(), "project_id");
    return new UsageTally.Rejection(r.file(), r.position(), id, List.of(code), 1, amount);
  }
}
