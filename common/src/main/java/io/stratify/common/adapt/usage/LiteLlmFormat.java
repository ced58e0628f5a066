package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratify.common.adapt.AdapterConfig;
import io.stratify.common.adapt.AdapterException;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.ColumnSource;
import io.stratify.common.adapt.JsonStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * {@code litellm} (ADAPTERS.md §9.1): LiteLLM gateway call logs to inference_usage, one row per
 * (UTC date, deployment, model) with requests, tokens, errors, LiteLLM's price-map cost and the
 * exact p95 latency. Only named fields are read: prompts and completions ({@code messages}, {@code
 * response}, Langfuse {@code input}/{@code output}) and keys never leave this class.
 */
final class LiteLlmFormat extends UsageFormat {
  static final String NAME = "litellm";

  /** The three export shapes; one feed holds exactly one. */
  enum Shape {
    SPENDLOGS,
    STANDARD,
    LANGFUSE
  }

  LiteLlmFormat() {
    super(NAME, /* rejectsNegativeCost= */ false);
  }

  @Override
  List<ColumnSource> vendorSources(
      UsageSection section, String column, UsageRole role, AdapterConfig config) {
    boolean langfuse = "langfuse".equals(section.litellmShape());
    return switch (column) {
      case "usage_date" ->
          List.of(
              ColumnSource.always(
                  langfuse ? "startTime (UTC)" : "startTime in " + section.sourceTimezone()));
      case "deployment_id" ->
          List.of(
              deploymentSource(
                  "deployment_from " + section.deploymentFrom(), section, "no_deployment"));
      case "model_name" -> List.of(ColumnSource.always("model > hidden_params.litellm_model_name"));
      case "model_provider" ->
          List.of(
              ColumnSource.always(
                  (langfuse ? "" : "custom_llm_provider > model_map litellm_provider > ")
                      + "map.provider (model), else REJECT no_provider"));
      case "requests" ->
          List.of(ColumnSource.always(langfuse ? "1 per generation-create" : "1 per call"));
      case "input_tokens" ->
          List.of(ColumnSource.always(langfuse ? "usage.input" : "prompt_tokens"));
      case "output_tokens" ->
          List.of(ColumnSource.always(langfuse ? "usage.output" : "completion_tokens"));
      case "errors" ->
          List.of(ColumnSource.always(langfuse ? "level = ERROR" : "status != success"));
      case "cost_usd" ->
          role == UsageRole.USAGE_FROM
              ? List.of(mergeSource(config))
              : List.of(
                  ColumnSource.always(
                      langfuse
                          ? "usage.totalCost"
                          : "SPENDLOGS".equals(shape(section).name()) ? "spend" : "response_cost"));
      case "latency_p95_ms" -> List.of(ColumnSource.sometimes("p95 of endTime - startTime"));
      default -> List.of();
    };
  }

  static ColumnSource mergeSource(AdapterConfig config) {
    return ColumnSource.always(
        "merge: cost_from " + config.merge().orElseThrow().costFrom() + " on the key");
  }

  private static Shape shape(UsageSection section) {
    return Shape.valueOf(section.litellmShape().toUpperCase(Locale.ROOT));
  }

  @Override
  void read(UsageFeed feed, List<AdapterRun.Input> inputs) throws IOException {
    new Reader(feed).read(inputs);
  }

  /** One run's reading state. */
  private static final class Reader {
    private final UsageSection settings;
    private final Shape shape;
    private final UsageLedger ledger;
    private final UsageAggregate aggregate;

    Reader(UsageFeed feed) {
      this.settings = feed.section();
      this.shape = shape(feed.section());
      this.ledger = feed.ledger();
      this.aggregate = feed.aggregate();
    }

