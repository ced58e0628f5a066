package io.stratify.jobs.generate;

import java.util.List;

/** The models deployments call, with list prices and typical latency. */
final class ModelCatalog {

  /**
   * One model.
   *
   * @param provider who serves it
   * @param name model name
   * @param tier frontier, standard or small
   * @param inputUsdPerMillion price of a million input tokens
   * @param outputUsdPerMillion price of a million output tokens
   * @param p95Ms typical daily p95 latency
   */
  record Model(
      String provider,
      String name,
      String tier,
      double inputUsdPerMillion,
      double outputUsdPerMillion,
      double p95Ms) {}

  static final List<Model> CHAT =
      List.of(
          new Model("openai", "gpt-4.1", "frontier", 2.00, 8.00, 3200),
          new Model("openai", "gpt-4.1-mini", "standard", 0.40, 1.60, 1400),
          new Model("openai", "gpt-4.1-nano", "small", 0.10, 0.40, 650),
          new Model("anthropic", "claude-opus-4", "frontier", 15.00, 75.00, 5200),
          new Model("anthropic", "claude-sonnet-4", "frontier", 3.00, 15.00, 2600),
          new Model("anthropic", "claude-3-5-haiku", "small", 0.80, 4.00, 900),
          new Model("google", "gemini-2.5-pro", "frontier", 1.25, 10.00, 3600),
          new Model("google", "gemini-2.5-flash", "standard", 0.30, 2.50, 1100),
          new Model("azure-openai", "gpt-4o", "standard", 2.50, 10.00, 1900),
          new Model("aws-bedrock", "amazon-nova-lite", "small", 0.06, 0.24, 700),
          new Model("mistral", "mistral-large-2", "standard", 2.00, 6.00, 1700),
          new Model("self-hosted", "llama-3.1-8b-instruct", "small", 0.05, 0.05, 450));

  static final Model EMBEDDING =
      new Model("openai", "text-embedding-3-small", "small", 0.02, 0, 160);

  static final Model RERANK = new Model("cohere", "rerank-v3.5", "small", 0.05, 0, 240);

  private ModelCatalog() {}

  static List<Model> ofTier(String tier) {
    return CHAT.stream().filter(m -> m.tier().equals(tier)).toList();
  }
}
