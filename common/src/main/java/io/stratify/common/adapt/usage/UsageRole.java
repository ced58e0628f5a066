package io.stratify.common.adapt.usage;

import io.stratify.common.adapt.AdapterConfig;

/**
 * What a usage feed supplies to inference_usage (owners.inference_usage, ADAPTERS.md §4): the whole
 * row, or one side of a merge. The role decides which required columns need a default.
 */
enum UsageRole {
  /** The only writer of its keys: every required column needs a vendor source or a default. */
  OWNER,
  /** {@code usage_from} of a merge: cost_usd comes from the partner. */
  USAGE_FROM,
  /** {@code cost_from} of a merge: only cost_usd (and the key) is taken from this feed. */
  COST_FROM;

  static UsageRole of(String format, AdapterConfig config) {
    return config
        .merge()
        .map(
            m ->
                m.usageFrom().equals(format)
                    ? USAGE_FROM
                    : m.costFrom().equals(format) ? COST_FROM : OWNER)
        .orElse(OWNER);
  }
}
