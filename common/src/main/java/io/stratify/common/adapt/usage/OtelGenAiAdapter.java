package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code otel-genai} (ADAPTERS.md §9.3): OTLP/JSON trace exports to inference_usage. Only GenAI
 * operation spans (chat, text_completion, generate_content, embeddings) count as requests; agent,
 * tool and other spans skip {@code operation}, so one request is never counted twice. Only named
 * attributes are read: {@code gen_ai.input.messages} and {@code gen_ai.output.messages} never leave
 * this class.
 */
public final class OtelGenAiAdapter {
  static final Set<String> OPERATIONS =
      Set.of("chat", "text_completion", "generate_content", "embeddings");
  private static final BigDecimal PER_MILLION = BigDecimal.valueOf(1_000_000);

  /** {@code map.price}: USD per million input and output tokens. */
  public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {}

  private final UsageSettings settings;
  private final Map<GlobMap, Price> prices = new LinkedHashMap<>();

  /**
   * @param prices model glob to price, first match wins; empty: cost comes from a merge
   * @throws UsageConfigException naming a required column without a source
   */
  public OtelGenAiAdapter(UsageSettings settings, Map<String, Price> prices, UsageRole role) {
    this.settings = settings;
    prices.forEach(
        (glob, price) -> this.prices.put(new GlobMap("map.price", Map.of(glob, "")), price));
    settings.require("model_tier", !settings.modelTier().isEmpty());
    if (role == UsageRole.OWNER) {
      settings.require("cost_usd", !prices.isEmpty());
    }
  }

  public UsageFeed adapt(Path root, List<Path> files) throws IOException {
    UsageTally tally = new UsageTally();
    UsageAggregate aggregate = new UsageAggregate();
    for (Path file : files) {
      String name = root.relativize(file).toString();
      int[] request = {0};
      try (InputStream in = Files.newInputStream(file)) {
        VendorJson.eachObject(
            in,
            export -> {
              int e = request[0]++;
              JsonNode resourceSpans = export.path("resourceSpans");
              for (int rs = 0; rs < resourceSpans.size(); rs++) {
                JsonNode resource = resourceSpans.get(rs);
                Map<String, JsonNode> resourceAttributes =
                    attributes(resource.path("resource").path("attributes"));
                JsonNode scopes = resource.path("scopeSpans");
                for (int ss = 0; ss < scopes.size(); ss++) {
                  JsonNode spans = scopes.get(ss).path("spans");
                  for (int s = 0; s < spans.size(); s++) {
                    String position =
                        "/" + e + "/resourceSpans/" + rs + "/scopeSpans/" + ss + "/spans/" + s;
                    span(spans.get(s), resourceAttributes, name, position, tally, aggregate);
                  }
                }
              }
            });
      }
    }
    return new UsageFeed("otel-genai", aggregate.finish(settings, tally, false), tally);
  }

  private void span(
      JsonNode span,
      Map<String, JsonNode> resource,
      String file,
      String position,
      UsageTally tally,
      UsageAggregate aggregate) {
    tally.read++;
    Map<String, JsonNode> attributes = attributes(span.path("attributes"));
    String operation = text(attributes.get("gen_ai.operation.name"));
    if (operation == null || !OPERATIONS.contains(operation)) {
      tally.skip("operation");
      return;
    }
    String id = VendorJson.text(span, "spanId");
    String model = text(attributes.get("gen_ai.request.model"));
    if (model == null) {
      model = text(attributes.get("gen_ai.response.model"));
    }
    if (model == null) {
      model = settings.defaults().get("model_name");
    }
    String service = text(resource.get("service.name"));
    String deployment =
        service == null
            ? settings.defaults().get("deployment_id")
            : settings.deployment().lookup(service).orElse(service);
    if (deployment == null) {
      tally.reject(reject(file, position, id, "no_deployment"));
      return;
    }
    if (model == null) {
      tally.reject(reject(file, position, id, "no_key"));
      return;
    }
    String provider = text(attributes.get("gen_ai.provider.name"));
    if (provider == null) {
      provider = text(attributes.get("gen_ai.system"));
    }
    if (provider == null) {
      provider = settings.provider().lookup(model).orElse(null);
    }
    if (provider == null) {
      tally.reject(reject(file, position, id, "no_provider"));
      return;
    }
    Long start;
    Long end;
    Long input;
    Long output;
    try {
      start = VendorJson.integer(span.get("startTimeUnixNano"));
      end = VendorJson.integer(span.get("endTimeUnixNano"));
      input = VendorJson.integer(attributes.get("gen_ai.usage.input_tokens"));
      output = VendorJson.integer(attributes.get("gen_ai.usage.output_tokens"));
    } catch (ArithmeticException | NumberFormatException ex) {
      tally.reject(reject(file, position, id, "invalid_number"));
      return;
    }
    if (start == null) {
      tally.reject(reject(file, position, id, "unparseable"));
      return;
    }
    UsageKey key =
        new UsageKey(
            Instant.ofEpochSecond(0, start).atOffset(ZoneOffset.UTC).toLocalDate(),
            deployment,
            model);
    DailyUsage day = aggregate.at(key, file, position);
    day.records++;
    if (day.provider == null) {
      day.provider = provider;
    }
    if (day.tier == null) {
      day.tier = settings.modelTier().lookup(model).orElse(null);
    }
    day.addRequests(1);
    day.addErrors(failed(span, attributes) ? 1 : 0);
    // A span without token counts adds none: the column stays null for defaults to fill.
    day.addInputTokens(input);
    day.addOutputTokens(output);
    Price price = price(model);
    if (price != null && input != null && output != null) {
      day.addCost(
          price
              .inputPerMillion()
              .multiply(BigDecimal.valueOf(input))
              .add(price.outputPerMillion().multiply(BigDecimal.valueOf(output)))
              .divide(PER_MILLION, MathContext.DECIMAL128));
    }
    if (end != null && end >= start) {
      day.addLatencyNanos(end - start);
    }
  }

  private Price price(String model) {
    for (Map.Entry<GlobMap, Price> e : prices.entrySet()) {
      if (e.getKey().lookup(model).isPresent()) {
        return e.getValue();
      }
    }
    return null;
  }

  /** {@code error.type} set, or span status ERROR (code 2, or its enum name in OTLP/JSON). */
  private static boolean failed(JsonNode span, Map<String, JsonNode> attributes) {
    if (text(attributes.get("error.type")) != null) {
      return true;
    }
    JsonNode code = span.path("status").get("code");
    return code != null && (code.asText().equals("2") || code.asText().equals("STATUS_CODE_ERROR"));
  }

  /** OTLP attributes {@code [{key, value: {stringValue|intValue|...}}]} as key to value node. */
  private static Map<String, JsonNode> attributes(JsonNode list) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (list == null || !list.isArray()) {
      return out;
    }
    for (JsonNode attribute : list) {
      String key = VendorJson.text(attribute, "key");
      JsonNode value = attribute.get("value");
      if (key == null || value == null || !value.isObject() || !value.fields().hasNext()) {
        continue;
      }
      out.put(key, value.fields().next().getValue());
    }
    return out;
  }

  private static String text(JsonNode value) {
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    String text = value.asText().strip();
    return text.isEmpty() ? null : text;
  }

  private static UsageTally.Rejection reject(String file, String position, String id, String code) {
    return new UsageTally.Rejection(file, position, id, List.of(code), 1, null);
  }
}
