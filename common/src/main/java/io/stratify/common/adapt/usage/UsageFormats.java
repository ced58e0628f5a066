package io.stratify.common.adapt.usage;

import io.stratify.common.adapt.AdapterFormat;

/**
 * The cost formats of ADAPTERS.md §9 as the registry sees them; their classes stay package-private
 * so the package keeps a small public surface.
 */
public final class UsageFormats {
  private UsageFormats() {}

  public static AdapterFormat litellm() {
    return new LiteLlmFormat();
  }

  public static AdapterFormat focus() {
    return new FocusFormat();
  }

  public static AdapterFormat openAiUsage() {
    return new OpenAiUsageFormat();
  }

  public static AdapterFormat anthropicUsage() {
    return new AnthropicUsageFormat();
  }

  public static AdapterFormat otelGenAi() {
    return new OtelGenAiFormat();
  }
}
