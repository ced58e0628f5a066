package io.stratify.common.adapt.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.landing.LandingFileReader;
import io.stratify.common.landing.LandingFormat;
import io.stratify.common.landing.LandingRecord;
import io.stratify.common.landing.RecordValidator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Shared checks of incident adapter tests: the landing reader, the validator, the accounting. */
final class LandingCheck {

  private LandingCheck() {}

  static Path resource(String path) {
    try {
      return Path.of(LandingCheck.class.getResource("/adapters/" + path).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String csv(OutputTable table) throws IOException {
    StringWriter out = new StringWriter();
    table.writeCsv(out);
    return out.toString();
  }

  /**
   * Reads the table's CSV with Stratify's own landing reader and validator and returns every
   * quarantine reason found (empty = all rows valid); also asserts that every row is read back.
   */
  static List<String> quarantineReasons(OutputTable table) throws Exception {
    LandingDataset dataset = LandingDataset.fromFolder(table.dataset()).orElseThrow();
    byte[] bytes = csv(table).getBytes(StandardCharsets.UTF_8);
    LandingFileReader.checkColumns(
        dataset, LandingFileReader.columns(LandingFormat.CSV, new ByteArrayInputStream(bytes)));
    List<String> reasons = new ArrayList<>();
    int n = 0;
    Iterator<LandingRecord> it =
        LandingFileReader.records(LandingFormat.CSV, new ByteArrayInputStream(bytes));
    while (it.hasNext()) {
      RecordValidator.Validated v = RecordValidator.validate(dataset, it.next());
      reasons.addAll(v.reasons());
      n++;
    }
    assertThat(n).as("rows read back from " + table.dataset()).isEqualTo(table.size());
    return reasons;
  }

  /** The accounting identity holds for every (file, dataset). */
  static void assertBalanced(Accounting accounting) {
    for (Map.Entry<String, Accounting.Counts> e : accounting.counts().entrySet()) {
      assertThat(e.getValue().balanced())
          .as("accounting identity of " + e.getKey().replace('\0', ' ') + ": " + e.getValue())
          .isTrue();
    }
  }

  /** Compares the table's CSV with the committed golden file (src/test/resources/adapters/...). */
  static void assertGolden(OutputTable table, String goldenPath) throws IOException {
    String actual = csv(table);
    Path source = Path.of("src/test/resources/adapters").resolve(goldenPath);
    if (Boolean.getBoolean("stratify.golden.update")) {
      Files.createDirectories(source.getParent());
      Files.writeString(source, actual, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(source))
        .as("golden file " + source + " (run with -Dstratify.golden.update=true to create it)")
        .isTrue();
    assertThat(actual)
        .as("output differs from golden " + goldenPath)
        .isEqualTo(Files.readString(source, StandardCharsets.UTF_8));
  }
}
