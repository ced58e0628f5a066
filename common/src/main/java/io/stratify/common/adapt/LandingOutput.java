package io.stratify.common.adapt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.LandingField;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The deterministic writer of ADAPTERS.md section 3.1: contract columns in LANDING order then
 * {@code x_} columns alphabetically, rows sorted by key, UTF-8 with {@code \n}; every file is
 * written under a name starting with '.' and renamed only when all datasets are complete; the
 * (format, org, dt) files of datasets no longer written are deleted.
 */
public final class LandingOutput {
  private LandingOutput() {}

  /** The file name of a (format, org label) output with its extension. */
  public static String fileName(String format, String orgLabel, String ext) {
    return format + "-" + orgLabel + "." + ext;
  }

  /**
   * Writes {@code rows} for every dataset in {@code datasets} (an empty list writes a header-only
   * file: the snapshot is empty) and removes this (format, org, dt)'s files of other datasets.
   */
  public static void write(
      Path landing,
      AdapterFormat format,
      String orgLabel,
      LocalDate dt,
      Map<LandingDataset, List<Map<String, Object>>> rows)
      throws IOException {
    List<Path[]> moves = new ArrayList<>();
    try {
      for (Map.Entry<LandingDataset, List<Map<String, Object>>> e : rows.entrySet()) {
        LandingDataset ds = e.getKey();
        String ext = format.extension(ds);
        Path dir = landing.resolve(ds.folder()).resolve("dt=" + dt);
        Files.createDirectories(dir);
        String name = fileName(format.name(), orgLabel, ext);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.writeString(tmp, render(ds, e.getValue(), ext), StandardCharsets.UTF_8);
        moves.add(new Path[] {tmp, dir.resolve(name)});
      }
    } catch (IOException | RuntimeException ex) {
      for (Path[] m : moves) {
        Files.deleteIfExists(m[0]);
      }
      throw ex;
    }
    for (Path[] m : moves) {
      Files.move(m[0], m[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    for (LandingDataset ds : LandingDataset.values()) {
      Path dir = landing.resolve(ds.folder()).resolve("dt=" + dt);
      for (String ext : List.of("csv", "jsonl")) {
        if (rows.containsKey(ds) && ext.equals(format.extension(ds))) {
          continue;
        }
        Files.deleteIfExists(dir.resolve(fileName(format.name(), orgLabel, ext)));
      }
    }
  }

  /** The file content for one dataset. */
  public static String render(LandingDataset ds, List<Map<String, Object>> rows, String ext)
      throws IOException {
    List<String> columns = columns(ds, rows);
    List<String> keys = ds.keyColumns();
    List<Map<String, Object>> sorted = new ArrayList<>(rows);
    Comparator<Map<String, Object>> byKey =
        (a, b) -> {
          for (String k : keys) {
            int c = OutputValues.text(a.get(k)).compareTo(OutputValues.text(b.get(k)));
            if (c != 0) {
              return c;
            }
          }
          return 0;
        };
    sorted.sort(byKey.thenComparing(r -> line(columns, r)));
    StringWriter out = new StringWriter();
    if (ext.equals("jsonl")) {
      JsonFactory f = new JsonFactory();
      for (Map<String, Object> r : sorted) {
        try (JsonGenerator g = f.createGenerator(out)) {
          g.writeStartObject();
          for (String c : columns) {
            json(g, c, r.get(c));
          }
          g.writeEndObject();
        }
        out.write('\n');
      }
    } else {
      try (CSVPrinter p = new CSVPrinter(out, csv())) {
        p.printRecord(columns);
        for (Map<String, Object> r : sorted) {
          List<String> cells = new ArrayList<>();
          for (String c : columns) {
            cells.add(OutputValues.text(r.get(c)));
          }
          p.printRecord(cells);
        }
      }
    }
    return out.toString();
  }

  private static CSVFormat csv() {
    return CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();
  }

  private static String line(List<String> columns, Map<String, Object> r) {
    StringBuilder s = new StringBuilder();
    for (String c : columns) {
      s.append(OutputValues.text(r.get(c))).append('\u0001');
    }
    return s.toString();
  }

  private static List<String> columns(LandingDataset ds, List<Map<String, Object>> rows) {
    List<String> cols = new ArrayList<>(ds.fields().stream().map(LandingField::name).toList());
    TreeSet<String> extra = new TreeSet<>();
    for (Map<String, Object> r : rows) {
      for (String k : r.keySet()) {
        if (k.startsWith("x_")) {
          extra.add(k);
        } else if (!cols.contains(k)) {
          throw new IllegalArgumentException(
              "Adapter bug: column " + k + " is not in " + ds.folder() + " and not x_");
        }
      }
    }
    cols.addAll(extra);
    return cols;
  }

  private static void json(JsonGenerator g, String field, Object v) throws IOException {
    if (v == null) {
      g.writeNullField(field);
    } else if (v instanceof Collection<?> c) {
      g.writeArrayFieldStart(field);
      for (Object o : c) {
        g.writeString(OutputValues.text(o));
      }
      g.writeEndArray();
    } else if (v instanceof Boolean b) {
      g.writeBooleanField(field, b);
    } else if (v instanceof Integer || v instanceof Long) {
      g.writeNumberField(field, ((Number) v).longValue());
    } else if (v instanceof BigDecimal b) {
      g.writeFieldName(field);
      g.writeNumber(b.toPlainString());
    } else {
      g.writeStringField(field, OutputValues.text(v));
    }
  }
}