    void read(List<AdapterRun.Input> inputs) throws IOException {
      for (AdapterRun.Input input : inputs) {
        String name = input.name();
        JsonStream.objects(
            input.path(),
            (position, node) -> {
              if (node.has("batch")) {
                checkShape(Shape.LANGFUSE, name);
                JsonNode batch = node.get("batch");
                for (int i = 0; i < batch.size(); i++) {
                  call(batch.get(i), name, position + "/batch/" + i);
                }
              } else {
                checkShape(shapeOf(node), name);
                call(node, name, position);
              }
            });
      }
    }

    private static Shape shapeOf(JsonNode node) {
      if (node.has("request_id") && node.has("spend")) {
        return Shape.SPENDLOGS;
      }
      if (node.has("type") && node.has("body")) {
        return Shape.LANGFUSE;
      }
      return Shape.STANDARD;
    }

    private void checkShape(Shape found, String file) {
      if (found != shape) {
        throw AdapterException.unusable(
            "Cannot adapt litellm feed: "
                + file
                + " is a "
                + found.name().toLowerCase(Locale.ROOT)
                + " export but litellm.format is "
                + shape.name().toLowerCase(Locale.ROOT)
                + " (one export shape per feed; mixed shapes would count a call twice)");
      }
    }

    private void call(JsonNode record, String file, String position) {
      ledger.read(file);
      JsonNode call = record;
      if (shape == Shape.LANGFUSE) {
        String type = VendorJson.text(record, "type");
        if (!"generation-create".equals(type)) {
          ledger.skip(file, "event_type");
          return;
        }
        call = record.get("body");
      }
      String id = id(call);
      Instant start;
      Instant end;
      try {
        start =
            VendorJson.instant(
                VendorJson.text(call, "startTime"), settings.sourceTimezone(), "litellm");
        String endText = VendorJson.text(call, "endTime");
        end =
            endText == null
                ? null
                : VendorJson.instant(endText, settings.sourceTimezone(), "litellm");
      } catch (DateTimeException | NullPointerException e) {
        reject(file, position, id, "unparseable", call);
        return;
      }
      JsonNode metadata = metadata(call);
      String model = model(call, metadata);
      if (model == null) {
        reject(file, position, id, "no_key", call);
        return;
      }
      String provider = provider(call, metadata, model);
      if (provider == null) {
        reject(file, position, id, "no_provider", call);
        return;
      }
      String deployment = deployment(call, metadata);
      if (deployment == null) {
        reject(file, position, id, "no_deployment", call);
        return;
      }
      BigDecimal cost;
      Long input;
      Long output;
      try {
        cost = cost(call);
        input = tokens(call, "prompt_tokens", "input");
        output = tokens(call, "completion_tokens", "output");
      } catch (ArithmeticException | NumberFormatException e) {
        reject(file, position, id, "invalid_number", call);
        return;
      }
      UsageKey key = new UsageKey(start.atOffset(ZoneOffset.UTC).toLocalDate(), deployment, model);
      DailyUsage day = aggregate.at(key);
      day.record(file, position);
      day.provider = day.provider == null ? provider : day.provider;
      if (day.tier == null) {
        day.tier = settings.map("model_tier").apply(model).orElse(null);
      }
      day.addRequests(1);
      day.addErrors(failed(call) ? 1 : 0);
      day.addInputTokens(input == null ? 0L : input);
      day.addOutputTokens(output == null ? 0L : output);
      day.addCost(cost == null ? BigDecimal.ZERO : cost);
      if (end != null) {
        day.addLatencyNanos(Duration.between(start, end).toNanos());
      }
    }

    private void reject(String file, String position, String id, String code, JsonNode call) {
      BigDecimal cost;
      try {
        cost = cost(call);
      } catch (RuntimeException e) {
        cost = null;
      }
      ledger.reject(file, position, id, code, cost);
    }

    private static String id(JsonNode call) {
      String id = VendorJson.text(call, "request_id");
      return id != null ? id : VendorJson.text(call, "id");
    }

