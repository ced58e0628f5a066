package io.stratify.jobs.generate;

import io.stratify.common.landing.LandingRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet landing file with parquet-hadoop and turns each row into the plain values
 * ingest's JSON conversion gives (dates and timestamps as ISO text, numbers as BigDecimal, lists as
 * lists of strings), so that it can be validated like a JSON record.
 */
final class ParquetRecords {

  private ParquetRecords() {}

  static MessageType schema(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      return reader.getFooter().getFileMetaData().getSchema();
    }
  }

  static List<LandingRecord> read(Path file) throws IOException {
    MessageType schema = schema(file);
    List<LandingRecord> records = new ArrayList<>();
    try (ParquetReader<Group> reader =
        new ParquetReader.Builder<Group>(
            new LocalInputFile(file), new PlainParquetConfiguration()) {
          @Override
          protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
          }
        }.build()) {
      Group group;
      long number = 0;
      while ((group = reader.read()) != null) {
        number++;
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < schema.getFieldCount(); i++) {
          Type field = schema.getType(i);
          values.put(field.getName(), value(group, i, field));
        }
        records.add(new LandingRecord(number, values.toString(), values, null, false));
      }
    }
    return records;
  }

  private static Object value(Group group, int index, Type field) {
    if (group.getFieldRepetitionCount(index) == 0) {
      return null;
    }
    LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
    if (!field.isPrimitive()) {
      Group list = group.getGroup(index, 0);
      GroupType element = field.asGroupType().getType(0).asGroupType();
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < list.getFieldRepetitionCount(0); i++) {
        Group item = list.getGroup(0, i);
        items.add(item.getFieldRepetitionCount(0) == 0 ? null : item.getString(0, 0));
      }
      return element.getFieldCount() == 1 ? items : null;
    }
    PrimitiveType.PrimitiveTypeName type = field.asPrimitiveType().getPrimitiveTypeName();
    if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
      return group.getString(index, 0);
    }
    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return LocalDate.ofEpochDay(group.getInteger(index, 0)).toString();
    }
    if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
      return Instant.EPOCH.plus(group.getLong(index, 0), ChronoUnit.MICROS).toString();
    }
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
      return BigDecimal.valueOf(group.getLong(index, 0), d.getScale());
    }
    return switch (type) {
      case INT32 -> BigDecimal.valueOf(group.getInteger(index, 0));
      case INT64 -> BigDecimal.valueOf(group.getLong(index, 0));
      case DOUBLE -> BigDecimal.valueOf(group.getDouble(index, 0));
      case BOOLEAN -> group.getBoolean(index, 0);
      default -> throw new IllegalStateException("Cannot read Parquet type " + type);
    };
  }
}
