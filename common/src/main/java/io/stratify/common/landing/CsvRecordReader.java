package io.stratify.common.landing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams RFC 4180 records (comma separated, {@code "}-quoted, CRLF or LF line ends, newlines
 * inside quoted fields) and never gives up on a file: a malformed record (text after a closing
 * quote, a quote left open at the end of the file) is returned as such with its raw text, and
 * reading resumes on the next line. commons-csv stops at the first malformed record and does not
 * keep a record's raw text, both of which quarantine needs. Blank lines are skipped.
 */
final class CsvRecordReader {

  /** One record: its fields, or why it is malformed; always its raw text and first line. */
  record CsvRecord(long line, String raw, List<String> fields, String malformed) {}

  private static final int EOF = -1;
  private static final int MAX_RAW_CHARS = 64 << 20;

  private final Reader in;
  private long line = 1;
  private int peeked = -2;

  CsvRecordReader(Reader in) {
    this.in = in;
  }

  /** The next record, or null at the end of the file. */
  CsvRecord next() {
    try {
      int c = read();
      while (c == '\n' || c == '\r') {
        c = lineEnd(c);
      }
      if (c == EOF) {
        return null;
      }
      long startLine = line;
      StringBuilder raw = new StringBuilder();
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      String malformed = null;
      boolean quoted = false;
      boolean afterQuote = false;
      boolean atFieldStart = true;
      while (true) {
        if (c == EOF) {
          if (quoted) {
            malformed = "a quoted field is not closed before the end of the file (truncated file?)";
          }
          break;
        }
        if (quoted) {
          append(raw, c);
          if (c == '"') {
            int n = read();
            if (n == '"') {
              append(raw, n);
              field.append('"');
            } else {
              quoted = false;
              afterQuote = true;
              c = n;
              continue;
            }
          } else {
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
              line++;
            }
            field.append((char) c);
          }
          c = read();
          continue;
        }
        if (c == '\n' || c == '\r') {
          c = lineEnd(c);
          break;
        }
        if (c == ',') {
          append(raw, c);
          fields.add(field.toString());
          field.setLength(0);
          atFieldStart = true;
          afterQuote = false;
          c = read();
          continue;
        }
        if (afterQuote) {
          malformed = "unexpected text after a closing quote";
          c = skipLine(raw, c);
          break;
        }
        append(raw, c);
        if (c == '"' && atFieldStart) {
          quoted = true;
        } else {
          field.append((char) c);
        }
        atFieldStart = false;
        c = read();
      }
      if (c != EOF) {
        unread(c);
      }
      fields.add(field.toString());
      String text = raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) : raw.toString();
      return malformed == null
          ? new CsvRecord(startLine, text, fields, null)
          : new CsvRecord(startLine, text, List.of(), malformed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void append(StringBuilder raw, int c) {
    if (raw.length() <= MAX_RAW_CHARS) {
      raw.append((char) c);
    }
  }

  /** Consumes a line end starting at {@code c}; returns the first character after it. */
  private int lineEnd(int c) throws IOException {
    int n = read();
    if (c == '\r' && n == '\n') {
      n = read();
    }
    line++;
    return n;
  }

  private int skipLine(StringBuilder raw, int c) throws IOException {
    while (c != EOF && c != '\n' && c != '\r') {
      append(raw, c);
      c = read();
    }
    return c == EOF ? EOF : lineEnd(c);
  }

  private int read() throws IOException {
    if (peeked != -2) {
      int c = peeked;
      peeked = -2;
      return c;
    }
    return in.read();
  }

  private int peek() throws IOException {
    if (peeked == -2) {
      peeked = in.read();
    }
    return peeked;
  }

  private void unread(int c) {
    peeked = c;
  }
}
