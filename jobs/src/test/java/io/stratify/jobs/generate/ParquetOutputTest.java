package io.stratify.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.landing.LandingRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;

/** The Parquet files read back with parquet-hadoop, with the logical types of the contract. */
class ParquetOutputTest {

  private static Path first(String name) {
    return DefaultSample.landing().files.stream()
        .filter(f -> f.getFileName().toString().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static void assertPrimitive(
      MessageType schema,
      String column,
      PrimitiveTypeName physical,
      LogicalTypeAnnotation logical) {
    Type type = schema.getType(column);
    assertThat(type.isPrimitive()).as(column).isTrue();
    assertThat(type.asPrimitiveType().getPrimitiveTypeName()).as(column).isEqualTo(physical);
    assertThat(type.getLogicalTypeAnnotation()).as(column).isEqualTo(logical);
    assertThat(type.isRepetition(Type.Repetition.OPTIONAL)).as(column).isTrue();
  }

  @Test
  void everyParquetFileIsReadableAndHoldsRows() throws IOException {
    List<Path> parquet =
        DefaultSample.landing().files.stream()
            .filter(f -> f.toString().endsWith(".parquet"))
            .toList();
    assertThat(parquet).hasSizeGreaterThan(20);
    for (Path file : parquet) {
      assertThat(ParquetRecords.read(file)).as(file.toString()).isNotEmpty();
    }
  }

  @Test
  void timestampsAreUtcMicrosAndDecimalsAreDecimals() throws IOException {
    MessageType changes = ParquetRecords.schema(first("devlake-deployments.parquet"));
    LogicalTypeAnnotation micros = LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS);
    assertPrimitive(changes, "deployed_at", PrimitiveTypeName.INT64, micros);
    assertPrimitive(changes, "first_commit_at", PrimitiveTypeName.INT64, micros);
    assertPrimitive(
        changes, "change_id", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());

    MessageType usage = ParquetRecords.schema(first("focus-usage.parquet"));
    assertPrimitive(usage, "usage_date", PrimitiveTypeName.INT32, LogicalTypeAnnotation.dateType());
    assertPrimitive(
        usage, "cost_usd", PrimitiveTypeName.INT64, LogicalTypeAnnotation.decimalType(6, 18));
    assertPrimitive(usage, "requests", PrimitiveTypeName.INT64, null);
    assertPrimitive(usage, "latency_p95_ms", PrimitiveTypeName.DOUBLE, null);

    MessageType budgets = ParquetRecords.schema(first("budgets.parquet"));
    assertPrimitive(
        budgets, "amount_usd", PrimitiveTypeName.INT64, LogicalTypeAnnotation.decimalType(2, 18));
    assertPrimitive(
        budgets, "period_end", PrimitiveTypeName.INT32, LogicalTypeAnnotation.dateType());

    Map<String, Object> row = ParquetRecords.read(first("focus-usage.parquet")).get(0).values();
    assertThat(row.get("cost_usd")).isInstanceOf(BigDecimal.class);
    assertThat(((BigDecimal) row.get("cost_usd")).scale()).isEqualTo(6);
    assertThat((String) row.get("usage_date")).matches("\\d{4}-\\d{2}-\\d{2}");
  }

  @Test
  void listsAreStandardThreeLevelListsOfStrings() throws IOException {
    Path catalog = first("catalog.parquet");
    MessageType schema = ParquetRecords.schema(catalog);
    GroupType dependsOn = schema.getType("depends_on").asGroupType();
    assertThat(dependsOn.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.listType());
    assertThat(dependsOn.isRepetition(Type.Repetition.OPTIONAL)).isTrue();
    GroupType list = dependsOn.getType(0).asGroupType();
    assertThat(list.getName()).isEqualTo("list");
    assertThat(list.isRepetition(Type.Repetition.REPEATED)).isTrue();
    Type element = list.getType(0);
    assertThat(element.getName()).isEqualTo("element");
    assertThat(element.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
    assertPrimitive(
        schema, "launched_on", PrimitiveTypeName.INT32, LogicalTypeAnnotation.dateType());
    assertPrimitive(schema, "business_criticality", PrimitiveTypeName.INT32, null);
    assertPrimitive(schema, "monitored", PrimitiveTypeName.BOOLEAN, null);

    List<LandingRecord> rows = ParquetRecords.read(catalog);
    assertThat(rows)
        .as("some deployment depends on others")
        .anyMatch(r -> r.values().get("depends_on") instanceof List<?> l && !l.isEmpty());
  }
}
