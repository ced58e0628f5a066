package io.stratify.common.adapt.usage;

import io.stratify.common.adapt.AdapterConfig;
import io.stratify.common.adapt.AdapterException;
import io.stratify.common.adapt.AdapterFormat;
import io.stratify.common.adapt.AdapterRegistry;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.ColumnSource;
import io.stratify.common.adapt.ConfigNode;
import io.stratify.common.adapt.FormatSection;
import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the cost formats share (ADAPTERS.md §9): one dataset, inference_usage, one row per (UTC
 * usage date, deployment, model); records folded into daily aggregates, defaults applied and
 * counted, and the {@code owners.inference_usage.merge} of two feeds. The {@code usage_from} run of
 * a merge reads the {@code cost_from} export too ({@code --cost-in}, else its drop of the same org
 * and dt) and writes the merged rows; the {@code cost_from} format's own run writes nothing.
 */
abstract class UsageFormat implements AdapterFormat {
  private static final List<String> MERGE_KEY =
      List.of("usage_date", "deployment_id", "model_name");

  private final String name;
  private final boolean rejectsNegativeCost;

  /**
   * @param name the CLI name
   * @param rejectsNegativeCost true for cost feeds whose refunds can make a day negative (REJECT
   *     {@code negative_net_cost})
   */
  UsageFormat(String name, boolean rejectsNegativeCost) {
    this.name = name;
    this.rejectsNegativeCost = rejectsNegativeCost;
  }

