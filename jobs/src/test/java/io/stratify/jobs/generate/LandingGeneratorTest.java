package io.stratify.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LandingGeneratorTest {

  @Test
  void sameSettingsGiveByteIdenticalFilesAndAnotherSeedOtherData() {
    Map<String, String> first = digests(DefaultSample.summary().outDir());
    Path again = DefaultSample.fresh("again");
    LandingGenerator.generate(again, GeneratorSettings.defaults());
    assertThat(digests(again)).as("same settings, same names and bytes").isEqualTo(first);

    Path other = DefaultSample.fresh("seed-43");
    LandingGenerator.generate(other, GeneratorSettings.defaults().withSeed(43));
    Map<String, String> second = digests(other);
    long same =
        second.entrySet().stream().filter(e -> e.getValue().equals(first.get(e.getKey()))).count();
    assertThat(same)
        .as("files identical under another seed (the org registry only)")
        .isLessThan(second.size() / 20);
  }

  @Test
  void writesEveryDatasetInEveryFormatWithinTheSizeBudget() {
    GeneratorSummary summary = DefaultSample.summary();
    GeneratedLanding landing = DefaultSample.landing();
    assertThat(summary.rowsWritten().keySet()).containsExactlyInAnyOrder(LandingDataset.values());
    assertThat(summary.filesWritten()).isEqualTo(landing.files.size());
    Set<String> folders =
        landing.files.stream()
            .map(f -> landing.root.relativize(f).getName(0).toString())
            .collect(Collectors.toSet());
    assertThat(folders)
        .containsExactlyInAnyOrder(
            Stream.of(LandingDataset.values()).map(LandingDataset::folder).toArray(String[]::new));
    Set<String> extensions =
        landing.files.stream()
            .map(f -> f.getFileName().toString().replaceAll(".*\\.", ""))
            .collect(Collectors.toSet());
    assertThat(extensions).containsExactlyInAnyOrder("csv", "jsonl", "json", "parquet");
    assertThat(landing.files)
        .as("a .json file holding one JSON array")
        .anyMatch(f -> f.toString().endsWith(".json") && text(f).startsWith("["));
    assertThat(landing.files)
        .allMatch(f -> f.getParent().getFileName().toString().matches("dt=\\d{4}-\\d{2}-\\d{2}"));
    assertThat(summary.bytesWritten()).as("sample size in bytes").isLessThan(3L << 20);
    assertThat(landing.reads.size())
        .isEqualTo(
            summary.rowsWritten().values().stream().mapToInt(Integer::intValue).sum()
                - rowsOfRejectedFiles(summary));
  }

  @Test
  void snapshotsAreWeeklyWithExtraDropsAndUpsertsDaily() {
    GeneratedLanding landing = DefaultSample.landing();
    GeneratorSettings settings = GeneratorSettings.defaults();
    Map<String, Set<LocalDate>> drops = new TreeMap<>();
    landing.reads.forEach(
        r ->
            drops
                .computeIfAbsent(r.dataset().folder(), d -> new java.util.TreeSet<>())
                .add(r.dt()));
    Set<LocalDate> deploymentDrops = drops.get("deployments");
    assertThat(deploymentDrops)
        .as("every Monday")
        .containsAll(
            Stream.iterate(settings.start(), d -> d.plusWeeks(1)).limit(settings.weeks()).toList());
    assertThat(deploymentDrops.stream().filter(d -> d.getDayOfWeek().getValue() != 1))
        .as("extra drops")
        .isNotEmpty();
    assertThat(drops.get("incidents")).as("daily incident drops").hasSizeGreaterThan(100);
    assertThat(drops.get("inference_usage")).hasSize(settings.days());
    assertThat(
            landing.files.stream()
                .allMatch(
                    f -> {
                      LocalDate dt =
                          LocalDate.parse(f.getParent().getFileName().toString().substring(3));
                      return !dt.isBefore(settings.start()) && !dt.isAfter(settings.end());
                    }))
        .as("no drop outside the history")
        .isTrue();
  }

  @Test
  void filesVaryTheWayRealExportsDo() {
    GeneratedLanding landing = DefaultSample.landing();
    String csv =
        landing.files.stream()
            .filter(f -> f.toString().endsWith(".csv"))
            .map(LandingGeneratorTest::text)
            .collect(Collectors.joining("\n"));
    assertThat(csv).as("title-case headers").contains("Org_ID,Incident_ID");
    assertThat(csv).as("+hhmm offsets").containsPattern("T\\d\\d:\\d\\d:\\d\\d[+-]\\d{4},");
    assertThat(csv).as("+hh:mm offsets").containsPattern("T\\d\\d:\\d\\d:\\d\\d\\+01:00,");
    assertThat(csv).as("space separator").containsPattern("\\d \\d\\d:\\d\\d:\\d\\d");
    assertThat(csv).as("fractional seconds").containsPattern(":\\d\\d\\.\\d{3}");
    assertThat(csv).as("quotes inside quoted fields").contains("\"\"");
    assertThat(csv).as("floats for ints").contains(",2.0,");
    assertThat(csv).as("booleans in any case").contains(",True,").contains(",False,");
    assertThat(landing.reads)
        .as("a quoted field spanning lines")
        .anyMatch(
            r ->
                r.valid()
                    && r.dataset() == LandingDataset.INCIDENTS
                    && String.valueOf(r.value("title")).contains("\n"));
    assertThat(landing.reads)
        .as("unknown extra columns")
        .anyMatch(r -> !r.validated().extras().isEmpty());
    assertThat(landing.files)
        .as("a UTF-8 byte-order mark")
        .anyMatch(f -> bytes(f).length > 3 && (bytes(f)[0] & 0xFF) == 0xEF);
  }

  @Test
  void refusesBadSettingsAndNonEmptyTargets() throws IOException {
    assertThatThrownBy(() -> GeneratorSettings.defaults().withOrgs(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot generate landing data: orgs must be between 1 and 10000, got 0");
    assertThatThrownBy(() -> GeneratorSettings.defaults().withOrgs(10_001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot generate landing data: orgs must be between 1 and 10000, got 10001");
    assertThat(GeneratorSettings.defaults().withOrgs(10_000).orgs()).isEqualTo(10_000);
    assertThatThrownBy(() -> GeneratorSettings.defaults().withWeeks(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot generate landing data: weeks must be between 1 and");
    assertThatThrownBy(() -> GeneratorSettings.defaults().withStart(LocalDate.of(2026, 1, 6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot generate landing data: start 2026-01-06 is a TUESDAY, weeks start on a Monday");
    Path busy = DefaultSample.fresh("busy");
    Files.createDirectories(busy);
    Files.writeString(busy.resolve("keep.txt"), "mine");
    assertThatThrownBy(() -> LandingGenerator.generate(busy, GeneratorSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot generate into ")
        .hasMessageContaining("not empty");
    assertThat(busy.resolve("keep.txt")).hasContent("mine");
  }

  /**
   * The committed sample was generated in another JVM, so this also catches output that depends on
   * the JVM (hash iteration order, identity hash codes) rather than on the settings.
   */
  @Test
  void committedSampleIsWhatTheDefaultsGenerate() {
    Path sample =
        Path.of(System.getProperty("stratify.project.dir", ".."), "sample-data", "landing");
    assertThat(sample).isDirectory();
    Map<String, String> committed = digests(sample);
    Map<String, String> generated = digests(DefaultSample.summary().outDir());
    Set<String> differing = new java.util.TreeSet<>(committed.keySet());
    differing.addAll(generated.keySet());
    differing.removeIf(f -> Objects.equals(committed.get(f), generated.get(f)));
    assertThat(differing)
        .as(
            "files of sample-data/landing that differ from what the defaults generate;"
                + " regenerate the sample (sample-data/README.md)")
        .isEmpty();
  }

  private static int rowsOfRejectedFiles(GeneratorSummary summary) {
    return summary.badInputs().stream()
        .filter(b -> b.outcome() == InjectedBadInput.Outcome.FILE_REJECTED)
        .mapToInt(b -> rowsIn(summary.outDir().resolve(b.file())))
        .sum();
  }

  private static int rowsIn(Path file) {
    String text = text(file);
    long lines = text.lines().count();
    return (int) (file.toString().endsWith(".csv") ? lines - 1 : lines);
  }

  static Map<String, String> digests(Path root) {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        digests.put(
            root.relativize(file).toString().replace('\\', '/'),
            HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return digests;
  }

  static String text(Path file) {
    return new String(bytes(file), StandardCharsets.UTF_8);
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
