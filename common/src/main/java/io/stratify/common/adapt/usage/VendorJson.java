package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/** Streaming JSON reading and the value conversions the usage formats share. */
final class VendorJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private VendorJson() {}

  /**
   * Calls {@code each} for every top-level object of a file holding one object, a JSON array of
   * objects, or JSON Lines (several whitespace-separated objects); only one value is in memory.
   */
  static void eachObject(InputStream in, Consumer<JsonNode> each) throws IOException {
    try (JsonParser parser = FACTORY.createParser(in)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            each.accept(MAPPER.readTree(parser));
          }
        } else if (token == JsonToken.START_OBJECT) {
          each.accept(MAPPER.readTree(parser));
        } else {
          throw new IOException("Cannot read JSON: expected an object or array, found " + token);
        }
      }
    }
  }

  /** Text of a field, null when absent, JSON null, empty, or the string {@code "None"}. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    String text = value.asText().trim();
    return text.isEmpty() || text.equals("None") ? null : text;
  }

  static JsonNode path(JsonNode node, String... fields) {
    JsonNode current = node;
    for (String f : fields) {
      if (current == null || current.isNull()) {
        return null;
      }
      current = current.get(f);
    }
    return current == null || current.isNull() ? null : current;
  }

  /** A number given as a JSON number or string; null when absent. */
  static BigDecimal decimal(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    String text = node.asText().trim();
    return text.isEmpty() ? null : new BigDecimal(text);
  }

  static Long integer(JsonNode node) {
    BigDecimal value = decimal(node);
    return value == null ? null : value.longValueExact();
  }

  /**
   * An instant from an ISO-8601 timestamp with or without zone (space or T separator); naive times
   * are read in {@code zone}.
   *
   * @throws UsageConfigException when the time is naive and no zone is configured
   */
  static Instant instant(String text, ZoneId zone, String format) {
    String iso = text.trim().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException zoned) {
      if (iso.endsWith("Z")) {
        return Instant.parse(iso);
      }
      if (zone == null) {
        throw new UsageConfigException(
            format
                + ".source_timezone is required: the export has timestamps without a zone ('"
                + text
                + "')");
      }
      return LocalDateTime.parse(iso).atZone(zone).toInstant();
    }
  }
}
