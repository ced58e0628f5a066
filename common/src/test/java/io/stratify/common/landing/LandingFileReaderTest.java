package io.stratify.common.landing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratify.common.contract.LandingDataset;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LandingFileReaderTest {

  private static List<LandingRecord> read(LandingFormat format, byte[] bytes) throws Exception {
    List<LandingRecord> out = new ArrayList<>();
    Iterator<LandingRecord> it = LandingFileReader.records(format, new ByteArrayInputStream(bytes));
    it.forEachRemaining(out::add);
    return out;
  }

  private static List<LandingRecord> read(LandingFormat format, String text) throws Exception {
    return read(format, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void csvKeepsQuotedCommasNewlinesAndQuotesAndRawTextAndLineNumbers() throws Exception {
    String csv = "id,title\r\n1,\"a, \"\"quoted\"\"\r\ntitle\"\r\n\r\n2,plain\r\n";
    List<LandingRecord> records = read(LandingFormat.CSV, csv);
    assertThat(records).hasSize(2);
    assertThat(records.get(0).values()).containsEntry("title", "a, \"quoted\"\r\ntitle");
    assertThat(records.get(0).number()).isEqualTo(2);
    assertThat(records.get(0).raw()).isEqualTo("1,\"a, \"\"quoted\"\"\r\ntitle\"");
    assertThat(records.get(1).number()).as("blank line skipped, line count kept").isEqualTo(5);
    assertThat(records.get(1).values()).containsEntry("id", "2").containsEntry("title", "plain");
  }

  @Test
  void csvMalformedRecordsAreReportedAndReadingResumes() throws Exception {
    String csv = "id,title\n1,\"closed\"junk\n2,short,extra\n3,fine\n4,\"never closed\n";
    List<LandingRecord> records = read(LandingFormat.CSV, csv);
    assertThat(records).extracting(LandingRecord::number).containsExactly(2L, 3L, 4L, 5L);
    assertThat(records.get(0).malformed()).contains("after a closing quote");
    assertThat(records.get(0).raw()).isEqualTo("1,\"closed\"junk");
    assertThat(records.get(1).malformed()).contains("3 fields, the header has 2");
    assertThat(records.get(2).malformed()).isNull();
    assertThat(records.get(3).malformed()).contains("not closed before the end of the file");
    assertThat(records.get(3).raw()).isEqualTo("4,\"never closed\n");
  }

  @Test
  void byteOrderMarkIsDroppedAndInvalidUtf8IsFlaggedPerRecord() throws Exception {
    byte[] head = "\uFEFFid,title\n1,ok\n2,bad".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + 2];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xC3;
    bytes[head.length + 1] = (byte) 0x28;
    List<LandingRecord> records = read(LandingFormat.CSV, bytes);
    assertThat(records.get(0).values()).containsOnlyKeys("id", "title");
    assertThat(records.get(0).invalidUtf8()).isFalse();
    assertThat(records.get(1).invalidUtf8()).isTrue();
  }

  @Test
  void tenMegabyteFieldIsRead() throws Exception {
    String big = "x".repeat(10 << 20);
    List<LandingRecord> records = read(LandingFormat.CSV, "id,title\n1," + big + "\n");
    assertThat((String) records.get(0).values().get("title")).hasSize(10 << 20);
    List<LandingRecord> json =
        read(LandingFormat.JSONL, "{\"id\":\"1\",\"title\":\"" + big + "\"}\n");
    assertThat((String) json.get(0).values().get("title")).hasSize(10 << 20);
  }

  @Test
  void jsonLinesGiveTypedValuesAndMalformedLines() throws Exception {
    String jsonl =
        "{\"id\":\"a\",\"n\":3.0,\"b\":true,\"l\":[\"x\",\"y\"],\"nul\":null}\r\n"
            + "\n"
            + "not json\n"
            + "[1,2]\n";
    List<LandingRecord> records = read(LandingFormat.JSONL, jsonl);
    assertThat(records).hasSize(3);
    assertThat((BigDecimal) records.get(0).values().get("n")).isEqualByComparingTo("3");
    assertThat(records.get(0).values())
        .containsEntry("b", true)
        .containsEntry("l", List.of("x", "y"))
        .containsEntry("nul", null);
    assertThat(records.get(1).number()).isEqualTo(3);
    assertThat(records.get(1).malformed()).startsWith("not valid JSON");
    assertThat(records.get(2).malformed()).isEqualTo("a record must be a JSON object");
  }

  @Test
  void jsonFileMayHoldOneArray() throws Exception {
    List<LandingRecord> records = read(LandingFormat.JSON, " [ {\"id\":\"a\"}, {\"id\":\"b\"} ]");
    assertThat(records).extracting(r -> r.values().get("id")).containsExactly("a", "b");
    assertThat(records).extracting(LandingRecord::number).containsExactly(1L, 2L);
  }

  @Test
  void arrayInAJsonLinesFileRejectsTheFile() {
    assertThatThrownBy(() -> read(LandingFormat.JSONL, "[{\"id\":\"a\"},\n{\"id\":\"b\"}]"))
        .isInstanceOf(LandingFileReader.FileRejected.class)
        .hasMessageContaining("name the file .json");
  }

  @Test
  void emptyFilesAreRejected() {
    assertThatThrownBy(() -> read(LandingFormat.CSV, ""))
        .isInstanceOf(LandingFileReader.FileRejected.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> read(LandingFormat.JSONL, "  \n"))
        .isInstanceOf(LandingFileReader.FileRejected.class)
        .hasMessageContaining("empty");
  }

  @Test
  void columnsOfJsonAreTheUnionOfKeys() throws Exception {
    List<String> columns =
        LandingFileReader.columns(
            LandingFormat.JSONL,
            new ByteArrayInputStream(
                "{\"a\":1}\n{\"B\":2}\nbroken\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(columns).containsExactly("a", "B");
  }

  @Test
  void missingRequiredColumnsRejectTheFileNamingThem() {
    assertThatThrownBy(
            () ->
                LandingFileReader.checkColumns(
                    LandingDataset.TEAMS, List.of("ORG_ID", "team_id", "team_name")))
        .isInstanceOf(LandingFileReader.FileRejected.class)
        .hasMessageContaining("Missing required column(s) function for dataset teams");
    assertThatThrownBy(
            () ->
                LandingFileReader.checkColumns(
                    LandingDataset.TEAMS, List.of("org_id;team_id;team_name;function")))
        .hasMessageContaining("another delimiter");
    assertThatThrownBy(
            () ->
                LandingFileReader.checkColumns(
                    LandingDataset.TEAMS,
                    List.of("org_id", "team_id", "team_name", "function", "Function")))
        .hasMessageContaining("differ only in case");
  }
}
