package io.stratify.jobs.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes a landing file as JSON Lines, or as one JSON array for {@code .json} files. */
final class JsonFileWriter {

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private JsonFileWriter() {}

  /**
   * Writes {@code rows} (the file's rows, however held) as lines, or as one array whose elements
   * are indented on lines of their own.
   */
  static void write(
      LandingFile file, Iterable<LandingFile.Row> rows, boolean array, OutputStream out)
      throws IOException {
    Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    if (array) {
      text.write("[\n");
    }
    boolean first = true;
    for (LandingFile.Row row : rows) {
      if (array) {
        text.write(first ? "  " : ",\n  ");
      }
      text.write(row.rawLine != null ? row.rawLine : object(file, row));
      if (!array) {
        text.write("\n");
      }
      first = false;
    }
    if (array) {
      text.write(first ? "]\n" : "\n]\n");
    }
    text.flush();
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
