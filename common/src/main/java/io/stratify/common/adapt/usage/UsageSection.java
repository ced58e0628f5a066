package io.stratify.common.adapt.usage;

import io.stratify.common.adapt.AdapterConfig;
import io.stratify.common.adapt.ColumnSource;
import io.stratify.common.adapt.ConfigNode;
import io.stratify.common.adapt.FormatSection;
import io.stratify.common.adapt.ValueMap;
import io.stratify.common.contract.LandingDataset;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed section of a cost format ({@code litellm:}, {@code focus:}, {@code openai-usage:},
 * {@code anthropic-usage:}, {@code otel-genai:}; ADAPTERS.md §4, §9): the settings every usage
 * format shares (zone of naive times, deployment sources, maps, defaults) and the format's own
 * ({@link #litellmShape}, {@link #focus}, {@link #lineItemModel}, {@link #prices}).
 *
 * @param format the format name
 * @param sourceTimezone zone of naive vendor timestamps; null when none is configured
 * @param deploymentFrom ordered deployment sources (names per format)
 * @param maps {@code map:} tables by name ({@code provider}, {@code model_tier}, {@code
 *     deployment}, and the format's own)
 * @param defaults inference_usage column to default value (YAML text)
 * @param litellmShape {@code litellm.format}: spendlogs, standard or langfuse
 * @param focus the {@code focus:} settings, null for other formats
 * @param prices {@code otel-genai map.price}: model pattern to USD per million tokens
 */
record UsageSection(
    String format,
    ZoneId sourceTimezone,
    List<String> deploymentFrom,
    Map<String, ValueMap> maps,
    Map<String, String> defaults,
    String litellmShape,
    FocusSettings focus,
    Map<String, Price> prices)
    implements FormatSection {

  /** {@code map.price} of otel-genai: USD per million input and output tokens. */
  record Price(ValueMap model, BigDecimal inputPerMillion, BigDecimal outputPerMillion) {}

  /** The columns {@code defaults:} may fill. */
  static final List<String> DEFAULTABLE =
      List.of(
          "deployment_id",
          "model_name",
          "model_provider",
          "model_tier",
          "requests",
          "input_tokens",
          "output_tokens",
          "errors",
          "cost_usd");

  private static final Set<String> COUNTS =
      Set.of("requests", "input_tokens", "output_tokens", "errors");

  /** The keys each format's section allows, beside {@code map} and {@code defaults}. */
  private static final Map<String, List<String>> KEYS =
      Map.of(
          LiteLlmFormat.NAME,
          List.of("format", "source_timezone", "deployment_from"),
          FocusFormat.NAME,
          FocusSettings.KEYS,
          OpenAiUsageFormat.NAME,
          List.of("deployment_from"),
          AnthropicUsageFormat.NAME,
          List.of("deployment_from"),
          OtelGenAiFormat.NAME,
          List.of());

  private static final Map<String, List<String>> MAP_KEYS =
      Map.of(
          LiteLlmFormat.NAME,
          List.of("provider", "model_tier", "deployment"),
          FocusFormat.NAME,
          List.of("provider", "model_tier", "deployment", "resource", "model"),
          OpenAiUsageFormat.NAME,
          List.of("model_tier", "deployment", "line_item_model"),
          AnthropicUsageFormat.NAME,
          List.of("model_tier", "deployment"),
          OtelGenAiFormat.NAME,
          List.of("provider", "model_tier", "deployment", "price"));

  /** Parses {@code section} (null: no section) of {@code format}; exit 2 with file and line. */
  static UsageSection parse(String format, ConfigNode section) {
    ZoneId zone = null;
    List<String> from = List.of();
    Map<String, ValueMap> maps = new LinkedHashMap<>();
    Map<String, String> defaults = new LinkedHashMap<>();
    String shape = null;
    Map<String, Price> prices = new LinkedHashMap<>();
    FocusSettings focus = null;
    Map<String, ConfigNode> entries = Map.of();
    if (section != null && !section.isNull()) {
      List<String> allowed = new ArrayList<>(KEYS.get(format));
      allowed.addAll(List.of("map", "defaults"));
      entries = section.entries(allowed.toArray(String[]::new));
    }
    for (Map.Entry<String, ConfigNode> e : entries.entrySet()) {
      ConfigNode n = e.getValue();
      switch (e.getKey()) {
        case "format" -> shape = n.oneOf("spendlogs", "standard", "langfuse");
        case "source_timezone" -> zone = ZoneId.of(n.timezone());
        case "deployment_from" -> from = deploymentFrom(format, n);
        case "map" -> {
          for (Map.Entry<String, ConfigNode> m :
              n.entries(MAP_KEYS.get(format).toArray(String[]::new)).entrySet()) {
            if (m.getKey().equals("price")) {
              prices = prices(m.getValue());
            } else {
              maps.put(m.getKey(), ValueMap.parse(m.getValue()));
            }
          }
        }
        case "defaults" -> {
          for (Map.Entry<String, ConfigNode> d :
              n.entries(DEFAULTABLE.toArray(String[]::new)).entrySet()) {
            String column = d.getKey();
            ConfigNode v = d.getValue();
            if (COUNTS.contains(column) && v.integer() < 0) {
              throw v.error("must be a whole number >= 0");
            }
            if (column.equals("cost_usd") && v.decimal().signum() < 0) {
              throw v.error("must be >= 0");
            }
            defaults.put(column, v.string());
          }
        }
        default -> {}
      }
    }
    if (format.equals(FocusFormat.NAME)) {
      focus = FocusSettings.parse(entries, maps, defaults);
    }
    if (format.equals(LiteLlmFormat.NAME)) {
      if (shape == null) {
        throw missing(section, "litellm.format is required: spendlogs, standard or langfuse");
      }
      if (!shape.equals("langfuse") && zone == null) {
        throw missing(
            section,
            "litellm.source_timezone is required: "
                + shape
                + " exports carry times without a zone (e.g. '2025-01-24 09:20:46.847371')");
      }
    }
    return new UsageSection(
        format,
        zone,
        from,
        Map.copyOf(maps),
        Map.copyOf(defaults),
        shape,
        focus,
        Map.copyOf(prices));
  }

  private static io.stratify.common.adapt.AdapterException missing(
      ConfigNode section, String what) {
    return section == null || section.isNull()
        ? io.stratify.common.adapt.AdapterException.unusable(
            what + " (no litellm: section in the config)")
        : section.error(what);
  }

  private static List<String> deploymentFrom(String format, ConfigNode n) {
    List<String> out = new ArrayList<>();
    for (ConfigNode item : n.list()) {
      String v = item.string();
      boolean ok =
          switch (format) {
            case LiteLlmFormat.NAME ->
                List.of("key_alias", "team_alias", "end_user").contains(v) || v.startsWith("tag:");
            case OpenAiUsageFormat.NAME -> List.of("project_id", "api_key_id").contains(v);
            case AnthropicUsageFormat.NAME -> List.of("workspace_id", "api_key_id").contains(v);
            default -> false;
          };
      if (!ok) {
        throw item.error("'" + v + "' is not a deployment source of " + format);
      }
      out.add(v);
    }
    return List.copyOf(out);
  }

  private static Map<String, Price> prices(ConfigNode node) {
    Map<String, Price> out = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
      Map<String, ConfigNode> p = e.getValue().entries("input", "output");
      if (!p.containsKey("input") || !p.containsKey("output")) {
        throw e.getValue().error("a price needs input and output (USD per million tokens)");
      }
      out.put(
          e.getKey(),
          new Price(
              ValueMap.of(Map.of(e.getKey(), e.getKey())),
              p.get("input").decimal(),
              p.get("output").decimal()));
    }
    return out;
  }

  ValueMap map(String name) {
    return maps.getOrDefault(name, ValueMap.empty());
  }

  /** The inference_usage sources of this format in this configuration (for --explain). */
  @Override
  public List<ColumnSource> sources(LandingDataset ds, String column, AdapterConfig config) {
    List<ColumnSource> out = new ArrayList<>();
    if (ds != LandingDataset.INFERENCE_USAGE) {
      return out;
    }
    UsageRole role = UsageRole.of(format, config);
    out.addAll(UsageFormat.of(format).vendorSources(this, column, role, config));
    if (column.equals("model_tier") && !map("model_tier").isEmpty()) {
      // A mapping is a source (ADAPTERS.md 4.2); an unmatched model is left empty for ingest.
      out.add(ColumnSource.always("map.model_tier"));
    }
    out.addAll(ColumnSource.defaulted(defaults, column));
    return out;
  }
}
