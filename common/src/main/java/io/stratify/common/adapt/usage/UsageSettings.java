package io.stratify.common.adapt.usage;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings every usage format shares (ADAPTERS.md §4): maps for provider, tier and deployment, and
 * the {@code defaults} that fill a column the vendor lacks (each use counted as WARN {@code
 * default_used:<column>}).
 *
 * @param sourceTimezone zone of naive vendor timestamps; null when none was configured
 * @param deploymentFrom ordered deployment sources (format specific names)
 * @param provider {@code map.provider}: model glob to provider
 * @param modelTier {@code map.model_tier}: model glob to tier
 * @param deployment {@code map.deployment}: vendor id glob to deployment_id
 * @param defaults column to default value (string form as in YAML)
 */
public record UsageSettings(
    ZoneId sourceTimezone,
    List<String> deploymentFrom,
    GlobMap provider,
    GlobMap modelTier,
    GlobMap deployment,
    Map<String, String> defaults) {

  /** Columns {@code defaults} may fill for inference_usage. */
  public static final Set<String> DEFAULTABLE =
      Set.of(
          "deployment_id",
          "model_name",
          "model_provider",
          "model_tier",
          "requests",
          "input_tokens",
          "output_tokens",
          "errors",
          "cost_usd");

  public UsageSettings {
    deploymentFrom = List.copyOf(deploymentFrom);
    defaults = Map.copyOf(defaults);
    for (String column : defaults.keySet()) {
      if (!DEFAULTABLE.contains(column)) {
        throw new UsageConfigException(
            "Cannot use defaults." + column + ": not a defaultable inference_usage column");
      }
    }
  }

  /** No maps, no defaults, no zone. */
  public static UsageSettings none() {
    return new UsageSettings(
        null, List.of(), GlobMap.empty(), GlobMap.empty(), GlobMap.empty(), Map.of());
  }

  public UsageSettings withDefaults(Map<String, String> newDefaults) {
    return new UsageSettings(
        sourceTimezone, deploymentFrom, provider, modelTier, deployment, newDefaults);
  }

  public UsageSettings withTimezone(ZoneId zone) {
    return new UsageSettings(zone, deploymentFrom, provider, modelTier, deployment, defaults);
  }

  public UsageSettings withProvider(GlobMap map) {
    return new UsageSettings(sourceTimezone, deploymentFrom, map, modelTier, deployment, defaults);
  }

  public UsageSettings withModelTier(GlobMap map) {
    return new UsageSettings(sourceTimezone, deploymentFrom, provider, map, deployment, defaults);
  }

  public UsageSettings withDeployment(GlobMap map) {
    return new UsageSettings(sourceTimezone, deploymentFrom, provider, modelTier, map, defaults);
  }

  public UsageSettings withDeploymentFrom(List<String> from) {
    return new UsageSettings(sourceTimezone, from, provider, modelTier, deployment, defaults);
  }

  /**
   * Exit 2 unless a required column has a vendor source, a map or a default (principle 3).
   *
   * @param column the inference_usage column
   * @param vendorSupplies whether the format (with this configuration) carries it
   */
  void require(String column, boolean vendorSupplies) {
    if (!vendorSupplies && !defaults.containsKey(column)) {
      throw new UsageConfigException(
          "inference_usage."
              + column
              + " (R) has no source: set defaults."
              + column
              + " or merge this feed with one that carries it (owners.inference_usage.merge)");
    }
  }
}