    /** SpendLogs stores metadata as a JSON string; the other shapes as an object. */
    private static JsonNode metadata(JsonNode call) {
      JsonNode metadata = call.get("metadata");
      if (metadata != null && metadata.isTextual()) {
        try {
          return VendorJson.MAPPER.readTree(metadata.asText());
        } catch (IOException e) {
          return null;
        }
      }
      return metadata;
    }

    private String model(JsonNode call, JsonNode metadata) {
      String model = VendorJson.text(call, "model");
      if (model == null) {
        model = VendorJson.text(VendorJson.path(call, "hidden_params"), "litellm_model_name");
      }
      if (model == null) {
        model = VendorJson.text(VendorJson.path(metadata, "hidden_params"), "litellm_model_name");
      }
      return model;
    }

    private String provider(JsonNode call, JsonNode metadata, String model) {
      String provider = VendorJson.text(call, "custom_llm_provider");
      if (provider == null) {
        provider =
            VendorJson.text(
                VendorJson.path(call, "model_map_information", "model_map_value"),
                "litellm_provider");
      }
      if (provider == null) {
        provider =
            VendorJson.text(
                VendorJson.path(metadata, "model_map_information", "model_map_value"),
                "litellm_provider");
      }
      if (provider == null) {
        provider = settings.map("provider").apply(model).orElse(null);
      }
      return provider == null ? null : provider.toLowerCase(Locale.ROOT);
    }

    /** The first configured source that has a value, else {@code defaults.deployment_id}. */
    private String deployment(JsonNode call, JsonNode metadata) {
      for (String source : settings.deploymentFrom()) {
        String value =
            switch (source) {
              case "key_alias" -> VendorJson.text(metadata, "user_api_key_alias");
              case "team_alias" ->
                  first(
                      VendorJson.text(metadata, "user_api_key_team_alias"),
                      VendorJson.text(metadata, "user_api_key_team_id"),
                      VendorJson.text(call, "team_id"));
              case "end_user" -> VendorJson.text(call, "end_user");
              default -> source.startsWith("tag:") ? tag(call, source.substring(4)) : null;
            };
        if (value != null) {
          return settings.map("deployment").apply(value).orElse(value);
        }
      }
      return settings.defaults().get("deployment_id");
    }

    private static String first(String... values) {
      for (String v : values) {
        if (v != null) {
          return v;
        }
      }
      return null;
    }

    /** SpendLogs stores request_tags as a JSON string ({@code "[]"}); Langfuse as {@code tags}. */
    private static String tag(JsonNode call, String prefix) {
      JsonNode tags = call.has("request_tags") ? call.get("request_tags") : call.get("tags");
      if (tags != null && tags.isTextual()) {
        try {
          tags = VendorJson.MAPPER.readTree(tags.asText());
        } catch (IOException e) {
          return null;
        }
      }
      if (tags == null || !tags.isArray()) {
        return null;
      }
      for (JsonNode tag : tags) {
        String text = tag.asText();
        if (text.startsWith(prefix) && text.length() > prefix.length()) {
          return text.substring(prefix.length());
        }
      }
      return null;
    }

    private BigDecimal cost(JsonNode call) {
      return switch (shape) {
        case SPENDLOGS -> VendorJson.decimal(call.get("spend"));
        case STANDARD -> VendorJson.decimal(call.get("response_cost"));
        case LANGFUSE -> VendorJson.decimal(VendorJson.path(call, "usage", "totalCost"));
      };
    }

    private Long tokens(JsonNode call, String openAiName, String langfuseName) {
      return shape == Shape.LANGFUSE
          ? VendorJson.integer(VendorJson.path(call, "usage", langfuseName))
          : VendorJson.integer(call.get(openAiName));
    }

    private boolean failed(JsonNode call) {
      if (shape == Shape.LANGFUSE) {
        return "ERROR".equalsIgnoreCase(VendorJson.text(call, "level"));
      }
      String status = VendorJson.text(call, "status");
      return status != null && !status.equalsIgnoreCase("success");
    }
  }
}
