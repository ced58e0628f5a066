package io.stratify.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.jobs.testing.SampleLakehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The numbers sample-data/README.md states are those of the committed files (no Spark). */
class SampleReadmeTest {

  static final Path SAMPLE = SampleLakehouse.projectDir().resolve("sample-data");

  @Test
  void theStatedFileAndDropFolderCountsAreTheCommittedOnes() throws IOException {
    String readme = Files.readString(SAMPLE.resolve("README.md"), StandardCharsets.UTF_8);
    Path landing = SAMPLE.resolve("landing");
    List<Path> files;
    List<Path> drops;
    try (Stream<Path> all = Files.walk(landing)) {
      List<Path> paths = all.toList();
      files = paths.stream().filter(Files::isRegularFile).toList();
      drops =
          paths.stream()
              .filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("dt="))
              .toList();
    }
    assertThat(number(readme, "([\\d,]+) files, ")).isEqualTo(files.size());
    assertThat(number(readme, "([\\d,]+) bytes"))
        .isEqualTo(files.stream().mapToLong(SampleReadmeTest::size).sum());
    assertThat(number(readme, "With the ([\\d,]+) `dt=` directories")).isEqualTo(drops.size());

    Matcher row =
        Pattern.compile("(?m)^\\| (\\w+) \\| (snapshot|upsert) \\| (\\d+) \\| (\\d+) \\|")
            .matcher(readme);
    int datasets = 0;
    while (row.find()) {
      Path dataset = landing.resolve(row.group(1));
      long datasetDrops = drops.stream().filter(d -> d.getParent().equals(dataset)).count();
      long datasetFiles = files.stream().filter(f -> f.startsWith(dataset)).count();
      assertThat(Long.parseLong(row.group(3))).as("%s drops", row.group(1)).isEqualTo(datasetDrops);
      assertThat(Long.parseLong(row.group(4))).as("%s files", row.group(1)).isEqualTo(datasetFiles);
      datasets++;
    }
    try (Stream<Path> folders = Files.list(landing)) {
      assertThat(datasets).as("a table row per dataset folder").isEqualTo(folders.count());
    }
  }

  @Test
  void itCitesNoPathOutsideTheRepositoryButTheSharedSpec() throws IOException {
    String readme = Files.readString(SAMPLE.resolve("README.md"), StandardCharsets.UTF_8);
    assertThat(readme)
        .as("paths are relative to the repository; the spec is ../shared/spec as in CI")
        .doesNotContainPattern("(?<![.\\w])/(work|home|tmp|Users)/")
        .contains("`../shared/spec/LANDING.md`");
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("README states %s", regex).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
