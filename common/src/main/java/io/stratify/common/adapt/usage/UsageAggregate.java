package io.stratify.common.adapt.usage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-key accumulators of one feed, turned into sorted rows once every record is read. */
final class UsageAggregate {
  private final Map<UsageKey, DailyUsage> byKey = new TreeMap<>();
  private final Map<UsageKey, String> firstPosition = new TreeMap<>();

  DailyUsage at(UsageKey key, String file, String position) {
    firstPosition.putIfAbsent(key, file + "|" + position);
    return byKey.computeIfAbsent(key, DailyUsage::new);
  }

  /**
   * Finishes the feed: rejects aggregates with negative net cost when asked, fills columns the
   * vendor left null from {@code defaults} (counted) and counts records and rows written.
   */
  List<UsageRow> finish(UsageSettings settings, UsageTally tally, boolean rejectNegativeCost) {
    List<UsageRow> rows = new ArrayList<>();
    for (DailyUsage day : byKey.values()) {
      if (rejectNegativeCost && day.cost != null && day.cost.signum() < 0) {
        String[] where = firstPosition.get(day.key).split("\\|", 2);
        tally.reject(
            new UsageTally.Rejection(
                where[0],
                where[1],
                day.key.usageDate() + "/" + day.key.deploymentId() + "/" + day.key.modelName(),
                List.of("negative_net_cost"),
                day.records,
                day.cost));
        continue;
      }
      UsageRow row = withDefaults(day.toRow(), settings, tally);
      rows.add(row);
      tally.written += day.records;
      tally.rowsWritten++;
    }
    return rows;
  }

  static UsageRow withDefaults(UsageRow row, UsageSettings settings, UsageTally tally) {
    Map<String, String> d = settings.defaults();
    return new UsageRow(
        row.key(),
        text(row.modelProvider(), "model_provider", d, tally),
        text(row.modelTier(), "model_tier", d, tally),
        count(row.requests(), "requests", d, tally),
        count(row.inputTokens(), "input_tokens", d, tally),
        count(row.outputTokens(), "output_tokens", d, tally),
        count(row.errors(), "errors", d, tally),
        money(row.costUsd(), d, tally),
        row.latencyP95Ms());
  }

  private static String text(
      String value, String column, Map<String, String> defaults, UsageTally tally) {
    if (value != null || !defaults.containsKey(column)) {
      return value;
    }
    tally.defaultUsed(column, 1);
    return defaults.get(column);
  }

  private static Long count(
      Long value, String column, Map<String, String> defaults, UsageTally tally) {
    if (value != null || !defaults.containsKey(column)) {
      return value;
    }
    tally.defaultUsed(column, 1);
    return Long.parseLong(defaults.get(column).trim());
  }

  private static BigDecimal money(
      BigDecimal value, Map<String, String> defaults, UsageTally tally) {
    if (value != null || !defaults.containsKey("cost_usd")) {
      return value;
    }
    tally.defaultUsed("cost_usd", 1);
    return new BigDecimal(defaults.get("cost_usd").trim());
  }
}
