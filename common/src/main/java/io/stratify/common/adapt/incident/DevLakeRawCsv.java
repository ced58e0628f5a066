package io.stratify.common.adapt.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a DevLake raw table ({@code _raw_<plugin>_<kind>.csv}: id, params, data, url, input,
 * created_at), whose {@code data} column holds the vendor's API JSON, one object per row, row by
 * row.
 */
final class DevLakeRawCsv {

  /** Receives each row's JSON, or the reason it could not be read. */
  interface Sink {
    void accept(JsonNode object, String position);

    void unparseable(String position, String why);
  }

  private DevLakeRawCsv() {}

  /** True when the file's header is a DevLake raw table's (has a {@code data} column). */
  static boolean looksLikeRawTable(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      String header = lines.findFirst().orElse("");
      return java.util.Arrays.asList(header.split(",")).contains("data");
    }
  }

  static void read(Path file, Sink sink) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = format.parse(reader)) {
      for (CSVRecord row : parser) {
        String position = "row " + row.getRecordNumber() + " (id " + row.get(0) + ")";
        String data = row.isMapped("data") && row.isSet("data") ? row.get("data") : null;
        if (data == null || data.isBlank()) {
          sink.unparseable(position, "the data column is empty");
          continue;
        }
        try {
          sink.accept(VendorJson.MAPPER.readTree(data), position);
        } catch (JsonProcessingException e) {
          sink.unparseable(position, "the data column is not JSON: " + e.getOriginalMessage());
        }
      }
    }
  }
}
