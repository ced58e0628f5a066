package io.stratify.common.adapt.usage;

import io.stratify.common.adapt.ConfigNode;
import io.stratify.common.adapt.ValueMap;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code focus:} settings (ADAPTERS.md §9.2). FOCUS has no model, request or error column, so
 * those come from here or from {@code defaults}.
 *
 * @param costColumn {@code EffectiveCost} (default) or {@code BilledCost}: an explicit choice
 * @param deploymentTag key of the {@code Tags} JSON naming the deployment; null for none
 * @param categories ServiceCategory values kept; empty keeps all
 * @param includeCredits {@code credits: include}: Credit and Adjustment rows count (default skip)
 * @param assignUnallocated untagged cost goes to {@code defaults.deployment_id} instead of REJECT
 *     {@code unallocated}
 * @param modelFrom column the model name is read from ({@code SkuId}, {@code ChargeDescription} or
 *     an {@code x_} column, mapped by {@code map.model}); null uses {@code defaults.model_name}
 * @param tokenUnits ConsumedUnit values that count LLM tokens; empty fills no token column
 * @param inputTokens pattern on SkuId or ChargeDescription marking input-token rows
 * @param outputTokens pattern on SkuId or ChargeDescription marking output-token rows
 * @param currencyRates BillingCurrency to USD rate; any other non-USD currency is rejected
 * @param spreadDaily {@code spread: daily}: split a multi-day charge evenly over its UTC days
 * @param dateFormat {@code date_format} for non-ISO dates ({@code M/d/yy}); null for ISO
 */
record FocusSettings(
    String costColumn,
    String deploymentTag,
    List<String> categories,
    boolean includeCredits,
    boolean assignUnallocated,
    String modelFrom,
    List<String> tokenUnits,
    Pattern inputTokens,
    Pattern outputTokens,
    Map<String, BigDecimal> currencyRates,
    boolean spreadDaily,
    DateTimeFormatter dateFormat) {

  static final List<String> KEYS =
      List.of(
          "cost_column",
          "deployment_tag",
          "categories",
          "credits",
          "unallocated",
          "model_from",
          "token_units",
          "input_tokens",
          "output_tokens",
          "currency_rates",
          "spread",
          "date_format");

  static FocusSettings parse(
      Map<String, ConfigNode> e, Map<String, ValueMap> maps, Map<String, String> defaults) {
    String cost = "EffectiveCost";
    if (e.containsKey("cost_column")) {
      cost = e.get("cost_column").oneOf("EffectiveCost", "BilledCost");
    }
    boolean assign = defaults.containsKey("deployment_id");
    if (e.containsKey("unallocated")) {
      ConfigNode u = e.get("unallocated");
      assign = u.oneOf("report", "default").equals("default");
      if (assign && !defaults.containsKey("deployment_id")) {
        throw u.error("unallocated: default needs defaults.deployment_id (e.g. unallocated)");
      }
    }
    Map<String, BigDecimal> rates = new LinkedHashMap<>();
    if (e.containsKey("currency_rates")) {
      e.get("currency_rates")
          .entries()
          .forEach((k, v) -> rates.put(k.toUpperCase(Locale.ROOT), v.decimal()));
    }
    DateTimeFormatter dateFormat = null;
    if (e.containsKey("date_format")) {
      ConfigNode d = e.get("date_format");
      try {
        dateFormat = DateTimeFormatter.ofPattern(d.string());
      } catch (IllegalArgumentException ex) {
        throw d.error("not a date pattern: " + ex.getMessage());
      }
    }
    List<String> units =
        e.containsKey("token_units") ? e.get("token_units").stringList() : List.of();
    Pattern in = e.containsKey("input_tokens") ? e.get("input_tokens").regex() : null;
    Pattern out = e.containsKey("output_tokens") ? e.get("output_tokens").regex() : null;
    if (!units.isEmpty() && (in == null || out == null)) {
      throw e.get("token_units").error("token_units needs input_tokens and output_tokens patterns");
    }
    return new FocusSettings(
        cost,
        e.containsKey("deployment_tag") ? e.get("deployment_tag").string() : null,
        e.containsKey("categories") ? e.get("categories").stringList() : List.of(),
        e.containsKey("credits") && e.get("credits").oneOf("skip", "include").equals("include"),
        assign,
        e.containsKey("model_from") ? e.get("model_from").string() : null,
        units,
        in,
        out,
        Map.copyOf(rates),
        e.containsKey("spread") && e.get("spread").oneOf("daily").equals("daily"),
        dateFormat);
  }
}
