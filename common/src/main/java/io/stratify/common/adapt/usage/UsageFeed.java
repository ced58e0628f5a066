package io.stratify.common.adapt.usage;

import java.util.List;

/**
 * The result of adapting one usage or cost feed: the inference_usage rows, sorted by key, and the
 * accounting of every record read.
 *
 * @param format the format name ({@code litellm}, {@code focus}, ...)
 * @param rows rows sorted by (usage_date, deployment_id, model_name)
 * @param tally what happened to each record
 */
public record UsageFeed(String format, List<UsageRow> rows, UsageTally tally) {
  public UsageFeed {
    rows = List.copyOf(rows);
  }
}
