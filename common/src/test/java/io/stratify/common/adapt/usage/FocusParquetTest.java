package io.stratify.common.adapt.usage;

import static io.stratify.common.adapt.usage.UsageRun.totals;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratify.common.adapt.AdapterReport;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADAPTERS.md §9.2 "CSV or Parquet": the FOCUS sample written as a typed Parquet file (decimal
 * costs, double quantities, local timestamps, Tags as a map, NULL cells absent) adapts to exactly
 * what its CSV gives; an unreadable Parquet file is REJECT unparseable and the others still run.
 */
class FocusParquetTest {
  private static final Set<String> COSTS =
      Set.of("BilledCost", "EffectiveCost", "ListCost", "ContractedCost");
  private static final Set<String> TIMES =
      Set.of("ChargePeriodStart", "ChargePeriodEnd", "BillingPeriodStart", "BillingPeriodEnd");

  /** Every sample row (not only the AI ones): tags, providers, credits and unallocated cost. */
  private static final String WHOLE_BILL_CONFIG =
      """
      org: acme
      focus:
        cost_column: BilledCost
        deployment_tag: application
        credits: include
        unallocated: default
        token_units: [Requests]
        input_tokens: 'requests'
        output_tokens: 'no such sku'
        map:
          provider: {'Amazon Web Services, Inc.': aws, Microsoft: microsoft}
        defaults: {deployment_id: unallocated, model_name: cloud, model_tier: standard,
                   requests: 0, input_tokens: 0, output_tokens: 0, errors: 0}
      """;

  @TempDir Path tmp;
  UsageRun run;

  @BeforeEach
  void setUp() {
    run = new UsageRun(tmp);
  }

  @Test
  void parquetSampleGivesTheCsvOutputAndCounts() throws Exception {
    Path parquet = writeParquet(FocusFormatTest.SAMPLE, tmp.resolve("focus_sample.parquet"));

    for (String config : List.of(FocusFormatTest.SAMPLE_CONFIG, WHOLE_BILL_CONFIG)) {
      AdapterReport csv = run.adapt("focus", run.drop(FocusFormatTest.SAMPLE), config);
      assertThat(csv.exitCode()).as(csv.reason()).isZero();
      String csvOutput = Files.readString(run.output("focus"));

      AdapterReport pq = run.adapt("focus", run.drop(parquet), config);
      assertThat(pq.exitCode()).as(pq.reason()).isZero();
      assertThat(Files.readString(run.output("focus"))).isEqualTo(csvOutput);
      assertThat(totals(pq)).isEqualTo(totals(csv));
      assertThat(pq.accounts().get(0).skippedByRule())
          .isEqualTo(csv.accounts().get(0).skippedByRule());
      assertThat(UsageRun.rejects(pq)).isEqualTo(UsageRun.rejects(csv));
      assertThat(pq.rejects())
          .extracting(AdapterReport.Reject::excerpt)
          .isEqualTo(csv.rejects().stream().map(AdapterReport.Reject::excerpt).toList());
      assertThat(pq.rejectedCostUsd()).isEqualTo(csv.rejectedCostUsd());
      assertThat(pq.warnings()).isEqualTo(csv.warnings());
      assertThat(pq.defaultedColumns()).isEqualTo(csv.defaultedColumns());
      UsageRun.assertValid(pq, run.output("focus"));
    }
    // The whole-bill run must exercise the typed columns: tagged deployments and summed costs.
    assertThat(run.rows("focus")).hasSizeGreaterThan(3);
    assertThat(run.rows("focus")).anyMatch(row -> !row.split(",")[2].equals("unallocated"));
    assertThat(run.rows("focus")).anyMatch(row -> !row.split(",")[7].equals("0"));
  }

