package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratify.common.adapt.AdapterConfig;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.ColumnSource;
import io.stratify.common.adapt.JsonStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
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
final class OtelGenAiFormat extends UsageFormat {
  static final String NAME = "otel-genai";
  static final Set<String> OPERATIONS =
      Set.of("chat", "text_completion", "generate_content", "embeddings");
  private static final BigDecimal PER_MILLION = BigDecimal.valueOf(1_000_000);

  OtelGenAiFormat() {
    super(NAME, /* rejectsNegativeCost= */ false);
  }

  @Override
  List<ColumnSource> vendorSources(
      UsageSection section, String column, UsageRole role, AdapterConfig config) {
    return switch (column) {
      case "usage_date" -> List.of(ColumnSource.always("span startTimeUnixNano (UTC)"));
      case "deployment_id" ->
          List.of(deploymentSource("resource service.name", section, "no_deployment"));
      case "model_name" ->
          List.of(
              ColumnSource.always(
                  "gen_ai.request.model > gen_ai.response.model"
                      + (section.defaults().containsKey("model_name")
                          ? ""
                          : ", else REJECT no_key")));
      case "model_provider" ->
          List.of(
              ColumnSource.always(
                  "gen_ai.provider.name > gen_ai.system > map.provider, else REJECT no_provider"));
      case "requests" -> List.of(ColumnSource.always("1 per GenAI operation span"));
      case "input_tokens" ->
          List.of(ColumnSource.always("gen_ai.usage.input_tokens (none on a day: empty)"));
      case "output_tokens" ->
          List.of(ColumnSource.always("gen_ai.usage.output_tokens (none on a day: empty)"));
      case "errors" -> List.of(ColumnSource.always("error.type set or status.code 2"));
      case "cost_usd" ->
          role == UsageRole.USAGE_FROM
              ? List.of(LiteLlmFormat.mergeSource(config))
              : section.prices().isEmpty()
                  ? List.of()
                  : List.of(ColumnSource.always("map.price " + section.prices().keySet()));
      case "latency_p95_ms" -> List.of(ColumnSource.sometimes("p95 of end - start"));
      default -> List.of();
    };
  }

  @Override
  void read(UsageFeed feed, List<AdapterRun.Input> inputs) throws IOException {
    Spans spans = new Spans(feed);
    for (AdapterRun.Input input : inputs) {
      String name = input.name();
      JsonStream.objects(
          input.path(),
          (request, export) -> {
            JsonNode resourceSpans = export.path("resourceSpans");
            for (int rs = 0; rs < resourceSpans.size(); rs++) {
              JsonNode resource = resourceSpans.get(rs);
              Map<String, JsonNode> resourceAttributes =
                  Spans.attributes(resource.path("resource").path("attributes"));
              JsonNode scopes = resource.path("scopeSpans");
              for (int ss = 0; ss < scopes.size(); ss++) {
                JsonNode list = scopes.get(ss).path("spans");
                for (int s = 0; s < list.size(); s++) {
                  String position =
                      request + "/resourceSpans/" + rs + "/scopeSpans/" + ss + "/spans/" + s;
                  spans.span(list.get(s), resourceAttributes, name, position);
                }
              }
            }
          });
    }
  }

  /** One run's span rules. */
  private static final class Spans {
    private final UsageSection settings;
    private final UsageLedger ledger;
    private final UsageAggregate aggregate;

    Spans(UsageFeed feed) {
      this.settings = feed.section();
      this.ledger = feed.ledger();
      this.aggregate = feed.aggregate();
    }

    void span(JsonNode span, Map<String, JsonNode> resource, String file, String position) {
      ledger.read(file);
      Map<String, JsonNode> attributes = attributes(span.path("attributes"));
      String operation = text(attributes.get("gen_ai.operation.name"));
      if (operation == null || !OPERATIONS.contains(operation)) {
        ledger.skip(file, "operation");
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
              : settings.map("deployment").apply(service).orElse(service);
      if (deployment == null) {
        ledger.reject(file, position, id, "no_deployment", null);
        return;
      }
      if (model == null) {
        ledger.reject(file, position, id, "no_key", null);
        return;
      }
      String provider = text(attributes.get("gen_ai.provider.name"));
      if (provider == null) {
        provider = text(attributes.get("gen_ai.system"));
      }
      if (provider == null) {
        provider = settings.map("provider").apply(model).orElse(null);
      }
      if (provider == null) {
        ledger.reject(file, position, id, "no_provider", null);
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
        ledger.reject(file, position, id, "invalid_number", null);
        return;
      }
      if (start == null) {
        ledger.reject(file, position, id, "unparseable", null);
        return;
      }
      UsageKey key =
          new UsageKey(
              Instant.ofEpochSecond(0, start).atOffset(ZoneOffset.UTC).toLocalDate(),
              deployment,
              model);
      DailyUsage day = aggregate.at(key);
      day.record(file, position);
      if (day.provider == null) {
        day.provider = provider;
      }
      if (day.tier == null) {
        day.tier = settings.map("model_tier").apply(model).orElse(null);
      }
      day.addRequests(1);
      day.addErrors(failed(span, attributes) ? 1 : 0);
      // A span without token counts adds none: the column stays null for defaults to fill.
      day.addInputTokens(input);
      day.addOutputTokens(output);
      UsageSection.Price price = price(model);
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

    private UsageSection.Price price(String model) {
      for (UsageSection.Price p : settings.prices().values()) {
        if (p.model().apply(model).isPresent()) {
          return p;
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
      return code != null
          && (code.asText().equals("2") || code.asText().equals("STATUS_CODE_ERROR"));
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
  }
}
