package io.stratify.common.landing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.LandingField;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads the records of one landing file (CSV, JSON Lines or JSON) as a stream, never loading the
 * whole file. A file is read twice: {@link #columns} finds the columns it has (the header, or every
 * key of every JSON object) so that a file missing a required column is rejected before any of its
 * rows is read; {@link #records} then streams the records. Parquet files are converted to JSON by
 * the Spark job and read here as JSON Lines.
 */
public final class LandingFileReader {

  /** A whole file is unusable; the message says why and what to fix. */
  public static final class FileRejected extends Exception {
    public FileRejected(String message) {
      super(message, null, false, false);
    }
  }

  private static final ObjectMapper JSON = mapper();

  private LandingFileReader() {}

  private static ObjectMapper mapper() {
    // A key written twice would otherwise silently keep its last value.
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    // A landing field may legitimately be large (tests use 10 MB); the default cap is 20 MB.
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxStringLength(256 << 20).build());
    return mapper;
  }

  /** The columns the file has, in file order, as written in the file. */
  public static List<String> columns(LandingFormat format, InputStream in)
      throws FileRejected, IOException {
    try (Reader reader = Utf8Text.reader(in)) {
      if (format == LandingFormat.CSV) {
        return csvHeader(new CsvRecordReader(reader));
      }
      Set<String> keys = new LinkedHashSet<>();
      Iterator<LandingRecord> records = jsonRecords(format, reader);
      boolean any = false;
      while (records.hasNext()) {
        LandingRecord r = records.next();
        if (r.malformed() == null) {
          any = true;
          keys.addAll(r.values().keySet());
        }
      }
      if (!any) {
        throw new FileRejected(
            "Cannot read the file: it holds no JSON object (JSON Lines: one object per line; a"
                + " .json file may instead hold one JSON array of objects)");
      }
      return List.copyOf(keys);
    }
  }

  /**
   * Checks the columns of a file against a dataset's contract: every required column must be there
   * (matched case-insensitively) and no two columns may differ only in case.
   */
  public static void checkColumns(LandingDataset dataset, List<String> columns)
      throws FileRejected {
    Map<String, String> byLower = new LinkedHashMap<>();
    for (String c : columns) {
      String previous = byLower.put(c.toLowerCase(Locale.ROOT), c);
      if (previous != null && previous.equals(c)) {
        throw new FileRejected("Cannot read the file: column '" + c + "' appears twice");
      }
      if (previous != null) {
        throw new FileRejected(
            "Cannot read the file: columns '" + previous + "' and '" + c + "' differ only in case");
      }
    }
    List<String> missing =
        dataset.fields().stream()
            .filter(LandingField::required)
            .map(LandingField::name)
            .filter(name -> !byLower.containsKey(name))
            .toList();
    if (!missing.isEmpty()) {
      String found = String.join(", ", columns);
      String hint = "";
      if (columns.stream().anyMatch(c -> c.indexOf('\uFFFD') >= 0 || c.indexOf('\0') >= 0)) {
        hint =
            " The header is not UTF-8 text (a UTF-16 export? a binary file?): landing files are"
                + " UTF-8.";
      } else if (columns.size() == 1 && columns.get(0).matches(".*[;\t|].*")) {
        hint = " The header looks like it uses another delimiter: landing CSV is comma separated.";
      }
      throw new FileRejected(
          "Missing required column(s) "
              + String.join(", ", missing)
              + " for dataset "
              + dataset.folder()
              + " (found: "
              + (found.length() > 300 ? found.substring(0, 300) + "..." : found)
              + ")."
              + hint);
    }
  }

  /** Streams the file's records. The caller closes {@code in}. */
  public static Iterator<LandingRecord> records(LandingFormat format, InputStream in)
      throws FileRejected, IOException {
    Reader reader = Utf8Text.reader(in);
    if (format == LandingFormat.CSV) {
      CsvRecordReader csv = new CsvRecordReader(reader);
      List<String> header = csvHeader(csv);
      return new CsvIterator(csv, header);
    }
    return jsonRecords(format, reader);
  }

  private static List<String> csvHeader(CsvRecordReader csv) throws FileRejected {
    CsvRecordReader.CsvRecord header = nonBlank(csv);
    if (header == null) {
      throw new FileRejected("Cannot read the file: it is empty (a CSV file needs a header row)");
    }
    if (header.malformed() != null) {
      throw new FileRejected("Cannot read the header row: " + header.malformed());
    }
    return header.fields().stream().map(String::trim).toList();
  }

  /**
   * The next record that is not a line of spaces or tabs. Such lines are skipped like empty lines,
   * as in JSON Lines: they hold no data, and a whitespace-only file is empty.
   */
  private static CsvRecordReader.CsvRecord nonBlank(CsvRecordReader csv) {
    CsvRecordReader.CsvRecord r = csv.next();
    while (r != null && r.malformed() == null && r.fields().size() == 1 && r.raw().isBlank()) {
      r = csv.next();
    }
    return r;
  }

  /**
   * Reads one record ahead, so that {@link #hasNext} knows: a subclass's constructor ends with
   * {@link #start}, and {@link #read} gives each record in turn.
   */
  private abstract static class ReadAhead implements Iterator<LandingRecord> {
    private LandingRecord next;

    /** The record after the last one read, or null at the end of the file. */
    abstract LandingRecord read();

    final void start() {
      next = read();
    }

    @Override
    public final boolean hasNext() {
      return next != null;
    }

    @Override
    public final LandingRecord next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      LandingRecord r = next;
      next = read();
      return r;
    }
  }

  private static final class CsvIterator extends ReadAhead {
    private final CsvRecordReader csv;
    private final List<String> header;

    CsvIterator(CsvRecordReader csv, List<String> header) {
      this.csv = csv;
      this.header = header;
      start();
    }

    @Override
    LandingRecord read() {
      CsvRecordReader.CsvRecord r = nonBlank(csv);
      if (r == null) {
        return null;
      }
      if (r.malformed() != null) {
        return LandingRecord.malformed(r.line(), r.raw(), r.malformed());
      }
      if (r.fields().size() != header.size()) {
        return LandingRecord.malformed(
            r.line(),
            r.raw(),
            "the record has " + r.fields().size() + " fields, the header has " + header.size());
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        values.put(header.get(i), r.fields().get(i));
      }
      return new LandingRecord(r.line(), r.raw(), values, null, r.raw().indexOf('\uFFFD') >= 0);
    }
  }

  private static Iterator<LandingRecord> jsonRecords(LandingFormat format, Reader reader)
      throws FileRejected, IOException {
    BufferedReader buffered = new BufferedReader(reader, 1 << 16);
    buffered.mark(1 << 16);
    int first;
    do {
      first = buffered.read();
    } while (first != -1 && Character.isWhitespace(first));
    buffered.reset();
    if (first == -1) {
      throw new FileRejected("Cannot read the file: it is empty");
    }
    if (first == '[') {
      if (format == LandingFormat.JSONL) {
        throw new FileRejected(
            "Cannot read the file: a .jsonl file holds one JSON object per line, but this one"
                + " starts with '[' (a JSON array). Write one object per line, or name the file"
                + " .json to load it as an array.");
      }
      return new JsonArrayIterator(buffered);
    }
    return new JsonLinesIterator(buffered);
  }

  private static final class JsonLinesIterator extends ReadAhead {
    private final BufferedReader reader;
    private long lineNumber;

    JsonLinesIterator(BufferedReader reader) {
      this.reader = reader;
      start();
    }

    @Override
    LandingRecord read() {
      try {
        String line;
        do {
          line = reader.readLine();
          lineNumber++;
        } while (line != null && line.isBlank());
        return line == null ? null : parseLine(lineNumber, line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * One JSON object as a record (Parquet rows arrive here as JSON): {@code number} is its position,
   * {@code text} its JSON text.
   */
  public static LandingRecord jsonRecord(long number, String text) {
    return parseLine(number, text);
  }

  private static LandingRecord parseLine(long number, String line) {
    JsonNode node;
    try (JsonParser parser = JSON.createParser(line)) {
      node = JSON.readTree(parser);
      if (parser.nextToken() != null) {
        return LandingRecord.malformed(
            number, line, "more than one JSON value on the line (write one object per line)");
      }
    } catch (JsonProcessingException e) {
      return LandingRecord.malformed(
          number, line, "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fromNode(number, line, node);
  }

  private static LandingRecord fromNode(long number, String raw, JsonNode node) {
    if (node == null || !node.isObject()) {
      return LandingRecord.malformed(number, raw, "a record must be a JSON object");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Set<String> lower = new LinkedHashSet<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!lower.add(field.getKey().toLowerCase(Locale.ROOT))) {
        return LandingRecord.malformed(number, raw, "keys differ only in case: " + field.getKey());
      }
      values.put(field.getKey(), value(field.getValue()));
    }
    return new LandingRecord(number, raw, values, null, raw.indexOf('\uFFFD') >= 0);
  }

  /** JSON -> the plain values {@link LandingValues} takes. */
  static Object value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>();
      node.forEach(item -> items.add(value(item)));
      return items;
    }
    Map<String, Object> object = new LinkedHashMap<>();
    node.properties().forEach(e -> object.put(e.getKey(), value(e.getValue())));
    return object;
  }

  /**
   * The elements of a JSON array, streamed. An element the parser cannot read (a truncated file,
   * text that is not JSON) ends the array: the text from that element to the end of the file is one
   * malformed record, so its raw text is kept; so is any text after the closing bracket.
   */
  private static final class JsonArrayIterator extends ReadAhead {
    private final RecordingReader text;
    private final JsonParser parser;
    private long index;
    private boolean done;

    JsonArrayIterator(Reader reader) throws IOException {
      this.text = new RecordingReader(reader);
      this.parser = JSON.getFactory().createParser(text);
      // The caller closes the file; closed at the end of input, the tail could not be kept.
      parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      parser.nextToken();
      start();
    }

    @Override
    LandingRecord read() {
      if (done) {
        return null;
      }
      long start = parser.currentLocation().getCharOffset();
      text.forgetBefore(start);
      index++;
      try {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY || token == null) {
          done = true;
          return afterTheArray();
        }
        JsonNode node = JSON.readTree(parser);
        return fromNode(index, node.toString(), node);
      } catch (IOException e) {
        done = true;
        return LandingRecord.malformed(
            index,
            text.restFrom(start),
            "the JSON array is not valid from element "
                + index
                + " on (line "
                + parser.currentLocation().getLineNr()
                + "): "
                + firstLine(e));
      }
    }

    /** Null at the end of the file, else the text after the closing bracket as malformed. */
    private LandingRecord afterTheArray() {
      long end = parser.currentLocation().getCharOffset();
      text.forgetBefore(end);
      String why;
      try {
        if (parser.nextToken() == null) {
          return null;
        }
        why = "text after the end of the JSON array";
      } catch (IOException e) {
        why = "text after the end of the JSON array: " + firstLine(e);
      }
      return LandingRecord.malformed(index, text.restFrom(end), why);
    }
  }

  private static String firstLine(IOException e) {
    String message =
        e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }

  /**
   * Keeps the text read through it since a given character offset, so that the raw text of a JSON
   * array element the parser gave up on can still be quarantined.
   */
  private static final class RecordingReader extends Reader {
    private static final int MAX_RAW_CHARS = 64 << 20;
    private final Reader in;
    private final StringBuilder kept = new StringBuilder();
    private long keptFrom;

    RecordingReader(Reader in) {
      this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        kept.append(buffer, offset, n);
      }
      return n;
    }

    void forgetBefore(long offset) {
      int drop = (int) Math.min(kept.length(), offset - keptFrom);
      if (drop > 0) {
        kept.delete(0, drop);
        keptFrom += drop;
      }
    }

    /** The text from {@code offset} to the end of the file, without separators before it. */
    String restFrom(long offset) {
      forgetBefore(offset);
      try {
        char[] buffer = new char[1 << 16];
        int n;
        while (kept.length() < MAX_RAW_CHARS && (n = in.read(buffer, 0, buffer.length)) > 0) {
          kept.append(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      int from = 0;
      while (from < kept.length()
          && (Character.isWhitespace(kept.charAt(from)) || kept.charAt(from) == ',')) {
        from++;
      }
      return kept.substring(from, Math.min(kept.length(), from + MAX_RAW_CHARS));
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