  @Test
  void anUnreadableParquetFileIsRejectedUnparseableAndTheOthersAreAdapted() throws Exception {
    Path good = writeParquet(FocusFormatTest.SAMPLE, tmp.resolve("a-good.parquet"));
    Path drop = run.drop(good);
    Files.write(drop.resolve("b-garbage.parquet"), "PAR1 not parquet".getBytes());
    byte[] bytes = Files.readAllBytes(good);
    Files.write(drop.resolve("c-truncated.parquet"), java.util.Arrays.copyOf(bytes, 4096));
    Files.write(drop.resolve("d-empty.parquet"), new byte[0]);

    AdapterReport r = run.adapt("focus", drop, FocusFormatTest.SAMPLE_CONFIG);

    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(run.rows("focus")).hasSize(3);
    assertThat(r.rejects())
        .filteredOn(reject -> reject.codes().equals(List.of("unparseable")))
        .extracting(reject -> reject.file() + " " + reject.position() + " " + reject.records())
        .containsExactly(
            "b-garbage.parquet file 1", "c-truncated.parquet file 1", "d-empty.parquet file 1");
    assertThat(r.rejects())
        .filteredOn(reject -> reject.file().equals("b-garbage.parquet"))
        .singleElement()
        .satisfies(reject -> assertThat(reject.excerpt()).startsWith("not a readable Parquet file"))
        .satisfies(reject -> assertThat(reject.excerpt()).doesNotContain(tmp.toString()));
    assertThat(totals(r)).isEqualTo(totals(1003, 5, 7, 991, 3));
    UsageRun.assertValid(r, run.output("focus"));
  }

  @Test
  void utcTimestampsDoublesAndPlainTextAreReadLikeTheirCsvText() throws Exception {
    MessageType schema =
        new MessageType(
            "focus",
            Types.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named("ServiceCategory"),
            Types.optional(PrimitiveTypeName.DOUBLE).named("EffectiveCost"),
            Types.optional(PrimitiveTypeName.BINARY).named("BillingCurrency"),
            Types.optional(PrimitiveTypeName.INT64)
                .as(
                    LogicalTypeAnnotation.timestampType(
                        true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                .named("ChargePeriodStart"),
            Types.optional(PrimitiveTypeName.BINARY).named("ResourceId"),
            Types.optional(PrimitiveTypeName.BINARY).named("ProviderName"));
    Path drop = Files.createDirectories(tmp.resolve("typed"));
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = writer(drop.resolve("bill.parquet"), schema)) {
      long lateOnMarch1 = LocalDateTime.parse("2025-03-01T23:30:00").toEpochSecond(ZoneOffset.UTC);
      for (double cost : new double[] {0.1, 0.2, Double.NaN}) {
        writer.write(
            groups
                .newGroup()
                .append("ServiceCategory", "AI and Machine Learning")
                .append("EffectiveCost", cost)
                .append("BillingCurrency", "USD")
                .append("ChargePeriodStart", lateOnMarch1 * 1000)
                .append("ResourceId", "/ws/zmltestplayground")
                .append("ProviderName", "Microsoft"));
      }
    }

    AdapterReport r = run.adapt("focus", drop, FocusFormatTest.SAMPLE_CONFIG);

    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(run.rows("focus"))
        .as("0.1 + 0.2 as decimals, not 0.30000000000000004; the UTC day of 23:30Z")
        .containsExactly(
            "acme,2025-03-01,ml-playground,azure-ml-workspace,microsoft,standard,0,0,0,0,0.300000,");
    assertThat(r.warnings()).doesNotContainKey("assumed_utc");
    assertThat(UsageRun.rejects(r)).containsExactly("invalid_number /ws/zmltestplayground");
    assertThat(totals(r)).isEqualTo(totals(3, 2, 1, 0, 1));
  }

  @Test
  void int96DatesAndIntegerDecimalsGiveTheirCsvText() {
    MessageType schema =
        new MessageType(
            "focus",
            Types.optional(PrimitiveTypeName.INT96).named("ChargePeriodStart"),
            Types.optional(PrimitiveTypeName.INT32)
                .as(LogicalTypeAnnotation.dateType())
                .named("ChargePeriodEnd"),
            Types.optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.decimalType(4, 18))
                .named("BilledCost"));
    java.nio.ByteBuffer int96 =
        java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    // Julian day 2460736 is 2025-03-01; 84,600 s of the day is 23:30.
    int96.putLong(84_600_000_000_000L).putInt(2_460_736);
    Group row =
        new SimpleGroupFactory(schema)
            .newGroup()
            .append("ChargePeriodStart", Binary.fromConstantByteArray(int96.array()))
            .append("ChargePeriodEnd", (int) java.time.LocalDate.of(2025, 3, 2).toEpochDay())
            .append("BilledCost", -12_500L);

    assertThat(FocusParquet.text(row, 0)).isEqualTo("2025-03-01T23:30:00Z");
    assertThat(FocusParquet.text(row, 1)).isEqualTo("2025-03-02");
    assertThat(FocusParquet.text(row, 2)).isEqualTo("-1.2500");
  }

