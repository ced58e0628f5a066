package io.stratify.jobs.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes a landing file as JSON Lines, or as one JSON array for {@code .json} files. */
final class JsonFileWriter {

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private JsonFileWriter() {}

  static byte[] write(LandingFile file, boolean array) {
    StringBuilder out = new StringBuilder();
    if (array) {
      out.append("[\n");
    }
    for (int i = 0; i < file.rows.size(); i++) {
      LandingFile.Row row = file.rows.get(i);
      out.append(array ? "  " : "");
      out.append(row.rawLine != null ? row.rawLine : object(file, row));
      out.append(array && i < file.rows.size() - 1 ? ",\n" : "\n");
    }
    if (array) {
      out.append("]\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String object(LandingFile file, LandingFile.Row row) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text)) {
      g.writeStartObject();
      for (String column : file.columns) {
        Object value = row.values.get(column);
        String name = file.style.header(column);
        if (value == null) {
          if (!file.style.omitNulls()) {
            g.writeNullField(name);
          }
          continue;
        }
        g.writeFieldName(name);
        write(g, value, file, row);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void write(JsonGenerator g, Object value, LandingFile file, LandingFile.Row row)
      throws IOException {
    if (value instanceof RawValue.Verbatim v) {
      g.writeRawValue(v.text());
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer n) {
      g.writeNumber(n);
    } else if (value instanceof Long n) {
      g.writeNumber(n);
    } else if (value instanceof Double d) {
      g.writeNumber(BigDecimal.valueOf(d));
    } else if (value instanceof BigDecimal d) {
      if (file.style.decimalsAsStrings()) {
        g.writeString(d.toPlainString());
      } else {
        g.writeNumber(d);
      }
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        g.writeString(String.valueOf(item));
      }
      g.writeEndArray();
    } else {
      g.writeString(TextValues.text(value, file.style, row.org.zone()));
    }
  }
}
