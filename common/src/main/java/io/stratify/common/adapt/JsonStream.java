package io.stratify.common.adapt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * Streaming JSON for large exports: each element of an array is read as a small tree, the file
 * never as a whole. Positions are JSON pointers for the report.
 */
public final class JsonStream {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  /** Floats as BigDecimal: vendor costs are never read through a double. */
  private static final ObjectMapper DECIMALS =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private JsonStream() {}

  /**
   * Calls {@code each} with (JSON pointer, element) for every element of the array at top level or
   * under field {@code arrayField} of the top-level object (other top-level fields go to {@code
   * other} as (name, value); pass null to ignore them). A file that is not JSON exits 2 naming its
   * line (REJECT {@code unparseable} is the caller's choice).
   */
  public static void elements(
      Path file,
      String arrayField,
      BiConsumer<String, JsonNode> each,
      BiConsumer<String, JsonNode> other)
      throws IOException {
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = FACTORY.createParser(in)) {
      p.setCodec(JSON);
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        array(p, "", each);
        return;
      }
      if (t != JsonToken.START_OBJECT) {
        throw new com.fasterxml.jackson.core.JsonParseException(p, "expected an object or array");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals(arrayField) && v == JsonToken.START_ARRAY) {
          array(p, "/" + escape(name), each);
        } else {
          JsonNode node = p.readValueAsTree();
          if (other != null) {
            other.accept(name, node);
          }
        }
      }
    }
  }

  private static String escape(String s) {
    return s.replace("~", "~0").replace("/", "~1");
  }

  private static void array(JsonParser p, String prefix, BiConsumer<String, JsonNode> each)
      throws IOException {
    int i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      JsonNode node = p.readValueAsTree();
      each.accept(prefix + "/" + i, node);
      i++;
    }
  }

  /**
   * Calls {@code each} with (position, object) for every top-level object of a file holding one
   * object, an array of objects, or several objects one after another (JSON Lines); only one object
   * is in memory. Positions are {@code #n} (1-based, top-level value) or {@code #n/i} (array
   * element).
   */
  public static void objects(Path file, BiConsumer<String, JsonNode> each) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = FACTORY.createParser(in)) {
      p.setCodec(DECIMALS);
      int value = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        value++;
        if (t == JsonToken.START_ARRAY) {
          int i = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            each.accept("#" + value + "/" + i++, p.readValueAsTree());
          }
        } else if (t == JsonToken.START_OBJECT) {
          each.accept("#" + value, p.readValueAsTree());
        } else {
          throw new com.fasterxml.jackson.core.JsonParseException(
              p, "expected an object or an array of objects, found " + t);
        }
      }
    }
  }

  /** Reads every line of a JSON Lines file as a tree: (line number, node). */
  public static void lines(Path file, BiConsumer<Integer, JsonNode> each) throws IOException {
    int[] n = {0};
    try (var r = Files.newBufferedReader(file)) {
      String line;
      while ((line = r.readLine()) != null) {
        n[0]++;
        if (!line.isBlank()) {
          each.accept(n[0], JSON.readTree(line));
        }
      }
    }
  }

  /** Reads a small JSON file whole (only for files known to be small, e.g. one API page). */
  public static JsonNode tree(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }
}
