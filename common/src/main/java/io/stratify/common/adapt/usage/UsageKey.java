package io.stratify.common.adapt.usage;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * The grain of {@code inference_usage} within one org: a UTC usage date, a deployment and a model.
 *
 * @param usageDate the UTC date the usage or charge belongs to
 * @param deploymentId the Stratify deployment id
 * @param modelName the model as the vendor names it
 */
record UsageKey(LocalDate usageDate, String deploymentId, String modelName)
    implements Comparable<UsageKey> {

  private static final Comparator<UsageKey> ORDER =
      Comparator.comparing(UsageKey::usageDate)
          .thenComparing(UsageKey::deploymentId)
          .thenComparing(UsageKey::modelName);

  @Override
  public int compareTo(UsageKey other) {
    return ORDER.compare(this, other);
  }

  /** {@code date/deployment/model}, the vendor id of a rejected aggregate in the report. */
  @Override
  public String toString() {
    return usageDate + "/" + deploymentId + "/" + modelName;
  }
}
