package io.stratify.common.landing;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.contract.LandingDataset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile landing files through the readers and the validator, exactly as ingest takes them
 * (columns, then records, each validated): each file is either rejected whole with a message that
 * says what to fix, or every one of its records comes out accepted or quarantined with its reasons.
 * {@code HostileLandingTest} runs the same kinds of file through the Spark job.
 */
class HostileFilesTest {

  static final String HEADER =
      "org_id,incident_id,deployment_id,change_id,title,severity,opened_at,acknowledged_at,"
          + "resolved_at,detected_by,root_cause,customer_impact";

  static String incident(String id) {
    return "o1,"
        + id
        + ",d1,,Outage,2,2026-03-02T09:15:00Z,2026-03-02T09:20:00Z,,monitoring,infra,true";
  }

  /** An incident row whose title is the given text and bytes. */
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

  static final String NO_OBJECT =
      "Cannot read the file: it holds no JSON object (JSON Lines: one object per line; a .json"
          + " file may instead hold one JSON array of objects)";

  /** A file as ingest sees it: rejected whole (a message), or its records, each validated. */
  record Outcome(String rejection, List<LandingRecord> records, List<RecordValidator.Validated> v) {

    /** The reason codes of each record, in file order; an empty list = accepted. */
    List<List<String>> codes() {
      return v.stream()
          .map(x -> x.reasons().stream().map(r -> r.substring(0, r.indexOf(':'))).toList())
          .toList();
    }

    List<String> reasons(int record) {
      return v.get(record).reasons();
    }
  }

  static Outcome ingest(LandingDataset dataset, LandingFormat format, byte[] bytes)
      throws IOException {
    try {
      LandingFileReader.checkColumns(
          dataset, LandingFileReader.columns(format, new ByteArrayInputStream(bytes)));
      List<LandingRecord> records = new ArrayList<>();
      List<RecordValidator.Validated> validated = new ArrayList<>();
      Iterator<LandingRecord> it =
          LandingFileReader.records(format, new ByteArrayInputStream(bytes));
      while (it.hasNext()) {
        LandingRecord r = it.next();
        records.add(r);
        validated.add(RecordValidator.validate(dataset, r));
      }
      return new Outcome(null, records, validated);
    } catch (LandingFileReader.FileRejected e) {
      return new Outcome(e.getMessage(), List.of(), List.of());
    }
  }

  static Outcome incidents(LandingFormat format, String text) throws IOException {
    return ingest(LandingDataset.INCIDENTS, format, utf8(text));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : parts) {
      out.writeBytes(p instanceof byte[] b ? b : utf8((String) p));
    }
    return out.toByteArray();
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  // Truncated files

  @Test
  void csvCutMidRecordQuarantinesTheCutRecord() throws IOException {
    Outcome o = incidents(LandingFormat.CSV, HEADER + "\n" + incident("i1") + "\no1,i2,d1,,Out");
    assertThat(o.rejection()).isNull();
    assertThat(o.codes()).containsExactly(List.of(), List.of("malformed_record"));
    assertThat(o.reasons(1))
        .containsExactly("malformed_record: the record has 5 fields, the header has 12");
    assertThat(o.records().get(1).raw()).isEqualTo("o1,i2,d1,,Out");
    assertThat(o.records().get(1).number()).isEqualTo(3);
  }

  @Test
  void csvCutInsideAQuotedFieldQuarantinesTheRestOfTheFile() throws IOException {
    Outcome o =
        incidents(
            LandingFormat.CSV,
            HEADER + "\n" + incident("i1") + "\no1,i2,d1,,\"Outage, then\n" + "o1,i3,d1,,cut");
    assertThat(o.codes()).containsExactly(List.of(), List.of("malformed_record"));
    assertThat(o.reasons(1))
        .containsExactly(
            "malformed_record: a quoted field is not closed before the end of the file"
                + " (truncated file?)");
    assertThat(o.records().get(1).raw()).isEqualTo("o1,i2,d1,,\"Outage, then\no1,i3,d1,,cut");
  }

  // Wrong delimiter

  @Test
  void semicolonOrTabSeparatedFilesAreRejectedNamingTheDelimiter() throws IOException {
    for (String delimiter : List.of(";", "\t")) {
      Outcome o =
          incidents(
              LandingFormat.CSV,
              HEADER.replace(",", delimiter)
                  + "\n"
                  + incident("i1").replace(",", delimiter)
                  + "\n");
      assertThat(o.rejection())
          .as("delimiter %s", delimiter)
          .startsWith(
              "Missing required column(s) org_id, incident_id, severity, opened_at for dataset"
                  + " incidents (found: org_id"
                  + delimiter
                  + "incident_id")
          .endsWith(
              "The header looks like it uses another delimiter: landing CSV is comma separated.");
    }
  }

