package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.landing.LandingFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Generates a deterministic synthetic landing zone (LANDING.md) for demos, tests and the committed
 * sample in sample-data/landing.
 *
 * <p>Input: the settings only. Output: {@code <out>/<dataset>/dt=YYYY-MM-DD/<file>} for the nine
 * landing datasets, in CSV, JSON Lines, JSON arrays and Parquet. Each org is simulated week by week
 * (teams and people, an AI deployment inventory planned to follow the org's supportability
 * scenario, changes, incidents with their timelines, daily inference usage, budgets), its rows are
 * cut into weekly snapshot drops and daily upsert drops, laid out in files the way its export tools
 * write them, and a sprinkling of every kind of bad input is injected. The same settings always
 * give byte-identical files.
 */
public final class LandingGenerator {

  private LandingGenerator() {}

  /**
   * Writes the landing zone into {@code outDir}, which must not exist or be an empty directory.
   *
   * @throws IllegalArgumentException when {@code outDir} is a file or a non-empty directory
   * @throws UncheckedIOException when a file cannot be written
   */
  public static GeneratorSummary generate(Path outDir, GeneratorSettings settings) {
    if (outDir == null || settings == null) {
      throw new IllegalArgumentException(
          "Cannot generate landing data: the output directory and the settings are required");
    }
    checkTarget(outDir);
    List<LandingRow> rows = new ArrayList<>();
    for (OrgProfile org : OrgProfiles.forSettings(settings)) {
      rows.addAll(OrgSimulator.simulate(org, settings));
    }
    List<LandingFile> files = LandingLayout.assemble(rows, settings);
    List<InjectedBadInput> bad = BadInputInjector.inject(files, settings);

    Map<LandingDataset, Integer> rowsWritten = new EnumMap<>(LandingDataset.class);
    long bytes = 0;
    for (LandingFile file : files) {
      Path target = outDir.resolve(file.path());
      try {
        Files.createDirectories(target.getParent());
        if (file.format == LandingFormat.PARQUET) {
          ParquetFileWriter.write(file, target);
        } else if (file.format == LandingFormat.CSV) {
          Files.write(target, CsvFileWriter.write(file));
        } else {
          Files.write(target, JsonFileWriter.write(file, file.format == LandingFormat.JSON));
        }
        bytes += Files.size(target);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write landing file " + target + ": " + e, e);
      }
      rowsWritten.merge(file.dataset, file.rows.size(), Integer::sum);
    }
    return new GeneratorSummary(outDir, files.size(), bytes, rowsWritten, bad);
  }

  private static void checkTarget(Path outDir) {
    if (!Files.exists(outDir)) {
      return;
    }
    if (!Files.isDirectory(outDir)) {
      throw new IllegalArgumentException(
          "Cannot generate into " + outDir + ": it is a file, not a directory");
    }
    try (Stream<Path> entries = Files.list(outDir)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalArgumentException(
            "Cannot generate into "
                + outDir
                + ": the directory is not empty (generated files"
                + " are never mixed with existing ones; remove it or choose another)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + outDir + ": " + e, e);
    }
  }
}
