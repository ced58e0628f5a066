package io.stratify.common.adapt.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRunner;
import io.stratify.common.adapt.AdapterTestSupport;
import io.stratify.common.contract.LandingDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a cost format through the framework's runner (config file, required-column check, writer,
 * report) in a temporary folder, the way {@code stratify adapt} does.
 */
final class UsageRun {
  static final LocalDate DT = LocalDate.of(2026, 12, 1);
  static final String ORG = "acme";

  final Path tmp;
  final Path landing;
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  UsageRun(Path tmp) {
    this.tmp = tmp;
    this.landing = tmp.resolve("landing");
  }

  static Path resource(String relative) {
    try {
      return Path.of(UsageRun.class.getResource("/adapters/" + relative).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies fixture files into a fresh folder, the drop {@code --in} points at. */
  Path drop(Path... files) throws IOException {
    Path d = Files.createTempDirectory(tmp, "drop");
    for (Path f : files) {
      Files.copy(f, d.resolve(f.getFileName()));
    }
    return d;
  }

  Path write(String name, String text) throws IOException {
    Path file = tmp.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  AdapterReport adapt(String format, Path in, String config) throws IOException {
    return adapt(format, in, config, null, false);
  }

  AdapterReport adapt(String format, Path in, String config, Path costIn, boolean dryRun)
      throws IOException {
    Path cfg = write(format + ".yaml", config);
    return AdapterRunner.run(
        new AdapterRunner.Request(format, in, landing, DT, null, cfg, null, dryRun, null, costIn),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  Path output(String format) {
    return landing.resolve("inference_usage/dt=" + DT + "/" + format + "-" + ORG + ".csv");
  }

  Path report(String format) {
    return AdapterRunner.reportPath(landing, format, ORG, DT);
  }

  /** The data rows of the format's output (without the header). */
  List<String> rows(String format) throws IOException {
    List<String> lines = Files.readAllLines(output(format));
    assertThat(lines.get(0))
        .isEqualTo(
            "org_id,usage_date,deployment_id,model_name,model_provider,model_tier,requests,"
                + "input_tokens,output_tokens,errors,cost_usd,latency_p95_ms");
    return lines.subList(1, lines.size());
  }

  /** Output valid for ingest (landing reader + record validator) and every account balanced. */
  static void assertValid(AdapterReport report, Path output) throws Exception {
    assertThat(report.accounts()).allSatisfy(a -> assertThat(a.balanced()).as(a.file()).isTrue());
    AdapterTestSupport.assertValidForIngest(LandingDataset.INFERENCE_USAGE, output);
  }

  /** Totals over the report's accounts: read, written, rejected, skipped, merged, rows. */
  static Map<String, Long> totals(AdapterReport report) {
    Map<String, Long> t = new TreeMap<>();
    for (AdapterReport.Account a : report.accounts()) {
      t.merge("read", a.recordsRead(), Long::sum);
      t.merge("written", a.recordsWritten(), Long::sum);
      t.merge("rejected", a.recordsRejected(), Long::sum);
      t.merge("skipped", a.skippedTotal(), Long::sum);
      t.merge("merged", a.duplicatesMerged(), Long::sum);
      t.merge("rows", a.rowsWritten(), Long::sum);
    }
    return t;
  }

  static Map<String, Long> totals(long read, long written, long rejected, long skipped, long rows) {
    return new TreeMap<>(
        Map.of(
            "read",
            read,
            "written",
            written,
            "rejected",
            rejected,
            "skipped",
            skipped,
            "merged",
            0L,
            "rows",
            rows));
  }

  /** Reject code and vendor id of every rejection, with its record count when above one. */
  static List<String> rejects(AdapterReport report) {
    return report.rejects().stream()
        .map(
            r ->
                String.join(",", r.codes())
                    + " "
                    + r.vendorId()
                    + (r.records() == 1 ? "" : " x" + r.records()))
        .toList();
  }

  /**
   * Compares with the committed golden file under src/test/resources/adapters/golden; with {@code
   * -Dstratify.golden.update=true} rewrites it instead (then review the diff).
   */
  static void assertGolden(String name, Path actualFile) throws IOException {
    String actual = Files.readString(actualFile, StandardCharsets.UTF_8);
    Path source = Path.of("src/test/resources/adapters/golden", name);
    if (Boolean.getBoolean("stratify.golden.update")) {
      Files.createDirectories(source.getParent());
      Files.writeString(source, actual, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(source, StandardCharsets.UTF_8))
        .as("golden file %s (rerun with -Dstratify.golden.update=true and review the diff)", name)
        .isEqualTo(actual);
  }

  static List<Path> files(Path folder, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** Every file under the landing folder (outputs and reports), as text. */
  String everythingWritten() throws IOException {
    try (Stream<Path> walk = Files.walk(landing)) {
      return walk.filter(Files::isRegularFile)
              .map(
                  p -> {
                    try {
                      return Files.readString(p, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .collect(Collectors.joining("\n"))
          + printed.toString(StandardCharsets.UTF_8);
    }
  }
}
