package io.stratify.common.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.landing.LandingFileReader;
import io.stratify.common.landing.LandingFormat;
import io.stratify.common.landing.LandingRecord;
import io.stratify.common.landing.RecordValidator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/** Test helpers for adapter formats. */
public final class AdapterTestSupport {
  private AdapterTestSupport() {}

  /**
   * Reads an adapter's output back with Stratify's own landing reader and record validator
   * (ADAPTERS.md 12): every row must be valid; returns the number of rows read.
   */
  public static int assertValidForIngest(LandingDataset dataset, Path file) throws Exception {
    LandingFormat format =
        file.toString().endsWith(".jsonl") ? LandingFormat.JSONL : LandingFormat.CSV;
    int n = 0;
    try (InputStream in = Files.newInputStream(file)) {
      Iterator<LandingRecord> records = LandingFileReader.records(format, in);
      while (records.hasNext()) {
        RecordValidator.Validated v = RecordValidator.validate(dataset, records.next());
        assertThat(v.reasons()).as(file + " row " + n).isEmpty();
        n++;
      }
    }
    return n;
  }
}
