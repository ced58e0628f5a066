package io.stratify.common.adapt.usage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** The per-key accumulators of one feed, in key order; only these sums stay in memory. */
final class UsageAggregate {
  private final Map<UsageKey, DailyUsage> byKey = new TreeMap<>();

  DailyUsage at(UsageKey key) {
    return byKey.computeIfAbsent(key, DailyUsage::new);
  }

  DailyUsage get(UsageKey key) {
    return byKey.get(key);
  }

  Collection<DailyUsage> days() {
    return byKey.values();
  }

  /**
   * REJECT {@code negative_net_cost} every aggregate whose summed cost is below zero (refunds
   * booked as usage), with all its records and the net amount (ADAPTERS.md §9.2).
   */
  void rejectNegativeCost(UsageLedger ledger) {
    for (Iterator<DailyUsage> it = byKey.values().iterator(); it.hasNext(); ) {
      DailyUsage day = it.next();
      if (day.cost != null && day.cost.signum() < 0) {
        rejectAll(day, "negative_net_cost", ledger);
        it.remove();
      }
    }
  }

  /** Rejects every record of {@code day} (one report entry per input file); cost counted once. */
  static void rejectAll(DailyUsage day, String code, UsageLedger ledger) {
    boolean first = true;
    for (Map.Entry<String, Long> e : new ArrayList<>(day.records.entrySet())) {
      ledger.reject(
          e.getKey(),
          e.getValue(),
          day.positions.get(e.getKey()),
          day.key.toString(),
          code,
          first ? day.cost : null);
      first = false;
    }
  }
}
