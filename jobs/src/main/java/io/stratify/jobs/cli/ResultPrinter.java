package io.stratify.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Prints query results: RFC 4180 CSV, or an aligned text table. */
final class ResultPrinter {

  private static final int TABLE_ROW_LIMIT = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultPrinter() {}

  /** A header row, then one RFC 4180 row per result row; null is an empty field. */
  static void csv(Dataset<Row> result, PrintStream out) {
    try {
      CSVPrinter printer =
          new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(result.columns()).get());
      Iterator<Row> rows = result.toLocalIterator();
      while (rows.hasNext()) {
        Row row = rows.next();
        List<String> cells = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
          cells.add(render(row.get(i)));
        }
        printer.printRecord(cells);
      }
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void table(Dataset<Row> result, PrintStream out) {
    String[] header = result.columns();
    List<Row> rows = result.limit(TABLE_ROW_LIMIT + 1).collectAsList();
    int shown = Math.min(rows.size(), TABLE_ROW_LIMIT);
    List<String[]> cells = new ArrayList<>();
    int[] width = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      width[i] = header[i].length();
    }
    for (Row row : rows.subList(0, shown)) {
      String[] c = new String[header.length];
      for (int i = 0; i < header.length; i++) {
        c[i] = row.isNullAt(i) ? "NULL" : render(row.get(i));
        width[i] = Math.max(width[i], Math.min(c[i].length(), 80));
      }
      cells.add(c);
    }
    out.println(line(header, width));
    StringBuilder rule = new StringBuilder();
    for (int w : width) {
      rule.append(rule.length() == 0 ? "" : "-+-").append("-".repeat(w));
    }
    out.println(rule);
    cells.forEach(c -> out.println(line(c, width)));
    out.printf(
        "(%d row%s%s)%n",
        shown,
        shown == 1 ? "" : "s",
        rows.size() > TABLE_ROW_LIMIT ? "; more not shown, use LIMIT or --format csv" : "");
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i].length() > 80 ? cells[i].substring(0, 77) + "..." : cells[i];
      sb.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", c));
    }
    return sb.toString().stripTrailing();
  }

  /**
   * One value as text: numbers in plain notation, dates and instants in ISO-8601, nested as JSON.
   */
  static String render(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? d.toString() : BigDecimal.valueOf(d).toPlainString();
    }
    if (value instanceof Float f) {
      return render(f.doubleValue());
    }
    if (value instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (value instanceof Seq<?>
        || value instanceof scala.collection.Map<?, ?>
        || value instanceof Row) {
      try {
        return JSON.writeValueAsString(plain(value));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Cannot render " + value, e);
      }
    }
    return value.toString();
  }

  private static Object plain(Object value) {
    if (value instanceof Seq<?> seq) {
      List<Object> out = new ArrayList<>();
      CollectionConverters.asJava(seq).forEach(v -> out.add(plain(v)));
      return out;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      CollectionConverters.asJava(map).forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    if (value instanceof Row row) {
      Map<String, Object> out = new LinkedHashMap<>();
      String[] names = row.schema() == null ? null : row.schema().fieldNames();
      for (int i = 0; i < row.size(); i++) {
        out.put(names == null ? "_" + i : names[i], plain(row.get(i)));
      }
      return out;
    }
    if (value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      return BigDecimal.valueOf(d);
    }
    return value == null || value instanceof Number || value instanceof Boolean
        ? value
        : value.toString();
  }
}