  @Test
  void utf16FilesAreRejectedSayingTheyAreNotUtf8() throws IOException {
    byte[] utf16 =
        concat(
            bytes(0xFF, 0xFE),
            (HEADER + "\r\n" + incident("i1") + "\r\n").getBytes(StandardCharsets.UTF_16LE));
    assertThat(ingest(LandingDataset.INCIDENTS, LandingFormat.CSV, utf16).rejection())
        .startsWith(
            "Missing required column(s) org_id, incident_id, severity, opened_at for dataset"
                + " incidents (found: ")
        .endsWith(
            "The header is not UTF-8 text (a UTF-16 export? a binary file?): landing files are"
                + " UTF-8.");
    assertThat(ingest(LandingDataset.INCIDENTS, LandingFormat.JSONL, utf16).rejection())
        .isEqualTo(NO_OBJECT);
  }

  // Byte-order mark, line ends, quoting

  @Test
  void byteOrderMarkIsDroppedInEveryTextFormat() throws IOException {
    byte[] bom = bytes(0xEF, 0xBB, 0xBF);
    Outcome csv =
        ingest(
            LandingDataset.INCIDENTS,
            LandingFormat.CSV,
            concat(bom, HEADER + "\n" + incident("i1") + "\n"));
    assertThat(csv.codes()).containsExactly(List.of());
    assertThat(csv.records().get(0).values()).containsKey("org_id");
    Outcome jsonl =
        ingest(
            LandingDataset.INCIDENTS,
            LandingFormat.JSONL,
            concat(bom, incidentJson("i1") + "\n" + incidentJson("i2") + "\n"));
    assertThat(jsonl.codes()).containsExactly(List.of(), List.of());
    Outcome array =
        ingest(
            LandingDataset.INCIDENTS,
            LandingFormat.JSON,
            concat(bom, "[" + incidentJson("i1") + "]"));
    assertThat(array.codes()).containsExactly(List.of());
  }

  @Test
  void crlfMixedAndLoneCrLineEndsSplitRecordsAndKeepLineNumbers() throws IOException {
    for (String eol : List.of("\r\n", "\r")) {
      Outcome o =
          incidents(
              LandingFormat.CSV,
              HEADER + eol + incident("i1") + eol + incident("i2") + eol + eol + incident("i3"));
      assertThat(o.codes()).as("line end %s", eol.length()).containsOnly(List.of()).hasSize(3);
      assertThat(o.records()).extracting(LandingRecord::number).containsExactly(2L, 3L, 5L);
      assertThat(o.records().get(2).values()).containsEntry("customer_impact", "true");
    }
    Outcome mixed =
        incidents(
            LandingFormat.CSV,
            HEADER + "\r\n" + incident("i1") + "\n" + incident("i2") + "\r" + incident("i3"));
    assertThat(mixed.codes()).containsExactly(List.of(), List.of(), List.of());
    assertThat(mixed.records()).extracting(LandingRecord::number).containsExactly(2L, 3L, 4L);
    Outcome jsonl =
        incidents(
            LandingFormat.JSONL,
            incidentJson("i1") + "\r\n" + incidentJson("i2") + "\r" + incidentJson("i3") + "\n");
    assertThat(jsonl.codes()).containsExactly(List.of(), List.of(), List.of());
  }

  @Test
  void quotedFieldsKeepEmbeddedNewlinesQuotesAndCommas() throws IOException {
    String title = "\"Outage, \"\"bot\"\" down\r\nsecond line\rthird\nfourth\"";
    Outcome o =
        incidents(
            LandingFormat.CSV,
            HEADER + "\n" + incident("i1").replace("Outage", title) + "\n" + incident("i2") + "\n");
    assertThat(o.codes()).containsExactly(List.of(), List.of());
    LandingDataset ds = LandingDataset.INCIDENTS;
    assertThat(o.v().get(0).values()[ds.indexOf("title")])
        .isEqualTo("Outage, \"bot\" down\r\nsecond line\rthird\nfourth");
    assertThat(o.records()).extracting(LandingRecord::number).containsExactly(2L, 6L);
  }

  // Big fields