  static UsageFormat of(String name) {
    return AdapterRegistry.find(name)
        .filter(UsageFormat.class::isInstance)
        .map(UsageFormat.class::cast)
        .orElseThrow(
            () ->
                AdapterException.unusable(
                    "Cannot merge inference_usage from "
                        + name
                        + ": not a cost format (litellm, focus, openai-usage, anthropic-usage,"
                        + " otel-genai)"));
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public Set<LandingDataset> datasets() {
    return Set.of(LandingDataset.INFERENCE_USAGE);
  }

  @Override
  public FormatSection parseSection(ConfigNode section) {
    return UsageSection.parse(name(), section);
  }

  /** Where each inference_usage column comes from in this format (before maps and defaults). */
  abstract List<ColumnSource> vendorSources(
      UsageSection section, String column, UsageRole role, AdapterConfig config);

  /** Reads every record of {@code inputs} into the feed's aggregate, accounting as it goes. */
  abstract void read(UsageFeed feed, List<AdapterRun.Input> inputs) throws IOException;

  final boolean rejectsNegativeCost() {
    return rejectsNegativeCost;
  }

  @Override
  public void convert(AdapterRun run) throws IOException {
    UsageRole role = UsageRole.of(name(), run.config());
    if (role == UsageRole.COST_FROM || !run.writes(LandingDataset.INFERENCE_USAGE)) {
      return;
    }
    UsageSection section = run.section();
    UsageLedger ledger = new UsageLedger(run.report());
    UsageAggregate usage = new UsageAggregate();
    read(new UsageFeed(section, role, ledger, usage), run.inputs());
    if (rejectsNegativeCost()) {
      usage.rejectNegativeCost(ledger);
    }
    Collection<DailyUsage> days =
        role == UsageRole.USAGE_FROM ? merged(run, usage, section, ledger) : usage.days();
    for (DailyUsage day : days) {
      emit(run, day, section.defaults(), ledger);
    }
  }

  private List<DailyUsage> merged(
      AdapterRun run, UsageAggregate usage, UsageSection section, UsageLedger ledger)
      throws IOException {
    AdapterConfig.Merge merge = run.config().merge().orElseThrow();
    if (!merge.key().equals(MERGE_KEY)) {
      throw AdapterException.unusable(
          "owners.inference_usage.merge.key must be "
              + MERGE_KEY
              + " (the inference_usage grain), got "
              + merge.key());
    }
    UsageFormat partner = of(merge.costFrom());
    UsageSection partnerSection =
        (UsageSection) partner.parseSection(run.config().section(merge.costFrom()));
    boolean keyed =
        partner
                .vendorSources(partnerSection, "model_name", UsageRole.COST_FROM, run.config())
                .stream()
                .anyMatch(ColumnSource::always)
            || partnerSection.defaults().containsKey("model_name");
    if (!keyed) {
      throw AdapterException.unusable(
          "inference_usage.model_name (K) has no source in the cost_from format "
              + merge.costFrom()
              + ": set "
              + merge.costFrom()
              + ".model_from or defaults.model_name");
    }
    Path drop = run.costDrop(merge.costFrom());
    if (!Files.exists(drop)) {
      throw AdapterException.unusable(
          "The inference_usage merge takes cost_usd from "
              + merge.costFrom()
              + ", but its export "
              + drop
              + " does not exist (give --cost-in PATH or drop it there)");
    }
    List<AdapterRun.Input> inputs =
        AdapterRun.inputs(drop).stream()
            .map(i -> new AdapterRun.Input(i.path(), merge.costFrom() + ":" + i.name()))
            .toList();
    UsageAggregate cost = new UsageAggregate();
    partner.read(new UsageFeed(partnerSection, UsageRole.COST_FROM, ledger, cost), inputs);
    if (partner.rejectsNegativeCost()) {
      cost.rejectNegativeCost(ledger);
    }
    return UsageMerge.merge(usage, cost, section.defaults(), ledger);
  }

  /** Fills null columns from {@code defaults} (each use counted), accounts and emits the row. */
  private static void emit(
      AdapterRun run, DailyUsage day, Map<String, String> defaults, UsageLedger ledger) {
    String example = day.key.toString();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("org_id", run.org());
    row.put("usage_date", day.key.usageDate());
    row.put("deployment_id", day.key.deploymentId());
    row.put("model_name", day.key.modelName());
    row.put("model_provider", text(day.provider, "model_provider", defaults, ledger, example));
    row.put("model_tier", text(day.tier, "model_tier", defaults, ledger, example));
    row.put("requests", count(day.requests, "requests", defaults, ledger, example));
    row.put("input_tokens", count(day.inputTokens, "input_tokens", defaults, ledger, example));
    row.put("output_tokens", count(day.outputTokens, "output_tokens", defaults, ledger, example));
    row.put("errors", count(day.errors, "errors", defaults, ledger, example));
    BigDecimal cost = day.cost;
    if (cost == null && defaults.containsKey("cost_usd")) {
      ledger.defaulted("cost_usd", example);
      cost = new BigDecimal(defaults.get("cost_usd").trim());
    }
    row.put("cost_usd", cost == null ? null : cost.setScale(6, RoundingMode.HALF_UP));
    row.put("latency_p95_ms", day.latencyP95Ms());
    run.emit(LandingDataset.INFERENCE_USAGE, row);
    day.records.forEach(ledger::written);
    ledger.rows(day.positions.keySet().iterator().next(), 1);
  }

  private static String text(
      String value, String column, Map<String, String> defaults, UsageLedger ledger, String ex) {
    if (value != null || !defaults.containsKey(column)) {
      return value;
    }
    ledger.defaulted(column, ex);
    return defaults.get(column);
  }

  private static Long count(
      Long value, String column, Map<String, String> defaults, UsageLedger ledger, String ex) {
    if (value != null || !defaults.containsKey(column)) {
      return value;
    }
    ledger.defaulted(column, ex);
    return Long.parseLong(defaults.get(column).trim());
  }

  /**
   * The deployment_id source of a format: the vendor field, mapped, else REJECT {@code reject}
   * (unless a default follows).
   */
  static ColumnSource deploymentSource(String vendor, UsageSection section, String reject) {
    return ColumnSource.always(
        vendor
            + (section.map("deployment").isEmpty() ? "" : " (map.deployment)")
            + (section.defaults().containsKey("deployment_id") ? "" : ", else REJECT " + reject));
  }
}
