package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratify.common.adapt.AdapterConfig;
import io.stratify.common.adapt.AdapterException;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.ColumnSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The provider usage and cost APIs ({@code openai-usage}, {@code anthropic-usage}; ADAPTERS.md
 * §9.4-9.5): daily buckets of usage results (requests, tokens) and cost results (amounts), one loop
 * for both providers; each says how its fields are named.
 */
abstract class ProviderUsageFormat extends UsageFormat {

  /** Provider costs can be refunded below zero: such a day is REJECT negative_net_cost. */
  ProviderUsageFormat(String name) {
    super(name, /* rejectsNegativeCost= */ true);
  }

  /** The provider written in model_provider. */
  abstract String provider();

  /**
   * The vendor field of a column for {@code --explain} (for deployment_id, a note after the
   * fields), null when the API has none.
   */
  abstract String describe(String column);

  @Override
  List<ColumnSource> vendorSources(
      UsageSection section, String column, UsageRole role, AdapterConfig config) {
    if (column.equals("deployment_id")) {
      List<String> from =
          section.deploymentFrom().isEmpty() ? defaultDeploymentFrom() : section.deploymentFrom();
      String note = describe(column);
      return List.of(
          deploymentSource(
              String.join(" > ", from) + (note == null ? "" : note), section, "no_deployment"));
    }
    if (column.equals("cost_usd") && role == UsageRole.USAGE_FROM) {
      return List.of(LiteLlmFormat.mergeSource(config));
    }
    String vendor =
        switch (column) {
          case "model_provider" -> provider();
          case "output_tokens" -> "output_tokens";
          case "model_name" ->
              describe(column)
                  + (section.defaults().containsKey("model_name") ? "" : ", else REJECT no_key");
          default -> describe(column);
        };
    return vendor == null ? List.of() : List.of(ColumnSource.always(vendor));
  }

  /** Whether a result comes from the cost endpoint: only cost results carry an amount. */
  boolean isCost(JsonNode result) {
    return result.has("amount");
  }

  /** The cost in USD of a cost result, null when absent; NumberFormatException when unreadable. */
  abstract BigDecimal amount(JsonNode result);

  /** Whether the cost result's currency is USD. */
  abstract boolean usd(JsonNode result);

  /** The UTC day of a bucket, null when unreadable. */
  abstract LocalDate day(JsonNode bucket);

  /** The vendor value of a deployment field ({@code deployment_from}), null when absent. */
  abstract String deploymentField(JsonNode result, String field);

  /** The deployment fields used without {@code deployment_from}. */
  abstract List<String> defaultDeploymentFrom();

  /** The model of a result (for a cost result, as the provider groups it), null when absent. */
  abstract String model(UsageSection section, JsonNode result, boolean cost);

  /** Adds a usage result's requests and tokens. */
  abstract void addUsage(DailyUsage day, JsonNode result);

  @Override
  void read(UsageFeed feed, List<AdapterRun.Input> inputs) throws IOException {
    UsageSection section = feed.section();
    UsageRole role = feed.role();
    UsageLedger ledger = feed.ledger();
    UsageAggregate aggregate = feed.aggregate();
    boolean sawCost = false;
    for (ProviderPages.Result r : ProviderPages.read(name(), inputs, this::isCost)) {
      String file = r.file();
      ledger.read(file);
      JsonNode result = r.result();
      boolean cost = isCost(result);
      sawCost |= cost;
      if (role == UsageRole.COST_FROM && !cost) {
        ledger.skip(file, "usage_result");
        continue;
      }
      if (role == UsageRole.USAGE_FROM && cost) {
        ledger.skip(file, "cost_result");
        continue;
      }
      BigDecimal amount;
      try {
        amount = cost ? amount(result) : null;
      } catch (NumberFormatException e) {
        amount = null;
      }
      String id = vendorId(result);
      if (cost && amount == null) {
        ledger.reject(file, r.position(), id, "invalid_number", null);
        continue;
      }
      if (cost && !usd(result)) {
        ledger.reject(file, r.position(), id, "non_usd_currency", amount);
        continue;
      }
      String deployment = deployment(section, result);
      if (deployment == null) {
        ledger.reject(file, r.position(), id, "no_deployment", amount);
        continue;
      }
      String model = model(section, result, cost);
      if (model == null) {
        model = section.defaults().get("model_name");
      }
      if (model == null) {
        ledger.reject(file, r.position(), id, "no_key", amount);
        continue;
      }
      LocalDate date = day(r.bucket());
      if (date == null) {
        ledger.reject(file, r.position(), id, "unparseable", amount);
        continue;
      }
      DailyUsage day = aggregate.at(new UsageKey(date, deployment, model));
      day.record(file, r.position());
      day.provider = provider();
      if (day.tier == null) {
        day.tier = section.map("model_tier").apply(model).orElse(null);
      }
      if (cost) {
        day.addCost(amount);
      } else {
        addUsage(day, result);
      }
    }
    if (role == UsageRole.OWNER && !sawCost && !section.defaults().containsKey("cost_usd")) {
      throw AdapterException.unusable(
          "inference_usage.cost_usd (R) has no source: the "
              + name()
              + " export holds no cost results; add the cost pages, set defaults.cost_usd, or"
              + " merge it with a cost feed (owners.inference_usage.merge)");
    }
  }

  private String vendorId(JsonNode result) {
    for (String field : defaultDeploymentFrom()) {
      String v = VendorJson.text(result, field);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** {@code deployment_from} in order, mapped by {@code map.deployment}, else the default. */
  private String deployment(UsageSection section, JsonNode result) {
    List<String> from =
        section.deploymentFrom().isEmpty() ? defaultDeploymentFrom() : section.deploymentFrom();
    for (String field : from) {
      String value = deploymentField(result, field);
      if (value != null) {
        return section.map("deployment").apply(value).orElse(value);
      }
    }
    return section.defaults().get("deployment_id");
  }

  static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
