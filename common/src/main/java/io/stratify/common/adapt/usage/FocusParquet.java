package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Streams the rows of a FOCUS Parquet file as the column texts a CSV export of the same data holds,
 * so the FOCUS rules run once for both: decimals as plain numbers, doubles by their shortest
 * decimal, timestamps as ISO-8601 ({@code Z} when UTC-adjusted or INT96, none for local
 * timestamps), dates as {@code yyyy-MM-dd}, a map column (Tags) as a JSON object. Only the columns
 * the rules read are decoded; one row group is in memory at a time (parquet-hadoop, the version
 * Spark brings, read through a local file without a Hadoop file system).
 */
final class FocusParquet {
  /** Receives each row and, if the file cannot be read, the rows it could not give. */
  interface Sink {
    void row(Function<String, String> column, String position);

    /** {@code records} rows from {@code position} on cannot be read, for {@code why}. */
    void unreadable(long records, String position, String why);
  }

  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private FocusParquet() {}

  /**
   * Reads {@code file} row by row into {@code sink}, projecting {@code columns}. A file that is not
   * Parquet (or whose footer is damaged) is one unreadable record; a file that fails part way gives
   * its rows up to there and the rest (by the footer's row count) as unreadable.
   */
  static void read(Path file, String name, Set<String> columns, Sink sink) throws IOException {
    InputFile input = new LocalInputFile(file);
    long total;
    try (ParquetFileReader footer = ParquetFileReader.open(input)) {
      total = footer.getRecordCount();
    } catch (IOException | RuntimeException e) {
      sink.unreadable(1, "file", why(e, file, name));
      return;
    }
    long done = 0;
    try (ParquetReader<Group> reader = new Reader(input, columns).build()) {
      while (true) {
        Group group;
        try {
          group = reader.read();
        } catch (IOException | RuntimeException e) {
          sink.unreadable(Math.max(1, total - done), "row " + (done + 1), why(e, file, name));
          return;
        }
        if (group == null) {
          return;
        }
        done++;
        sink.row(lookup(group), "row " + done);
      }
    }
  }

  private static String why(Exception e, Path file, String name) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "not a readable Parquet file: " + message.replace(file.toString(), name);
  }

  private static Function<String, String> lookup(Group group) {
    GroupType type = group.getType();
    return column -> {
      if (!type.containsField(column)) {
        return null;
      }
      int field = type.getFieldIndex(column);
      return group.getFieldRepetitionCount(field) == 0 ? null : text(group, field);
    };
  }

  /** The text a CSV export would hold for the first value of {@code field}. */
  static String text(Group group, int field) {
    Type type = group.getType().getType(field);
    if (!type.isPrimitive()) {
      return type.getLogicalTypeAnnotation()
              instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
          ? json(group.getGroup(field, 0))
          : null;
    }
    PrimitiveType primitive = type.asPrimitiveType();
    LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
      BigInteger unscaled =
          switch (primitive.getPrimitiveTypeName()) {
            case INT32 -> BigInteger.valueOf(group.getInteger(field, 0));
            case INT64 -> BigInteger.valueOf(group.getLong(field, 0));
            default -> new BigInteger(group.getBinary(field, 0).getBytes());
          };
      return new BigDecimal(unscaled, decimal.getScale()).toPlainString();
    }
    if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp) {
      long value = group.getLong(field, 0);
      Instant instant =
          switch (timestamp.getUnit()) {
            case MILLIS -> Instant.ofEpochMilli(value);
            case MICROS ->
                Instant.ofEpochSecond(
                    Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
            case NANOS -> Instant.ofEpochSecond(0, value);
          };
      return timestamp.isAdjustedToUTC()
          ? instant.toString()
          : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }
    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return LocalDate.ofEpochDay(group.getInteger(field, 0)).toString();
    }
    return switch (primitive.getPrimitiveTypeName()) {
      case INT32 -> Integer.toString(group.getInteger(field, 0));
      case INT64 -> Long.toString(group.getLong(field, 0));
      case BOOLEAN -> Boolean.toString(group.getBoolean(field, 0));
      case FLOAT -> decimal(group.getFloat(field, 0));
      case DOUBLE -> decimal(group.getDouble(field, 0));
      case INT96 -> int96(group.getInt96(field, 0)).toString();
      case BINARY, FIXED_LEN_BYTE_ARRAY -> group.getString(field, 0);
    };
  }

  /** Shortest decimal of a double (as a CSV writer prints it); NaN and infinities stay words. */
  private static String decimal(double value) {
    return Double.isFinite(value)
        ? BigDecimal.valueOf(value).toPlainString()
        : Double.toString(value);
  }

  /** Legacy INT96 timestamps (Spark's default): nanos of day and Julian day, UTC. */
  private static Instant int96(Binary value) {
    ByteBuffer bytes = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanos = bytes.getLong();
    long day = bytes.getInt();
    return Instant.ofEpochSecond((day - JULIAN_EPOCH_DAY) * 86_400, nanos);
  }

  /** A Parquet MAP (FOCUS Tags in Parquet exports) as the JSON object text a CSV export holds. */
  private static String json(Group map) {
    ObjectNode object = VendorJson.MAPPER.createObjectNode();
    int entries = map.getFieldRepetitionCount(0);
    for (int i = 0; i < entries; i++) {
      Group entry = map.getGroup(0, i);
      String key = text(entry, 0);
      if (key != null) {
        object.put(key, entry.getFieldRepetitionCount(1) == 0 ? null : text(entry, 1));
      }
    }
    return object.toString();
  }

  /** Group records of the projected columns, through parquet's plain (Hadoop-free) settings. */
  private static final class Reader extends ParquetReader.Builder<Group> {
    private final Set<String> columns;

    Reader(InputFile input, Set<String> columns) {
      super(input, new PlainParquetConfiguration());
      this.columns = columns;
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport() {
        @Override
        public ReadContext init(
            org.apache.parquet.conf.ParquetConfiguration configuration,
            Map<String, String> metadata,
            MessageType fileSchema) {
          return new ReadContext(project(fileSchema));
        }

        @Override
        public ReadContext init(
            org.apache.hadoop.conf.Configuration configuration,
            Map<String, String> metadata,
            MessageType fileSchema) {
          return new ReadContext(project(fileSchema));
        }
      };
    }

    private MessageType project(MessageType file) {
      List<Type> kept =
          file.getFields().stream().filter(f -> columns.contains(f.getName())).toList();
      // A file with none of the columns still has rows to count (and reject by the rules).
      return new MessageType(
          file.getName(), kept.isEmpty() ? file.getFields().subList(0, 1) : kept);
    }
  }
}