  /** Writes a FOCUS CSV as the typed Parquet file a FOCUS exporter would produce. */
  static Path writeParquet(Path csv, Path target) throws IOException {
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser parser =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
      List<String> header = parser.getHeaderNames();
      List<Type> fields = new ArrayList<>();
      for (String column : header) {
        fields.add(type(column));
      }
      MessageType schema = new MessageType("focus", fields);
      SimpleGroupFactory groups = new SimpleGroupFactory(schema);
      try (ParquetWriter<Group> writer = writer(target, schema)) {
        for (CSVRecord record : parser) {
          Group row = groups.newGroup();
          for (String column : header) {
            String value = record.get(column);
            if (!value.isBlank() && !value.equals("NULL")) {
              put(row, column, value);
            }
          }
          writer.write(row);
        }
      }
    }
    return target;
  }

  private static ParquetWriter<Group> writer(Path target, MessageType schema) throws IOException {
    return ExampleParquetWriter.builder(new LocalOutputFile(target))
        .withConf(new PlainParquetConfiguration())
        .withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        // small row groups, so the sample spans several
        .withRowGroupSize(64 * 1024L)
        .build();
  }

  private static Type type(String column) {
    if (COSTS.contains(column)) {
      return Types.optional(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.decimalType(11, 38))
          .named(column);
    }
    if (column.equals("ConsumedQuantity")) {
      return Types.optional(PrimitiveTypeName.DOUBLE).named(column);
    }
    if (TIMES.contains(column)) {
      return Types.optional(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS))
          .named(column);
    }
    if (column.equals("Tags")) {
      return Types.optionalGroup()
          .as(LogicalTypeAnnotation.mapType())
          .addField(
              new GroupType(
                  Type.Repetition.REPEATED,
                  "key_value",
                  Types.required(PrimitiveTypeName.BINARY)
                      .as(LogicalTypeAnnotation.stringType())
                      .named("key"),
                  Types.optional(PrimitiveTypeName.BINARY)
                      .as(LogicalTypeAnnotation.stringType())
                      .named("value")))
          .named(column);
    }
    return Types.optional(PrimitiveTypeName.BINARY)
        .as(LogicalTypeAnnotation.stringType())
        .named(column);
  }

  private static void put(Group row, String column, String value) throws IOException {
    if (COSTS.contains(column)) {
      BigDecimal cost = new BigDecimal(value).setScale(11, RoundingMode.UNNECESSARY);
      row.append(column, Binary.fromConstantByteArray(cost.unscaledValue().toByteArray()));
    } else if (column.equals("ConsumedQuantity")) {
      row.append(column, Double.parseDouble(value));
    } else if (TIMES.contains(column)) {
      LocalDateTime time = LocalDateTime.parse(value.replace(' ', 'T'));
      row.append(column, time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L);
    } else if (column.equals("Tags")) {
      Group tags = row.addGroup(column);
      JsonNode json = VendorJson.MAPPER.readTree(value);
      for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> tag = it.next();
        Group entry = tags.addGroup("key_value").append("key", tag.getKey());
        if (!tag.getValue().isNull()) {
          entry.append("value", tag.getValue().asText());
        }
      }
    } else {
      row.append(column, value);
    }
  }
}
