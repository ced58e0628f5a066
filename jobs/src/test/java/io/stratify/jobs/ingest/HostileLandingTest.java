package io.stratify.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.NightlyRun;
import io.stratify.jobs.testing.LandingFixture;
import io.stratify.jobs.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A landing zone of hostile files (issue 6) in two datasets over two nights, among good rows,
 * ingested in one run: every good row is accepted, every bad row is quarantined with its reasons
 * and raw text, every unusable file is rejected with a message, folders that are not drops are
 * reported, the run goes on, and every drop adds up. Each file's expected outcome is declared where
 * the file is written; {@code HostileFilesTest} pins the readers' exact messages Spark-free.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileLandingTest {

  static final LocalDate D1 = LocalDate.of(2026, 3, 2);
  static final LocalDate D2 = LocalDate.of(2026, 3, 3);
  static final String INCIDENTS = "incidents";
  static final String USAGE = "inference_usage";
  static final String INCIDENTS_HEADER =
      "org_id,incident_id,deployment_id,change_id,title,severity,opened_at,acknowledged_at,"
          + "resolved_at,detected_by,root_cause,customer_impact";
  static final String USAGE_HEADER =
      "org_id,usage_date,deployment_id,model_name,model_provider,model_tier,requests,"
          + "input_tokens,output_tokens,errors,cost_usd,latency_p95_ms";
  static final int TEN_MB = 10 << 20;
  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @TempDir static Path dir;
  SparkSession spark;
  LandingFixture landing;
  Lakehouse lakehouse;
  NightlyRun.Result result;
  String output;
  int parquetFiles;

  // What the landing zone must give, declared as its files are written.
  /** "dataset dt" -> keys (incident_id, or model_name) accepted into bronze. */
  final Map<String, Set<String>> accepted = new TreeMap<>();

  /** "source_file #record_number" -> reason codes. */
  final Map<String, String> quarantined = new TreeMap<>();

  /** Rejected file -> a part of its message. */
  final Map<String, String> rejected = new TreeMap<>();

  /** Read file -> records read from it. */
  final Map<String, Long> rowsPerFile = new TreeMap<>();

  /** "dataset dt" -> rows collapsed as duplicates. */
  final Map<String, Long> duplicates = new TreeMap<>();

  @BeforeAll
  void ingestTheHostileLandingZoneOnce() {
    spark = SparkTestSession.get();
    landing = new LandingFixture(dir.resolve("landing"));
    incidentsNightOne();
    incidentsNightTwo();
    usageNightTwo();
    foldersThatAreNotDrops();
    lakehouse = new Lakehouse(spark, dir.resolve("lakehouse").toString());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LandingZone zone =
        LandingZone.scan(landing.root().toString(), spark.sparkContext().hadoopConfiguration());
    result =
        new NightlyRun(
                spark,
                StratifyConfig.defaults(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .run(zone, lakehouse.root(), D2, D2, EnumSet.of(NightlyRun.Stage.INGEST));
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  // The landing zone

  private void incidentsNightOne() {
    String s = file(INCIDENTS, D1, "good.csv", lines(INCIDENTS_HEADER, incident("i-good-1")));
    accept(s, "i-good-1");
    s = file(INCIDENTS, D1, "UPPER.CSV", lines(INCIDENTS_HEADER, incident("i-upper")));
    accept(s, "i-upper");

    // Line ends, byte-order marks, quoting
    s =
        file(
            INCIDENTS,
            D1,
            "crlf.csv",
            INCIDENTS_HEADER
                + "\r\n"
                + incident("i-crlf-1")
                + "\r\n"
                + incident("i-crlf-2")
                + "\r\n");
    accept(s, "i-crlf-1", "i-crlf-2");
    s =
        file(
            INCIDENTS,
            D1,
            "mixed-eol.csv",
            INCIDENTS_HEADER
                + "\r\n"
                + incident("i-mixed-1")
                + "\n"
                + incident("i-mixed-2")
                + "\r\n");
    accept(s, "i-mixed-1", "i-mixed-2");
    s =
        file(
            INCIDENTS,
            D1,
            "lone-cr.csv",
            INCIDENTS_HEADER + "\r" + incident("i-cr-1") + "\r" + incident("i-cr-2") + "\r");
    accept(s, "i-cr-1", "i-cr-2");
    accept(
        file(INCIDENTS, D1, "bom.csv", BOM, lines(INCIDENTS_HEADER, incident("i-bom-csv"))),
        "i-bom-csv");
    accept(
        file(INCIDENTS, D1, "bom.jsonl", BOM, incidentJson("i-bom-jsonl") + "\n"), "i-bom-jsonl");
    accept(
        file(INCIDENTS, D1, "bom-array.json", BOM, "[" + incidentJson("i-bom-json") + "]"),
        "i-bom-json");
    s =
        file(
            INCIDENTS,
            D1,
            "quoted.csv",
            lines(
                INCIDENTS_HEADER,
                incident("i-quoted-1")
                    .replace("Outage", "\"Outage, \"\"bot\"\" down\r\nline two\""),
                incident("i-quoted-2")));
    accept(s, "i-quoted-1", "i-quoted-2");

    // Truncated files
    s =
        file(
            INCIDENTS,
            D1,
            "truncated-mid-record.csv",
            INCIDENTS_HEADER + "\n" + incident("i-cut-1") + "\no1,i-cut-2,d1,,Out");
    accept(s, "i-cut-1");
    quarantine(s, 3, "malformed_record");
    s =
        file(
            INCIDENTS,
            D1,
            "truncated-in-quotes.csv",
            INCIDENTS_HEADER
                + "\n"
                + incident("i-cutq-1")
                + "\no1,i-cutq-2,d1,,\"Outage, then\no1,i-cutq-3,d1,,cut");
    accept(s, "i-cutq-1");
    quarantine(s, 3, "malformed_record");

    // Wrong delimiters
    reject(
        file(
            INCIDENTS,
            D1,
            "semicolon.csv",
            lines(INCIDENTS_HEADER.replace(',', ';'), incident("i-semi").replace(',', ';'))),
        "The header looks like it uses another delimiter");
    reject(
        file(
            INCIDENTS,
            D1,
            "tab.csv",
            lines(INCIDENTS_HEADER.replace(',', '\t'), incident("i-tab").replace(',', '\t'))),
        "The header looks like it uses another delimiter");

    // 10 MB fields: a title is kept, a number is refused at once
    s =
        file(
            INCIDENTS,
            D1,
            "big-field.csv",
            lines(
                INCIDENTS_HEADER,
                incident("i-big-1").replace("Outage", "x".repeat(TEN_MB)),
                incident("i-big-2").replace(",2,", "," + "9".repeat(TEN_MB) + ",")));
    accept(s, "i-big-1");
    quarantine(s, 3, "invalid_integer");

    // Invalid UTF-8: a Latin-1 byte, a cut euro sign, a file cut inside a character
    s =
        file(
            INCIDENTS,
            D1,
            "latin1.csv",
            INCIDENTS_HEADER + "\n",
            incidentTitled("i-utf-1", "Caf", bytes(0xE9)),
            "\n" + incident("i-utf-2") + "\n",
            incidentTitled("i-utf-3", "Euro ", bytes(0xE2, 0x82)),
            "\no1,i-utf-4,d1,,Caf",
            bytes(0xC3));
    quarantine(s, 2, "invalid_utf8");
    accept(s, "i-utf-2");
    quarantine(s, 4, "invalid_utf8");
    quarantine(s, 5, "malformed_record,invalid_utf8");

    reject(
        file(
            INCIDENTS,
            D1,
            "utf16.csv",
            bytes(0xFF, 0xFE),
            lines(INCIDENTS_HEADER, incident("i-utf16")).getBytes(StandardCharsets.UTF_16LE)),
        "The header is not UTF-8 text");

    // Every column of a row wrong
    s =
        file(
            INCIDENTS,
            D1,
            "wrong-types.csv",
            lines(
                INCIDENTS_HEADER,
                ",,,,,high,yesterday,2026-03-02 09:20,soon,psychic,aliens,maybe"));
    quarantine(
        s,
        2,
        "missing_required,invalid_integer,invalid_timestamp,timestamp_without_offset,invalid_enum,"
            + "invalid_boolean");
    s =
        file(
            INCIDENTS,
            D1,
            "wrong-types.jsonl",
            "{\"org_id\":{\"id\":\"o1\"},\"incident_id\":[\"i1\"],\"deployment_id\":{},"
                + "\"change_id\":[],\"title\":{\"en\":\"Outage\"},\"severity\":\"high\","
                + "\"opened_at\":12,\"acknowledged_at\":true,\"resolved_at\":[],"
                + "\"detected_by\":3,\"root_cause\":false,\"customer_impact\":\"maybe\"}\n");
    quarantine(s, 1, "invalid_type,invalid_integer,invalid_timestamp,invalid_enum,invalid_boolean");

    // Empty files
    reject(file(INCIDENTS, D1, "empty.csv"), "it is empty");
    file(INCIDENTS, D1, "header-only.csv", INCIDENTS_HEADER + "\n");
    reject(file(INCIDENTS, D1, "blank.csv", " \n\t\r\n  \n"), "it is empty");
    reject(file(INCIDENTS, D1, "empty.jsonl"), "it is empty");

    // JSON arrays and lines
    String array =
        "[\n  " + incidentJson("i-array-1") + ",\n  " + incidentJson("i-array-2") + "\n]\n";
    reject(file(INCIDENTS, D1, "array.jsonl", array), "name the file .json");
    accept(file(INCIDENTS, D1, "array.json", array), "i-array-1", "i-array-2");
    String cut = array.replace("i-array", "i-tarr");
    s = file(INCIDENTS, D1, "truncated-array.json", cut.substring(0, cut.indexOf("i-tarr-2") + 12));
    accept(s, "i-tarr-1");
    quarantine(s, 2, "malformed_record");
    s =
        file(
            INCIDENTS,
            D1,
            "not-objects.jsonl",
            lines(
                incidentJson("i-line-1"),
                "\"just a string\"",
                "42",
                "null",
                "[" + incidentJson("i-line-x") + "]",
                incidentJson("i-line-2").replace("}", ",\"title\":{\"en\":\"Outage\"}}"),
                incidentJson("i-line-3") + " " + incidentJson("i-line-4"),
                incidentJson("i-line-5").replace("}", ",\"ORG_ID\":\"o2\"}"),
                incidentJson("i-line-6").replace("}", ",\"org_id\":\"o2\"}"),
                incidentJson("i-line-7")));
    accept(s, "i-line-1", "i-line-7");
    for (int line = 2; line <= 9; line++) {
      quarantine(s, line, line == 6 ? "invalid_type" : "malformed_record");
    }
    s =
        file(
            INCIDENTS,
            D1,
            "huge-numbers.jsonl",
            lines(
                incidentJson("i-huge-1").replace("\"severity\":2", "\"severity\":1e999999999"),
                incidentJson("i-huge-2").replace("}", ",\"title\":1e999999999}")));
    quarantine(s, 1, "out_of_range");
    accept(s, "i-huge-2");

    // Columns
    s =
        file(
            INCIDENTS,
            D1,
            "extra-columns.csv",
            lines(
                INCIDENTS_HEADER + ",Vendor Ticket,priority", incident("i-extra") + ",JIRA-1,P1"));
    accept(s, "i-extra");
    reject(
        file(
            INCIDENTS,
            D1,
            "case-header.csv",
            lines(INCIDENTS_HEADER + ",ORG_ID", incident("i-case") + ",o2")),
        "columns 'org_id' and 'ORG_ID' differ only in case");

    // File names
    accept(
        file(INCIDENTS, D1, "incidents march.csv", lines(INCIDENTS_HEADER, incident("i-space"))),
        "i-space");
    reject(
        file(INCIDENTS, D1, "incidents-09:15.csv", lines(INCIDENTS_HEADER, incident("i-colon"))),
        "rename it");
    reject(file(INCIDENTS, D1, "notes.txt", "not a landing file\n"), "unsupported type");

    // Garbage
    Random random = new Random(6);
    reject(
        file(INCIDENTS, D1, "garbage.csv", randomBytes(random, 64 << 10)),
        "The header is not UTF-8 text");
    reject(
        file(INCIDENTS, D1, "garbage.jsonl", randomBytes(random, 64 << 10)),
        "it holds no JSON object");

    // Parquet
    reject(
        file(
            INCIDENTS,
            D1,
            "missing-columns.parquet",
            parquet(
                StructType.fromDDL("org_id string, incident_id string, title string"),
                RowFactory.create("o1", "i-pq-missing", "Outage"))),
        "Missing required column(s) severity, opened_at for dataset incidents");
    s =
        file(
            INCIDENTS,
            D1,
            "extra-columns.parquet",
            parquet(
                StructType.fromDDL(
                    "org_id string, incident_id string, severity int, opened_at timestamp,"
                        + " vendor_ticket string, vendor_meta struct<a:int>"),
                RowFactory.create(
                    "o1",
                    "i-pq-extra",
                    2,
                    Instant.parse("2026-03-02T09:15:00Z"),
                    "JIRA-9",
                    RowFactory.create(1))));
    accept(s, "i-pq-extra");
    s =
        file(
            INCIDENTS,
            D1,
            "wrong-types.parquet",
            parquet(
                StructType.fromDDL(
                    "org_id string, incident_id string, severity string, opened_at string"),
                RowFactory.create("o1", "i-pq-high", "high", "2026-03-02T09:15:00Z"),
                RowFactory.create("o1", "i-pq-three", "3", "2026-03-02T09:15:00Z")));
    quarantine(s, 1, "invalid_integer");
    accept(s, "i-pq-three");
    reject(
        file(INCIDENTS, D1, "corrupt.parquet", randomBytes(random, 4096)),
        "Cannot read the Parquet file");
    reject(file(INCIDENTS, D1, "empty.parquet"), "it is empty");
  }

  private void incidentsNightTwo() {
    String good =
        file(
            INCIDENTS,
            D2,
            "good.csv",
            lines(
                INCIDENTS_HEADER,
                incident("i-good-1"),
                incident("i-d2-1"),
                incident("i-d2-dup"),
                incident("i-d2-conflict")));
    String copy =
        file(
            INCIDENTS,
            D2,
            "good-copy.csv",
            lines(
                INCIDENTS_HEADER,
                incident("i-d2-dup"),
                incident("i-d2-conflict").replace("Outage", "Other")));
    accept(good, "i-good-1", "i-d2-1");
    accept(copy, "i-d2-dup");
    duplicate(good);
    quarantine(good, 5, "conflicting_duplicate");
    quarantine(copy, 3, "conflicting_duplicate");
    reject(
        file(
            INCIDENTS,
            D2,
            "tab.csv",
            lines(INCIDENTS_HEADER.replace(',', '\t'), incident("i-d2-tab").replace(',', '\t'))),
        "another delimiter");
    String trailing =
        file(
            INCIDENTS,
            D2,
            "trailing.json",
            "[" + incidentJson("i-d2-array") + "]\n" + incidentJson("i-d2-after") + "\n");
    accept(trailing, "i-d2-array");
    quarantine(trailing, 2, "malformed_record");
  }

  private void usageNightTwo() {
    String s =
        file(
            USAGE,
            D2,
            "usage.csv",
            lines(
                USAGE_HEADER,
                usage("m-good", "1.5"),
                usage("m-huge", "1e999999999"),
                usage("m-tiny", "1e-999999999"),
                usage("m-zero", "0e999999999")));
    accept(s, "m-good", "m-zero");
    quarantine(s, 3, "out_of_range");
    quarantine(s, 4, "out_of_range");
    s =
        file(
            USAGE,
            D2,
            "usage-bom-crlf.csv",
            BOM,
            USAGE_HEADER + "\r\n" + usage("m-bom", "2") + "\r\n");
    accept(s, "m-bom");
    s =
        file(
            USAGE,
            D2,
            "usage.parquet",
            parquet(
                StructType.fromDDL(
                    "org_id string, usage_date date, deployment_id string, model_name string,"
                        + " model_provider string, model_tier string, requests bigint,"
                        + " input_tokens bigint, output_tokens bigint, errors bigint,"
                        + " cost_usd double, latency_p95_ms double"),
                RowFactory.create(
                    "o1", D1, "d1", "m-parquet", "acme", "small", 10L, 20L, 30L, 0L, 2.25, 1.5)));
    accept(s, "m-parquet");
    reject(file(USAGE, D2, "usage-empty.json", "[]"), "it holds no JSON object");
    reject(
        file(
            USAGE,
            D2,
            "usage-pretty.json",
            "{\n  \"org_id\": \"o1\",\n  \"usage_date\": \"2026-03-02\"\n}\n"),
        "it holds no JSON object");
  }

  private void foldersThatAreNotDrops() {
    landing.file(INCIDENTS, "not-a-date", "x.csv", INCIDENTS_HEADER, incident("i-no-date"));
    landing.file(INCIDENTS, "2026-02-30", "x.csv", INCIDENTS_HEADER, incident("i-feb-30"));
  }

  // The tests

  @Test
  void theRunFinishesAndReportsTheFoldersItDidNotRead() {
    assertThat(result.ingest().drops())
        .extracting(d -> d.dataset().folder() + " " + d.dt())
        .containsExactlyInAnyOrder(
            "incidents 2026-03-02", "incidents 2026-03-03", USAGE + " 2026-03-03");
    assertThat(result.ingest().warnings())
        .containsExactlyInAnyOrder(
            "ignored incidents/dt=not-a-date: not a dt=YYYY-MM-DD folder",
            "ignored incidents/dt=2026-02-30: not a dt=YYYY-MM-DD folder");
    assertThat(output)
        .contains("Rejected files (not read):")
        .contains("incidents/dt=2026-03-02/semicolon.csv: Missing required column(s)")
        .contains("Warnings:")
        .contains("ignored incidents/dt=not-a-date");
  }

  @Test
  void everyGoodRowIsAccepted() {
    Map<String, Set<String>> bronze = new TreeMap<>();
    for (Row r :
        lakehouse
            .read(LakehouseTables.bronze(LandingDataset.INCIDENTS))
            .select("dt", "incident_id")
            .collectAsList()) {
      bronze.computeIfAbsent(INCIDENTS + " " + r.get(0), k -> new TreeSet<>()).add(r.getString(1));
    }
    for (Row r :
        lakehouse
            .read(LakehouseTables.bronze(LandingDataset.INFERENCE_USAGE))
            .select("dt", "model_name")
            .collectAsList()) {
      bronze.computeIfAbsent(USAGE + " " + r.get(0), k -> new TreeSet<>()).add(r.getString(1));
    }
    assertThat(bronze).isEqualTo(accepted);
  }

  @Test
  void valuesSurviveTheHostileFormatting() {
    Map<String, Row> byId = new HashMap<>();
    lakehouse
        .read(LakehouseTables.bronze(LandingDataset.INCIDENTS))
        .filter("dt = DATE'2026-03-02'")
        .selectExpr(
            "incident_id",
            "IF(length(title) > 1000, NULL, title)",
            "length(title)",
            "extra_columns",
            "severity")
        .collectAsList()
        .forEach(r -> byId.put(r.getString(0), r));
    assertThat(byId.get("i-quoted-1").getString(1)).isEqualTo("Outage, \"bot\" down\r\nline two");
    assertThat(byId.get("i-big-1").getInt(2)).isEqualTo(TEN_MB);
    assertThat(byId.get("i-huge-2").getString(1)).isEqualTo("1E+999999999");
    assertThat(byId.get("i-extra").<String, String>getJavaMap(3))
        .containsExactlyInAnyOrderEntriesOf(Map.of("Vendor Ticket", "JIRA-1", "priority", "P1"));
    assertThat(byId.get("i-pq-extra").<String, String>getJavaMap(3))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("vendor_ticket", "JIRA-9", "vendor_meta", "{a=1}"));
    assertThat(byId.get("i-pq-three").getInt(4)).isEqualTo(3);
    assertThat(byId.get("i-bom-csv").getInt(4)).isEqualTo(2);
  }

  @Test
  void everyBadRowIsQuarantinedWithItsReasonsAndRawText() {
    Map<String, String> codes = new TreeMap<>();
    Map<String, String> raw = new TreeMap<>();
    for (Row r :
        lakehouse
            .read(LakehouseTables.QUARANTINE)
            .selectExpr(
                "source_file",
                "record_number",
                "array_join(reason_codes, ',')",
                "length(raw_record)",
                "IF(length(raw_record) > 1000, NULL, raw_record)",
                "size(reasons)")
            .collectAsList()) {
      String key = r.getString(0) + " #" + r.getLong(1);
      codes.put(key, r.getString(2));
      assertThat(r.getInt(3)).as("raw text of %s", key).isPositive();
      assertThat(r.getInt(5)).as("reasons of %s", key).isPositive();
      raw.put(key, r.getString(4));
    }
    assertThat(codes).isEqualTo(quarantined);
    String d1 = "incidents/dt=2026-03-02/";
    assertThat(raw)
        .containsEntry(d1 + "truncated-mid-record.csv #3", "o1,i-cut-2,d1,,Out")
        .containsEntry(
            d1 + "truncated-in-quotes.csv #3",
            "o1,i-cutq-2,d1,,\"Outage, then\no1,i-cutq-3,d1,,cut")
        .containsEntry(d1 + "latin1.csv #5", "o1,i-utf-4,d1,,Caf\uFFFD")
        .containsEntry(d1 + "not-objects.jsonl #3", "42")
        .containsEntry(
            d1 + "not-objects.jsonl #7", incidentJson("i-line-3") + " " + incidentJson("i-line-4"))
        .containsEntry(
            "incidents/dt=2026-03-03/trailing.json #2", incidentJson("i-d2-after") + "\n");
    assertThat(raw.get(d1 + "truncated-array.json #2"))
        .startsWith("{\"org_id\":\"o1\",\"incident_id\":\"i-tarr-2");
    assertThat(raw.get(d1 + "latin1.csv #2")).contains(",Caf\uFFFD,2,");
    assertThat(raw.get(d1 + "wrong-types.parquet #1")).contains("\"severity\":\"high\"");
  }

  @Test
  void everyUnusableFileIsRejectedWithAMessageAndEveryOtherFileIsRead() {
    Map<String, String> messages = new TreeMap<>();
    Map<String, Long> read = new TreeMap<>();
    for (Row r : lakehouse.read(LakehouseTables.INGEST_FILES).collectAsList()) {
      String source = r.getAs("source_file");
      if (r.<String>getAs("status").equals("rejected")) {
        messages.put(source, r.getAs("message"));
        assertThat((long) r.getAs("rows_read")).as(source).isZero();
      } else {
        assertThat((String) r.getAs("message")).as(source).isNull();
        read.put(source, r.getAs("rows_read"));
      }
    }
    assertThat(messages).containsOnlyKeys(rejected.keySet());
    rejected.forEach(
        (file, part) -> assertThat(messages.get(file)).as(file).isNotBlank().contains(part));
    assertThat(read).isEqualTo(rowsPerFile);
  }

  @Test
  void everyDropAddsUp() {
    Map<String, Long> fileRowsPerDrop = new TreeMap<>();
    Map<String, int[]> filesPerDrop = new TreeMap<>();
    for (Row r : lakehouse.read(LakehouseTables.INGEST_FILES).collectAsList()) {
      String drop = r.getAs("dataset") + " " + r.getAs("dt");
      fileRowsPerDrop.merge(drop, r.<Long>getAs("rows_read"), Long::sum);
      int[] c = filesPerDrop.computeIfAbsent(drop, k -> new int[2]);
      c[0]++;
      c[1] += r.<String>getAs("status").equals("rejected") ? 1 : 0;
    }
    List<Row> log = lakehouse.read(LakehouseTables.INGEST_LOG).collectAsList();
    assertThat(log).hasSize(3);
    for (Row r : log) {
      String drop = r.getAs("dataset") + " " + r.getAs("dt");
      long read = r.getAs("rows_read");
      long acceptedRows = r.getAs("rows_accepted");
      long quarantinedRows = r.getAs("rows_quarantined");
      long collapsed = r.getAs("duplicates_collapsed");
      assertThat(read)
          .as("%s: read = accepted + quarantined + duplicates", drop)
          .isEqualTo(acceptedRows + quarantinedRows + collapsed);
      assertThat(read)
          .as("%s: read = the sum of its files' rows", drop)
          .isEqualTo(fileRowsPerDrop.get(drop));
      assertThat(acceptedRows).as(drop).isEqualTo(accepted.get(drop).size());
      assertThat(quarantinedRows)
          .as(drop)
          .isEqualTo(quarantined.keySet().stream().filter(k -> drop(k).equals(drop)).count());
      assertThat(collapsed).as(drop).isEqualTo(duplicates.getOrDefault(drop, 0L));
      assertThat((int) r.getAs("files")).as(drop).isEqualTo(filesPerDrop.get(drop)[0]);
      assertThat((int) r.getAs("files_rejected")).as(drop).isEqualTo(filesPerDrop.get(drop)[1]);
    }
  }

  // Writing files and expectations

  /** Writes a landing file of text and bytes; returns its source_file (relative to the root). */
  private String file(String dataset, LocalDate dt, String name, Object... content) {
    landing.bytes(dataset, dt.toString(), name, concat(content));
    String source = dataset + "/dt=" + dt + "/" + name;
    rowsPerFile.put(source, 0L);
    return source;
  }

  private void accept(String source, String... keys) {
    accepted.computeIfAbsent(drop(source), k -> new TreeSet<>()).addAll(List.of(keys));
    rowsPerFile.merge(source, (long) keys.length, Long::sum);
  }

  private void quarantine(String source, long record, String codes) {
    quarantined.put(source + " #" + record, codes);
    rowsPerFile.merge(source, 1L, Long::sum);
  }

  private void duplicate(String source) {
    duplicates.merge(drop(source), 1L, Long::sum);
    rowsPerFile.merge(source, 1L, Long::sum);
  }

  private void reject(String source, String messagePart) {
    rejected.put(source, messagePart);
    rowsPerFile.remove(source);
  }

  /** "incidents/dt=2026-03-02/x.csv[ #n]" -> "incidents 2026-03-02". */
  private static String drop(String source) {
    String[] parts = source.split("/");
    return parts[0] + " " + parts[1].substring(3);
  }

  private byte[] parquet(StructType schema, Row... rows) {
    Path out = dir.resolve("parquet-" + parquetFiles++);
    spark.createDataFrame(List.of(rows), schema).coalesce(1).write().parquet(out.toString());
    try (var files = Files.list(out)) {
      return Files.readAllBytes(
          files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String incident(String id) {
    return "o1,"
        + id
        + ",d1,,Outage,2,2026-03-02T09:15:00Z,2026-03-02T09:20:00Z,,monitoring,infra,true";
  }

  static byte[] incidentTitled(String id, Object... title) {
    String row = incident(id);
    int at = row.indexOf("Outage");
    return concat(row.substring(0, at), concat(title), row.substring(at + "Outage".length()));
  }

  static String incidentJson(String id) {
    return "{\"org_id\":\"o1\",\"incident_id\":\""
        + id
        + "\",\"severity\":2,\"opened_at\":\"2026-03-02T09:15:00Z\"}";
  }

  static String usage(String model, String cost) {
    return "o1,2026-03-02,d1," + model + ",acme,small,10,20,30,0," + cost + ",1.5";
  }

  static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] randomBytes(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  static byte[] concat(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : parts) {
      out.writeBytes(p instanceof byte[] b ? b : ((String) p).getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
