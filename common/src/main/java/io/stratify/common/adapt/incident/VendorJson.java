package io.stratify.common.adapt.incident;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Streams the vendor objects of one JSON export file, whatever its shape: one object, an array of
 * objects, a list page ({@code {"incidents": [...], "more": false, ...}}) or JSON Lines (several
 * root values). Only one vendor object is held in memory at a time: an incident with its embedded
 * log entries, or one element of a list page.
 *
 * <p>A root object whose first field is one of the list keys is a list page, so an incident whose
 * embedded {@code log_entries} come after its own fields is never mistaken for a {@code
 * /log_entries} page. A file is scanned once without building objects before any is handed out, so
 * an unparseable file yields nothing and is rejected whole with its line.
 */
final class VendorJson {

  static final ObjectMapper MAPPER = mapper();

  private static ObjectMapper mapper() {
    JsonFactory factory = new JsonFactory();
    factory.setStreamReadConstraints(
        StreamReadConstraints.builder().maxStringLength(256 << 20).build());
    return new ObjectMapper(factory);
  }

  /** Receives each vendor object with its kind (list key, else {@code type}, else the folder). */
  interface Sink {
    void accept(String kind, JsonNode object, String position);
  }

  /** The whole file is not JSON; the message names the line. */
  static final class Unparseable extends Exception {
    final long line;

    Unparseable(long line, String message) {
      super(message, null, false, false);
      this.line = line;
    }
  }

  /** What the file said about paging: the greatest {@code offset} seen and its {@code more}. */
  record Paging(boolean listPage, String kind, long offset, boolean more) {}

  private VendorJson() {}

  /**
   * Streams {@code file}; list keys are the plural object kinds the format knows (e.g. {@code
   * incidents}); {@code folderKind} is the kind of an object that names none (its parent folder).
   */
  static Paging read(Path file, Set<String> listKeys, String folderKind, Sink sink)
      throws IOException, Unparseable {
    scan(file);
    boolean listPage = false;
    String pageKind = null;
    long maxOffset = -1;
    boolean more = false;
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = MAPPER.getFactory().createParser(in)) {
      long rootIndex = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        rootIndex++;
        if (t == JsonToken.START_ARRAY) {
          streamArray(p, null, folderKind, "/", sink);
          continue;
        }
        if (t != JsonToken.START_OBJECT) {
          throw new Unparseable(
              p.currentLocation().getLineNr(), "a root value is not a JSON object or array");
        }
        String root = rootIndex == 1 ? "" : "line " + p.currentLocation().getLineNr() + " ";
        JsonToken first = p.nextToken();
        if (first == JsonToken.FIELD_NAME && listKeys.contains(p.currentName())) {
          listPage = true;
          pageKind = p.currentName();
          long offset = 0;
          boolean pageMore = false;
          do {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (listKeys.contains(name) && v == JsonToken.START_ARRAY) {
              streamArray(p, name, folderKind, root + "/" + name + "/", sink);
            } else if ("more".equals(name)) {
              pageMore = v == JsonToken.VALUE_TRUE;
            } else if ("offset".equals(name) && v.isNumeric()) {
              offset = p.getLongValue();
            } else {
              p.skipChildren();
            }
          } while (p.nextToken() == JsonToken.FIELD_NAME);
          if (offset >= maxOffset) {
            maxOffset = offset;
            more = pageMore;
          }
        } else {
          ObjectNode object = MAPPER.createObjectNode();
          if (first == JsonToken.FIELD_NAME) {
            do {
              String name = p.currentName();
              p.nextToken();
              object.set(name, MAPPER.readTree(p));
            } while (p.nextToken() == JsonToken.FIELD_NAME);
          }
          String position = rootIndex == 1 ? "/" : root.trim();
          sink.accept(kindOf(object, null, folderKind), object, position);
        }
      }
    } catch (JsonParseException e) {
      throw new Unparseable(e.getLocation().getLineNr(), e.getOriginalMessage());
    }
    return new Paging(listPage, pageKind, Math.max(0, maxOffset), more);
  }

  private static void streamArray(
      JsonParser p, String listKind, String folderKind, String pointer, Sink sink)
      throws IOException {
    long i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      JsonNode element = MAPPER.readTree(p);
      sink.accept(kindOf(element, listKind, folderKind), element, pointer + i);
      i++;
    }
  }

  /** A scalar field's text, or null when it is absent, null, empty, an object or an array. */
  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }

  /**
   * The object kind: the list key, else {@code type} ({@code incident} -> incidents), else the
   * folder.
   */
  static String kindOf(JsonNode object, String listKind, String folderKind) {
    if (listKind != null) {
      return listKind;
    }
    String type = object.path("type").asText("");
    if (type.endsWith("_log_entry")) {
      return "log_entries";
    }
    switch (type) {
      case "incident":
        return "incidents";
      case "service":
        return "services";
      case "user":
        return "users";
      default:
        return folderKind;
    }
  }

  private static void scan(Path file) throws IOException, Unparseable {
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = MAPPER.getFactory().createParser(in)) {
      while (p.nextToken() != null) {
        // Validates the syntax only; nothing is built.
      }
    } catch (JsonParseException e) {
      throw new Unparseable(e.getLocation().getLineNr(), e.getOriginalMessage());
    }
  }
}
