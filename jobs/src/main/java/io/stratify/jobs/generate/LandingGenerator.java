package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.landing.LandingFormat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 *
 * <p>It streams: one org is in memory at a time while its rows are simulated and spooled to a
 * temporary file ({@link RowSpool}), bad input is drawn over the spooled files by counts kept per
 * chunk ({@link BadInputInjector}), and each file is written from the spool one org's chunk at a
 * time, so memory does not grow with the orgs beyond a few numbers per chunk.
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
    List<OrgProfile> orgs = OrgProfiles.forSettings(settings);
    try (RowSpool spool = RowSpool.create(orgs)) {
      Map<String, SpooledFile> spooled = new TreeMap<>();
      for (int i = 0; i < orgs.size(); i++) {
        spoolOrg(i, orgs.get(i), settings, spool, spooled);
      }
      List<SpooledFile> catalog = new ArrayList<>(spooled.values());
      List<InjectedBadInput> bad = new ArrayList<>();
      List<LandingFile> added = BadInputInjector.inject(catalog, spool, orgs, settings, bad);

      // Files that bad input adds come after the spooled ones of the same path, in the order
      // they were made: a later one replaces an earlier one, as it would in the drop folder.
      List<Output> files = new ArrayList<>();
      catalog.forEach(f -> files.add(new Output(f.meta, f.rows(spool))));
      added.forEach(f -> files.add(new Output(f, f.rows)));
      files.sort(Comparator.comparing(f -> f.file().path()));
      Map<LandingDataset, Integer> rowsWritten = new EnumMap<>(LandingDataset.class);
      long bytes = 0;
      for (Output output : files) {
        LandingFile file = output.file();
        int[] rows = {0};
        bytes += write(outDir.resolve(file.path()), file, counting(output.rows(), rows));
        rowsWritten.merge(file.dataset, rows[0], Integer::sum);
      }
      return new GeneratorSummary(outDir, files.size(), bytes, rowsWritten, bad);
    }
  }

  /**
   * Simulates one org, lays its rows out in files, marks what bad input may spoil and spools each
   * file's rows as this org's chunk of the landing file of that path.
   */
  private static void spoolOrg(
      int index,
      OrgProfile org,
      GeneratorSettings settings,
      RowSpool spool,
      Map<String, SpooledFile> spooled) {
    List<LandingFile> orgFiles =
        LandingLayout.assemble(OrgSimulator.simulate(org, settings), settings);
    BadInputInjector.classify(orgFiles, settings);
    for (LandingFile part : orgFiles) {
      SpooledFile file =
          spooled.computeIfAbsent(
              part.path(),
              p ->
                  new SpooledFile(
                      part.sibling(part.name, part.format, part.style, part.columns),
                      BadInputInjector.Pool.of(part.dataset, part.format)));
      if (!file.meta.columns.equals(part.columns)
          || file.meta.format != part.format
          || !file.meta.style.equals(part.style)) {
        throw new IllegalStateException(
            "Cannot lay out " + part.path() + ": orgs disagree on its format, style or columns");
      }
      int[] counts = new int[file.pools.length];
      boolean allUnchanged = true;
      for (LandingFile.Row row : part.rows) {
        for (int slot = 0; slot < counts.length; slot++) {
          if (file.pools[slot].test.test(row)) {
            counts[slot]++;
          }
        }
        allUnchanged &= row.unchanged;
      }
      file.add(index, spool.write(part.rows), counts, allUnchanged);
    }
  }

  /** A file to write: its place, format and columns, and its rows however they are held. */
  private record Output(LandingFile file, Iterable<LandingFile.Row> rows) {}

  /** {@code rows}, counting into {@code count[0]} the rows taken. */
  private static Iterable<LandingFile.Row> counting(Iterable<LandingFile.Row> rows, int[] count) {
    return () -> {
      Iterator<LandingFile.Row> it = rows.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public LandingFile.Row next() {
          count[0]++;
          return it.next();
        }
      };
    };
  }

  /** Writes one file and returns its size. */
  private static long write(Path target, LandingFile file, Iterable<LandingFile.Row> rows) {
    try {
      Files.createDirectories(target.getParent());
      if (file.format == LandingFormat.PARQUET) {
        ParquetFileWriter.write(file, rows, target);
      } else {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
          if (file.format == LandingFormat.CSV) {
            CsvFileWriter.write(file, rows, out);
          } else {
            JsonFileWriter.write(file, rows, file.format == LandingFormat.JSON, out);
          }
        }
      }
      return Files.size(target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write landing file " + target + ": " + e, e);
    }
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
