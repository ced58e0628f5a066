package io.stratify.common.adapt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Every adapter format, registered in one place: a new format is one class and one line here. */
public final class AdapterRegistry {
  private static final Map<String, Supplier<AdapterFormat>> FORMATS = new LinkedHashMap<>();

  static {
    register("backstage", io.stratify.common.adapt.backstage.BackstageFormat::new);
    register("scim", io.stratify.common.adapt.scim.ScimFormat::new);
    register("pagerduty", io.stratify.common.adapt.incident.PagerDutyFormat::new);
    register("opsgenie", io.stratify.common.adapt.incident.OpsgenieFormat::new);
    register("incidentio", io.stratify.common.adapt.incident.IncidentIoFormat::new);
    register("litellm", io.stratify.common.adapt.usage.UsageFormats::litellm);
    register("focus", io.stratify.common.adapt.usage.UsageFormats::focus);
    register("openai-usage", io.stratify.common.adapt.usage.UsageFormats::openAiUsage);
    register("anthropic-usage", io.stratify.common.adapt.usage.UsageFormats::anthropicUsage);
    register("otel-genai", io.stratify.common.adapt.usage.UsageFormats::otelGenAi);
    register("devlake", io.stratify.common.adapt.devlake.DevLakeFormat::new);
  }

  private AdapterRegistry() {}

  /** Registers a format (package-private: tests register their own). */
  static synchronized void register(String name, Supplier<AdapterFormat> format) {
    FORMATS.put(name, format);
  }

  public static Optional<AdapterFormat> find(String name) {
    Supplier<AdapterFormat> s = FORMATS.get(name);
    return s == null ? Optional.empty() : Optional.of(s.get());
  }

  public static List<String> names() {
    return List.copyOf(FORMATS.keySet());
  }
}