  @Test
  @Timeout(120)
  void tenMegabyteFieldsAreReadAndTenMegabyteNumbersRefusedAtOnce() throws IOException {
    String big = "x".repeat(10 << 20);
    String digits = "9".repeat(10 << 20);
    Outcome csv =
        incidents(
            LandingFormat.CSV,
            HEADER
                + "\n"
                + incident("i1").replace("Outage", big)
                + "\n"
                + incident("i2").replace(",2,", "," + digits + ",")
                + "\n");
    assertThat(csv.codes()).containsExactly(List.of(), List.of("invalid_integer"));
    assertThat((String) csv.v().get(0).values()[LandingDataset.INCIDENTS.indexOf("title")])
        .hasSize(10 << 20);
    assertThat(csv.reasons(1).get(0))
        .startsWith("invalid_integer: severity '999")
        .endsWith("...' is not an integer: more than 1000 characters");
    assertThat(csv.records().get(1).raw()).hasSize(incident("i2").length() - 1 + (10 << 20));

    Outcome jsonl =
        incidents(
            LandingFormat.JSONL,
            incidentJson("i1").replace("}", ",\"title\":\"" + big + "\"}")
                + "\n"
                + incidentJson("i2").replace("2,", "\"" + digits + "\",")
                + "\n");
    assertThat(jsonl.codes()).containsExactly(List.of(), List.of("invalid_integer"));
  }

  @Test
  void absurdExponentsAreOutOfRangeInsteadOfCrashingOrFillingTheHeap() throws IOException {
    String usageHeader =
        "org_id,usage_date,deployment_id,model_name,model_provider,model_tier,requests,"
            + "input_tokens,output_tokens,errors,cost_usd,latency_p95_ms";
    String usage = "o1,2026-03-01,d1,m1,acme,small,1,2,3,0,COST,1.5";
    Outcome csv =
        ingest(
            LandingDataset.INFERENCE_USAGE,
            LandingFormat.CSV,
            utf8(
                usageHeader
                    + "\n"
                    + usage.replace("COST", "1e999999999")
                    + "\n"
                    + usage.replace("COST", "1e-999999999").replace("m1", "m2")
                    + "\n"
                    + usage.replace("COST", "0e999999999").replace("m1", "m3")
                    + "\n"
                    + usage.replace("COST", "12.5e-3").replace("m1", "m4")
                    + "\n"));
    assertThat(csv.codes())
        .containsExactly(List.of("out_of_range"), List.of("out_of_range"), List.of(), List.of());
    assertThat(csv.reasons(0))
        .containsExactly(
            "out_of_range: cost_usd '1e999999999' is out of range: its exponent is beyond +-1000");
    LandingDataset usageSet = LandingDataset.INFERENCE_USAGE;
    assertThat(csv.v().get(3).values()[usageSet.indexOf("cost_usd")]).hasToString("0.012500");

    Outcome json =
        incidents(
            LandingFormat.JSONL,
            incidentJson("i1").replace("}", ",\"title\":1e999999999,\"vendor_score\":-1e999999}")
                + "\n"
                + incidentJson("i2").replace("2,", "1e999999999,")
                + "\n");
    assertThat(json.codes()).containsExactly(List.of(), List.of("out_of_range"));
    assertThat(json.v().get(0).values()[LandingDataset.INCIDENTS.indexOf("title")])
        .as("a JSON number in a text column is its text, in scientific notation when enormous")
        .isEqualTo("1E+999999999");
    assertThat(json.v().get(0).extras()).containsEntry("vendor_score", "-1E+999999");
  }

  // Encoding

  @Test
  void invalidUtf8QuarantinesTheRecordsHoldingIt() throws IOException {
    byte[] file =
        concat(
            HEADER + "\n",
            incidentTitled("i1", "Caf", bytes(0xE9)),
            "\n" + incident("i2") + "\n",
            incidentTitled("i3", "Euro ", bytes(0xE2, 0x82)),
            "\no1,i4,d1,,Caf",
            bytes(0xC3));
    // i1: a Latin-1 e acute; i3: a euro sign cut after two of its three bytes; the file is cut
    // inside a two-byte sequence.
    Outcome o = ingest(LandingDataset.INCIDENTS, LandingFormat.CSV, file);
    assertThat(o.codes())
        .containsExactly(
            List.of("invalid_utf8"),
            List.of(),
            List.of("invalid_utf8"),
            List.of("malformed_record", "invalid_utf8"));
    assertThat(o.reasons(0))
        .containsExactly("invalid_utf8: the record holds bytes that are not valid UTF-8");
    assertThat(o.records().get(0).raw()).contains(",Caf\uFFFD,2,");
    assertThat(o.records().get(2).raw()).contains(",Euro \uFFFD,2,");
    assertThat(o.records().get(3).raw()).isEqualTo("o1,i4,d1,,Caf\uFFFD");

    byte[] json = concat(incidentJson("i5").replace("}", ",\"title\":\"Caf"), bytes(0xE9), "\"}");
    assertThat(ingest(LandingDataset.INCIDENTS, LandingFormat.JSONL, json).codes())
        .containsExactly(List.of("invalid_utf8"));
  }

