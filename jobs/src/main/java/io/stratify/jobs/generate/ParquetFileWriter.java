package io.stratify.jobs.generate;

import io.stratify.common.contract.ColumnType;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.LandingField;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes a landing file as Parquet with the logical types a Spark export would use: timestamps as
 * INT64 TIMESTAMP(MICROS, UTC), dates as INT32 DATE, decimals as INT64 DECIMAL, lists as the
 * standard three-level LIST of strings; every column optional. No Hadoop file system is involved.
 */
final class ParquetFileWriter {

  private ParquetFileWriter() {}

  static MessageType schema(LandingDataset dataset, List<String> columns) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (String column : columns) {
      LandingField field =
          dataset.fields().stream().filter(f -> f.name().equals(column)).findFirst().orElse(null);
      ColumnType type = field == null ? ColumnType.STRING : field.type();
      switch (type) {
        case STRING ->
            b.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(column);
        case INT -> b.optional(PrimitiveTypeName.INT32).named(column);
        case LONG -> b.optional(PrimitiveTypeName.INT64).named(column);
        case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(column);
        case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(column);
        case DECIMAL_18_6 ->
            b.optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.decimalType(6, 18))
                .named(column);
        case DECIMAL_18_2 ->
            b.optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.decimalType(2, 18))
                .named(column);
        case DATE ->
            b.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(column);
        case TIMESTAMP ->
            b.optional(PrimitiveTypeName.INT64)
                .as(
                    LogicalTypeAnnotation.timestampType(
                        true, LogicalTypeAnnotation.TimeUnit.MICROS))
                .named(column);
        case STRING_LIST ->
            b.optionalGroup()
                .as(LogicalTypeAnnotation.listType())
                .repeatedGroup()
                .optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("element")
                .named("list")
                .named(column);
        default -> throw new IllegalStateException("Cannot write " + type + " to Parquet");
      }
    }
    return b.named("spark_schema");
  }

  /** Writes {@code rows} (the file's rows, however held) to {@code target}. */
  static void write(LandingFile file, Iterable<LandingFile.Row> rows, Path target)
      throws IOException {
    MessageType schema = schema(file.dataset, file.columns);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(target))
            .withConf(new PlainParquetConfiguration())
            .withType(schema)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      int[] scales = file.columns.stream().mapToInt(c -> decimalScale(file.dataset, c)).toArray();
      for (LandingFile.Row row : rows) {
        Group group = groups.newGroup();
        for (int i = 0; i < scales.length; i++) {
          String column = file.columns.get(i);
          Object value = row.values.get(column);
          if (value != null) {
            append(group, column, value, scales[i]);
          }
        }
        writer.write(group);
      }
    }
    sortFooterEncodings(target);
  }

  /**
   * parquet-mr lists each column chunk's encodings in {@code HashSet} order, and enum hash codes
   * differ from one JVM to the next, so the same rows would give different bytes. Rewriting the
   * footer with the lists sorted makes the file a function of its rows; the data pages come before
   * the footer and do not move.
   */
  private static void sortFooterEncodings(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int lengthAt = bytes.length - 8;
    int length = ByteBuffer.wrap(bytes, lengthAt, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int footerAt = lengthAt - length;
    FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(bytes, footerAt, length));
    for (RowGroup group : footer.getRow_groups()) {
      for (ColumnChunk chunk : group.getColumns()) {
        List<Encoding> encodings = new ArrayList<>(chunk.getMeta_data().getEncodings());
        encodings.sort(Comparator.comparingInt(Encoding::getValue));
        chunk.getMeta_data().setEncodings(encodings);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
    out.write(bytes, 0, footerAt);
    ByteArrayOutputStream serialized = new ByteArrayOutputStream(length);
    Util.writeFileMetaData(footer, serialized);
    serialized.writeTo(out);
    out.write(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(serialized.size()).array());
    out.write(bytes, bytes.length - 4, 4);
    Files.write(file, out.toByteArray());
  }

  private static int decimalScale(LandingDataset dataset, String column) {
    return dataset.fields().stream()
        .filter(f -> f.name().equals(column))
        .findFirst()
        .map(f -> f.type() == ColumnType.DECIMAL_18_2 ? 2 : 6)
        .orElse(6);
  }

  private static void append(Group group, String column, Object value, int scale) {
    if (value instanceof String s) {
      group.append(column, s);
    } else if (value instanceof Integer n) {
      group.append(column, n);
    } else if (value instanceof Long n) {
      group.append(column, n);
    } else if (value instanceof Double d) {
      group.append(column, d);
    } else if (value instanceof Boolean b) {
      group.append(column, b);
    } else if (value instanceof BigDecimal d) {
      group.append(
          column, d.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact());
    } else if (value instanceof LocalDate d) {
      group.append(column, (int) d.toEpochDay());
    } else if (value instanceof Instant t) {
      group.append(column, ChronoUnit.MICROS.between(Instant.EPOCH, t));
    } else if (value instanceof List<?> items) {
      Group list = group.addGroup(column);
      for (Object item : items) {
        list.addGroup("list").append("element", String.valueOf(item));
      }
    } else {
      throw new IllegalStateException("Cannot write " + value + " to Parquet column " + column);
    }
  }
}
