package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratify.common.adapt.AdapterException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** The JSON value conversions the usage formats share (streaming is {@code JsonStream}'s). */
final class VendorJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private VendorJson() {}

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
   * @throws AdapterException (exit 2) when the time is naive and no zone is configured
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
        throw AdapterException.unusable(
            format
                + ".source_timezone is required: the export has timestamps without a zone ('"
                + text
                + "')");
      }
      return LocalDateTime.parse(iso).atZone(zone).toInstant();
    }
  }
}