  // Wrong types

  @Test
  void aRowWithEveryColumnWrongGetsEveryReason() throws IOException {
    Outcome csv =
        incidents(
            LandingFormat.CSV,
            HEADER + "\n,,,,,high,yesterday,2026-03-02 09:20,soon,psychic,aliens,maybe\n");
    assertThat(csv.codes())
        .containsExactly(
            List.of(
                "missing_required",
                "missing_required",
                "invalid_integer",
                "invalid_timestamp",
                "timestamp_without_offset",
                "invalid_timestamp",
                "invalid_enum",
                "invalid_enum",
                "invalid_boolean"));
    assertThat(csv.reasons(0))
        .containsExactly(
            "missing_required: org_id is missing",
            "missing_required: incident_id is missing",
            "invalid_integer: severity 'high' is not an integer",
            "invalid_timestamp: opened_at 'yesterday' is not an ISO-8601 timestamp",
            "timestamp_without_offset: acknowledged_at '2026-03-02 09:20' has no UTC offset (add Z"
                + " or +hh:mm)",
            "invalid_timestamp: resolved_at 'soon' is not an ISO-8601 timestamp",
            "invalid_enum: detected_by 'psychic' is not one of customer, internal, monitoring",
            "invalid_enum: root_cause 'aliens' is not one of capacity, change, data, infra,"
                + " integration, model, unknown",
            "invalid_boolean: customer_impact 'maybe' is not true or false");
    assertThat(csv.v().get(0).key()).isNull();

    Outcome json =
        incidents(
            LandingFormat.JSONL,
            "{\"org_id\":{\"id\":\"o1\"},\"incident_id\":[\"i1\"],\"deployment_id\":{},"
                + "\"change_id\":[],\"title\":{\"en\":\"Outage\"},\"severity\":\"high\","
                + "\"opened_at\":12,\"acknowledged_at\":true,\"resolved_at\":[],"
                + "\"detected_by\":3,\"root_cause\":false,\"customer_impact\":\"maybe\"}");
    assertThat(json.reasons(0))
        .containsExactly(
            "invalid_type: org_id expected a string, got an object",
            "invalid_type: incident_id expected a string, got a list",
            "invalid_type: deployment_id expected a string, got an object",
            "invalid_type: change_id expected a string, got a list",
            "invalid_type: title expected a string, got an object",
            "invalid_integer: severity 'high' is not an integer",
            "invalid_timestamp: opened_at 12 is not an ISO-8601 timestamp",
            "invalid_timestamp: acknowledged_at true is not an ISO-8601 timestamp",
            "invalid_timestamp: resolved_at a list is not an ISO-8601 timestamp",
            "invalid_enum: detected_by '3' is not one of customer, internal, monitoring",
            "invalid_enum: root_cause 'false' is not one of capacity, change, data, infra,"
                + " integration, model, unknown",
            "invalid_boolean: customer_impact 'maybe' is not true or false");
  }

  // Empty files

  @Test
  void emptyFilesAreRejectedAndAHeaderOnlyFileHasNoRecords() throws IOException {
    String csvEmpty = "Cannot read the file: it is empty (a CSV file needs a header row)";
    assertThat(incidents(LandingFormat.CSV, "").rejection()).isEqualTo(csvEmpty);
    assertThat(incidents(LandingFormat.CSV, " \n\t\r\n   \n").rejection()).isEqualTo(csvEmpty);
    for (LandingFormat json : List.of(LandingFormat.JSONL, LandingFormat.JSON)) {
      assertThat(incidents(json, "").rejection()).isEqualTo("Cannot read the file: it is empty");
      assertThat(incidents(json, " \n\t\r\n").rejection())
          .isEqualTo("Cannot read the file: it is empty");
    }
    assertThat(incidents(LandingFormat.JSON, " [ ] ").rejection()).isEqualTo(NO_OBJECT);

    Outcome headerOnly = incidents(LandingFormat.CSV, HEADER + "\r\n");
    assertThat(headerOnly.rejection()).isNull();
    assertThat(headerOnly.records()).isEmpty();
    Outcome blankLines =
        incidents(LandingFormat.CSV, "\n  \n" + HEADER + "\n \t \n" + incident("i1") + "\n  ");
    assertThat(blankLines.codes())
        .as("lines of spaces are skipped like empty lines, as in JSON Lines")
        .containsExactly(List.of());
    assertThat(blankLines.records().get(0).number()).isEqualTo(5);
  }

