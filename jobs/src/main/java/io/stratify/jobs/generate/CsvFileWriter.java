package io.stratify.jobs.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a landing file as RFC 4180 CSV in the file's style. */
final class CsvFileWriter {

  private CsvFileWriter() {}

  /** Writes the header of {@code file} and {@code rows} (the file's rows, however held). */
  static void write(LandingFile file, Iterable<LandingFile.Row> rows, OutputStream out)
      throws IOException {
    FileStyle style = file.style;
    String eol = style.crlf() ? "\r\n" : "\n";
    if (style.bom()) {
      out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    for (int i = 0; i < file.columns.size(); i++) {
      if (i > 0) {
        utf8(out, ",");
      }
      utf8(out, field(style.header(file.columns.get(i)), false));
    }
    utf8(out, eol);
    for (LandingFile.Row row : rows) {
      if (row.rawLine != null) {
        utf8(out, row.rawLine + eol);
        continue;
      }
      for (int i = 0; i < file.columns.size(); i++) {
        if (i > 0) {
          utf8(out, ",");
        }
        Object value = row.values.get(file.columns.get(i));
        if (value == null) {
          continue;
        }
        if (value instanceof RawValue.Verbatim v) {
          utf8(out, v.text());
        } else if (value instanceof RawValue.Latin1 l) {
          out.write(field(l.text(), style.quoteAll()).getBytes(StandardCharsets.ISO_8859_1));
        } else {
          utf8(out, field(TextValues.text(value, style, row.org.zone()), style.quoteAll()));
        }
      }
      utf8(out, eol);
    }
  }

  private static String field(String text, boolean quote) {
    if (quote
        || text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  private static void utf8(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
