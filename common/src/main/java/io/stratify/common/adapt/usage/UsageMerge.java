package io.stratify.common.adapt.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code owners.inference_usage.merge} (ADAPTERS.md §4, §9): requests, tokens, errors and latency
 * from the {@code usage_from} feed, cost_usd from the {@code cost_from} feed of the same org and
 * dt, on the key (usage_date, deployment_id, model_name). A key found in one feed only is written
 * when {@code defaults} fill every required column it lacks, else every record of it is rejected
 * {@code no_merge_partner} (with its cost, when it is the cost side).
 */
final class UsageMerge {
  private UsageMerge() {}

  static List<DailyUsage> merge(
      UsageAggregate usage, UsageAggregate cost, Map<String, String> defaults, UsageLedger ledger) {
    TreeSet<UsageKey> keys = new TreeSet<>();
    usage.days().forEach(d -> keys.add(d.key));
    cost.days().forEach(d -> keys.add(d.key));
    List<DailyUsage> out = new ArrayList<>();
    for (UsageKey key : keys) {
      DailyUsage u = usage.get(key);
      DailyUsage c = cost.get(key);
      if (u != null && c != null) {
        u.absorbCost(c);
        out.add(u);
        continue;
      }
      DailyUsage only = u != null ? u : c;
      if (u != null) {
        only.cost = null;
      }
      if (complete(only, defaults)) {
        out.add(only);
      } else {
        UsageAggregate.rejectAll(only, "no_merge_partner", ledger);
      }
    }
    return out;
  }

  /** Whether every required column is known or has a default. */
  private static boolean complete(DailyUsage d, Map<String, String> defaults) {
    return has(d.provider, "model_provider", defaults)
        && has(d.tier, "model_tier", defaults)
        && has(d.requests, "requests", defaults)
        && has(d.inputTokens, "input_tokens", defaults)
        && has(d.outputTokens, "output_tokens", defaults)
        && has(d.errors, "errors", defaults)
        && has(d.cost, "cost_usd", defaults);
  }

  private static boolean has(Object value, String column, Map<String, String> defaults) {
    return value != null || defaults.containsKey(column);
  }
}