  // JSON arrays

  @Test
  void jsonArraysAreReadOnlyFromJsonFilesAndATruncatedOneKeepsItsTail() throws IOException {
    String array = "[\n  " + incidentJson("i1") + ",\n  " + incidentJson("i2") + "\n]\n";
    assertThat(incidents(LandingFormat.JSONL, array).rejection())
        .isEqualTo(
            "Cannot read the file: a .jsonl file holds one JSON object per line, but this one"
                + " starts with '[' (a JSON array). Write one object per line, or name the file"
                + " .json to load it as an array.");
    assertThat(incidents(LandingFormat.JSON, array).codes()).containsExactly(List.of(), List.of());

    String cut = array.substring(0, array.indexOf("i2") + 10);
    Outcome truncated = incidents(LandingFormat.JSON, cut);
    assertThat(truncated.codes()).containsExactly(List.of(), List.of("malformed_record"));
    assertThat(truncated.reasons(1).get(0))
        .startsWith("malformed_record: the JSON array is not valid from element 2 on (line 3):");
    assertThat(truncated.records().get(1).raw())
        .as("the raw text of a broken element is kept")
        .isEqualTo(cut.substring(cut.indexOf("{\"org_id\":\"o1\",\"incident_id\":\"i2")));
    assertThat(truncated.records().get(1).number()).isEqualTo(2);

    Outcome garbage =
        incidents(LandingFormat.JSON, "[" + incidentJson("i1") + ", oops, " + incidentJson("i2"));
    assertThat(garbage.codes()).containsExactly(List.of(), List.of("malformed_record"));
    assertThat(garbage.records().get(1).raw()).isEqualTo("oops, " + incidentJson("i2"));

    Outcome trailing =
        incidents(LandingFormat.JSON, "[" + incidentJson("i1") + "]\n" + incidentJson("i2"));
    assertThat(trailing.codes()).containsExactly(List.of(), List.of("malformed_record"));
    assertThat(trailing.reasons(1))
        .containsExactly("malformed_record: text after the end of the JSON array");
    assertThat(trailing.records().get(1).raw()).isEqualTo(incidentJson("i2"));

    Outcome notObjects =
        incidents(LandingFormat.JSON, "[" + incidentJson("i1") + ", 42, [], \"x\", null]");
    assertThat(notObjects.codes())
        .containsExactly(
            List.of(),
            List.of("malformed_record"),
            List.of("malformed_record"),
            List.of("malformed_record"),
            List.of("malformed_record"));
    assertThat(notObjects.records().get(1).raw()).isEqualTo("42");
  }

  @Test
  void jsonLinesThatAreNotOneObjectAreQuarantinedOneByOne() throws IOException {
    Outcome o =
        incidents(
            LandingFormat.JSONL,
            String.join(
                "\n",
                incidentJson("i1"),
                "\"just a string\"",
                "42",
                "null",
                "[" + incidentJson("i2") + "]",
                incidentJson("i3").replace("}", ",\"title\":{\"en\":\"Outage\"}}"),
                incidentJson("i4") + " " + incidentJson("i5"),
                incidentJson("i6") + " trailing",
                "{\"org_id\":\"o1\",\"incident_id\":\"i7\"",
                "[".repeat(5000) + "]".repeat(5000),
                incidentJson("i8")));
    assertThat(o.codes())
        .containsExactly(
            List.of(),
            List.of("malformed_record"),
            List.of("malformed_record"),
            List.of("malformed_record"),
            List.of("malformed_record"),
            List.of("invalid_type"),
            List.of("malformed_record"),
            List.of("malformed_record"),
            List.of("malformed_record"),
            List.of("malformed_record"),
            List.of());
    assertThat(o.reasons(1)).containsExactly("malformed_record: a record must be a JSON object");
    assertThat(o.reasons(4)).containsExactly("malformed_record: a record must be a JSON object");
    assertThat(o.reasons(5))
        .containsExactly("invalid_type: title expected a string, got an object");
    assertThat(o.reasons(6))
        .as("two objects on one line: the second is not dropped silently")
        .containsExactly(
            "malformed_record: more than one JSON value on the line (write one object per line)");
    assertThat(o.reasons(7).get(0)).startsWith("malformed_record: not valid JSON: Unrecognized");
    assertThat(o.reasons(8).get(0)).startsWith("malformed_record: not valid JSON: Unexpected end");
    assertThat(o.reasons(9).get(0)).contains("nesting depth");
    assertThat(o.records()).extracting(LandingRecord::number).containsSequence(1L, 2L, 3L);
  }

