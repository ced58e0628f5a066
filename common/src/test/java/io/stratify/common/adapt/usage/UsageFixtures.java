package io.stratify.common.adapt.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.landing.LandingFileReader;
import io.stratify.common.landing.LandingFormat;
import io.stratify.common.landing.LandingRecord;
import io.stratify.common.landing.RecordValidator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** Fixture paths, golden files and the landing check every usage test shares. */
final class UsageFixtures {
  static final String ORG = "acme";

  private UsageFixtures() {}

  static Path resource(String relative) {
    try {
      return Path.of(UsageFixtures.class.getResource("/adapters/" + relative).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> files(Path folder, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  /**
   * Parses the CSV with Stratify's own landing reader and validator; returns every quarantine
   * reason (the tests expect none).
   */
  static List<String> quarantineReasons(String csv) throws Exception {
    List<String> reasons = new ArrayList<>();
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    LandingFileReader.checkColumns(
        LandingDataset.INFERENCE_USAGE,
        LandingFileReader.columns(LandingFormat.CSV, new ByteArrayInputStream(bytes)));
    Iterator<LandingRecord> it =
        LandingFileReader.records(LandingFormat.CSV, new ByteArrayInputStream(bytes));
    while (it.hasNext()) {
      reasons.addAll(RecordValidator.validate(LandingDataset.INFERENCE_USAGE, it.next()).reasons());
    }
    return reasons;
  }

  /**
   * Compares with the committed golden file under src/test/resources/adapters/golden; with {@code
   * -Dstratify.golden.update=true} rewrites it instead (then review the diff).
   */
  static void assertGolden(String name, String actual) throws IOException {
    Path source = Path.of("src/test/resources/adapters/golden", name);
    if (Boolean.getBoolean("stratify.golden.update")) {
      Files.createDirectories(source.getParent());
      Files.writeString(source, actual, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(source, StandardCharsets.UTF_8))
        .as("golden file %s (rerun with -Dstratify.golden.update=true and review the diff)", name)
        .isEqualTo(actual);
  }
}
