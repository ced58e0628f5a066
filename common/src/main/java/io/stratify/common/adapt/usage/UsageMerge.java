package io.stratify.common.adapt.usage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code owners.inference_usage.merge} (ADAPTERS.md §4, §9): requests, tokens, errors and latency
 * from the {@code usage_from} feed, cost_usd from the {@code cost_from} feed of the same org and
 * dt, on the key (usage_date, deployment_id, model_name). A key found in one feed only takes its
 * missing columns from {@code defaults}, else is rejected {@code no_merge_partner} with its cost.
 * The merge's own tally counts keys: read = usage keys + cost keys.
 */
public final class UsageMerge {
  private UsageMerge() {}

  public static UsageFeed merge(UsageFeed usage, UsageFeed cost, UsageSettings settings) {
    Map<UsageKey, UsageRow> usageRows = byKey(usage.rows());
    Map<UsageKey, UsageRow> costRows = byKey(cost.rows());
    Map<UsageKey, Boolean> keys = new TreeMap<>();
    usageRows.keySet().forEach(k -> keys.put(k, true));
    costRows.keySet().forEach(k -> keys.put(k, true));
    Map<String, String> defaults = settings.defaults();
    UsageTally tally = new UsageTally();
    tally.read = usageRows.size() + costRows.size();
    List<UsageRow> rows = new ArrayList<>();
    String name = usage.format() + "+" + cost.format();
    for (UsageKey key : keys.keySet()) {
      UsageRow u = usageRows.get(key);
      UsageRow c = costRows.get(key);
      if (u != null && c != null) {
        rows.add(withCost(u, c.costUsd()));
        tally.written += 2;
        tally.rowsWritten++;
      } else if (u != null) {
        if (defaults.containsKey("cost_usd")) {
          rows.add(UsageAggregate.withDefaults(withCost(u, null), settings, tally));
          tally.written++;
          tally.rowsWritten++;
        } else {
          tally.reject(rejection(name, key, usage.format(), null));
        }
      } else {
        boolean defaultable =
            defaults.containsKey("requests")
                && defaults.containsKey("errors")
                && (c.inputTokens() != null || defaults.containsKey("input_tokens"))
                && (c.outputTokens() != null || defaults.containsKey("output_tokens"))
                && (c.modelTier() != null || defaults.containsKey("model_tier"));
        if (defaultable) {
          UsageRow costOnly =
              new UsageRow(
                  key,
                  c.modelProvider(),
                  c.modelTier(),
                  null,
                  c.inputTokens(),
                  c.outputTokens(),
                  null,
                  c.costUsd(),
                  null);
          rows.add(UsageAggregate.withDefaults(costOnly, settings, tally));
          tally.written++;
          tally.rowsWritten++;
        } else {
          tally.reject(rejection(name, key, cost.format(), c.costUsd()));
        }
      }
    }
    return new UsageFeed(name, rows, tally);
  }

  private static UsageRow withCost(UsageRow u, BigDecimal cost) {
    return new UsageRow(
        u.key(),
        u.modelProvider(),
        u.modelTier(),
        u.requests(),
        u.inputTokens(),
        u.outputTokens(),
        u.errors(),
        cost,
        u.latencyP95Ms());
  }

  private static UsageTally.Rejection rejection(
      String merge, UsageKey key, String only, BigDecimal cost) {
    return new UsageTally.Rejection(
        merge,
        "only in " + only,
        key.usageDate() + "/" + key.deploymentId() + "/" + key.modelName(),
        List.of("no_merge_partner"),
        1,
        cost);
  }

  private static Map<UsageKey, UsageRow> byKey(List<UsageRow> rows) {
    Map<UsageKey, UsageRow> out = new TreeMap<>();
    rows.forEach(r -> out.put(r.key(), r));
    return out;
  }
}