  @Test
  void prettyPrintedJsonObjectIsRejectedSayingHowToWriteIt() throws IOException {
    String pretty = incidentJson("i1").replace("{", "{\n  ").replace(",", ",\n  ") + "\n";
    assertThat(incidents(LandingFormat.JSON, pretty).rejection()).isEqualTo(NO_OBJECT);
  }

  // Duplicate and unknown columns

  @Test
  void keysWrittenTwiceQuarantineTheRecordAndColumnsWrittenTwiceRejectTheFile() throws IOException {
    Outcome json =
        incidents(
            LandingFormat.JSONL,
            incidentJson("i1").replace("}", ",\"ORG_ID\":\"o2\"}")
                + "\n"
                + incidentJson("i2").replace("}", ",\"org_id\":\"o2\"}")
                + "\n"
                + incidentJson("i3")
                + "\n");
    assertThat(json.codes())
        .containsExactly(List.of("malformed_record"), List.of("malformed_record"), List.of());
    assertThat(json.reasons(0))
        .containsExactly("malformed_record: keys differ only in case: ORG_ID");
    assertThat(json.reasons(1))
        .as("an exact duplicate key no longer keeps its last value silently")
        .containsExactly("malformed_record: not valid JSON: Duplicate field 'org_id'");

    assertThat(
            incidents(LandingFormat.CSV, HEADER + ",ORG_ID\n" + incident("i1") + ",o2\n")
                .rejection())
        .isEqualTo("Cannot read the file: columns 'org_id' and 'ORG_ID' differ only in case");
    assertThat(
            incidents(LandingFormat.CSV, HEADER + ",org_id\n" + incident("i1") + ",o2\n")
                .rejection())
        .isEqualTo("Cannot read the file: column 'org_id' appears twice");
  }

  @Test
  void unknownColumnsAreKeptAsExtras() throws IOException {
    Outcome o =
        incidents(
            LandingFormat.CSV,
            HEADER + ",Vendor Ticket,priority\n" + incident("i1") + ",JIRA-1,P1\n");
    assertThat(o.codes()).containsExactly(List.of());
    assertThat(o.v().get(0).extras())
        .containsExactly(
            java.util.Map.entry("Vendor Ticket", "JIRA-1"), java.util.Map.entry("priority", "P1"));
  }

  // Garbage

  @Test
  @Timeout(120)
  void randomBytesAreRejectedAsFilesInEveryTextFormat() throws IOException {
    Random random = new Random(6);
    for (int i = 0; i < 20; i++) {
      byte[] garbage = new byte[1 + random.nextInt(64 << 10)];
      random.nextBytes(garbage);
      for (LandingFormat format : List.of(LandingFormat.CSV, LandingFormat.JSONL)) {
        Outcome o = ingest(LandingDataset.INCIDENTS, format, garbage);
        assertThat(o.rejection()).as("%s #%d", format, i).isNotNull();
      }
      Outcome json = ingest(LandingDataset.INCIDENTS, LandingFormat.JSON, garbage);
      assertThat(json.rejection()).as("json #%d", i).isNotNull();
    }
  }

  @Test
  void parquetRowsConvertedToJsonAreValidatedLikeJson() {
    // What IngestLanding hands over for a Parquet file whose severity column is a string and
    // that carries a struct column the contract does not know.
    LandingRecord row =
        LandingFileReader.jsonRecord(
            1,
            "{\"org_id\":\"o1\",\"incident_id\":\"i1\",\"severity\":\"high\","
                + "\"opened_at\":\"2026-03-02T09:15:00.000000Z\",\"vendor\":{\"a\":1}}");
    RecordValidator.Validated v = RecordValidator.validate(LandingDataset.INCIDENTS, row);
    assertThat(v.reasons()).containsExactly("invalid_integer: severity 'high' is not an integer");
    assertThat(v.extras()).containsExactly(java.util.Map.entry("vendor", "{a=1}"));
  }
}
