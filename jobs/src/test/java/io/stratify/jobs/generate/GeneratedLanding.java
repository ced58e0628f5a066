package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.landing.LandingFileReader;
import io.stratify.common.landing.LandingFormat;
import io.stratify.common.landing.LandingRecord;
import io.stratify.common.landing.RecordValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A generated landing zone read back the way ingest reads it (LANDING.md): every file's columns
 * checked, every record validated, and per drop (dataset and dt, all files together) exact
 * duplicates collapsed and keys with several versions marked as conflicting.
 */
final class GeneratedLanding {

  /** One record as read and validated. */
  record Read(
      LandingDataset dataset, LocalDate dt, String file, RecordValidator.Validated validated) {

    boolean valid() {
      return validated.valid();
    }

    /** The key as text, or null when unreadable. */
    String key() {
      return validated.key() == null ? null : validated.key().toString();
    }

    String orgId() {
      return validated.key() == null ? null : validated.key().get("org_id");
    }

    Object value(String column) {
      return validated.values()[dataset.indexOf(column)];
    }

    /** The codes of the reasons the record was quarantined for. */
    List<String> reasonCodes() {
      return validated.reasons().stream().map(r -> r.substring(0, r.indexOf(':'))).toList();
    }
  }

  final Path root;
  final List<Path> files = new ArrayList<>();
  final List<Read> reads = new ArrayList<>();
  final Map<String, String> rejectedFiles = new TreeMap<>();
  final Map<String, Integer> collapsedPerDrop = new TreeMap<>();
  final Set<String> conflictingKeys = new HashSet<>();
  final List<Read> accepted = new ArrayList<>();

  private GeneratedLanding(Path root) {
    this.root = root;
  }

  static GeneratedLanding read(Path root) {
    GeneratedLanding landing = new GeneratedLanding(root);
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).sorted().forEach(landing.files::add);
      for (Path file : landing.files) {
        landing.readFile(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    landing.collapseDrops();
    return landing;
  }

  static String dropOf(LandingDataset dataset, LocalDate dt) {
    return dataset.folder() + "/dt=" + dt;
  }

  private void readFile(Path file) throws IOException {
    String relative = root.relativize(file).toString().replace('\\', '/');
    LandingDataset dataset =
        LandingDataset.fromFolder(file.getParent().getParent().getFileName().toString())
            .orElseThrow();
    LocalDate dt = LocalDate.parse(file.getParent().getFileName().toString().substring(3));
    LandingFormat format = LandingFormat.ofFileName(file.getFileName().toString()).orElseThrow();
    List<LandingRecord> records = new ArrayList<>();
    try {
      List<String> columns;
      if (format == LandingFormat.PARQUET) {
        records.addAll(ParquetRecords.read(file));
        columns = ParquetRecords.schema(file).getFields().stream().map(f -> f.getName()).toList();
      } else {
        try (InputStream in = Files.newInputStream(file)) {
          columns = LandingFileReader.columns(format, in);
        }
      }
      LandingFileReader.checkColumns(dataset, columns);
      if (format != LandingFormat.PARQUET) {
        try (InputStream in = Files.newInputStream(file)) {
          Iterator<LandingRecord> it = LandingFileReader.records(format, in);
          it.forEachRemaining(records::add);
        }
      }
    } catch (LandingFileReader.FileRejected e) {
      rejectedFiles.put(relative, e.getMessage());
      return;
    }
    for (LandingRecord record : records) {
      reads.add(new Read(dataset, dt, relative, RecordValidator.validate(dataset, record)));
    }
  }

  /** LANDING.md: among a drop's valid rows, equal rows collapse; a key left with two conflicts. */
  private void collapseDrops() {
    Map<String, Set<List<Object>>> versionsPerKey = new LinkedHashMap<>();
    Map<String, List<Read>> firstReadPerVersion = new LinkedHashMap<>();
    for (Read read : reads) {
      if (!read.valid()) {
        continue;
      }
      String drop = dropOf(read.dataset(), read.dt());
      String key = drop + "|" + read.key();
      if (!versionsPerKey
          .computeIfAbsent(key, k -> new HashSet<>())
          .add(Arrays.asList(read.validated().values()))) {
        collapsedPerDrop.merge(drop, 1, Integer::sum);
        continue;
      }
      firstReadPerVersion.computeIfAbsent(key, k -> new ArrayList<>()).add(read);
    }
    versionsPerKey.forEach(
        (key, versions) -> {
          if (versions.size() > 1) {
            conflictingKeys.add(key);
          } else {
            accepted.add(firstReadPerVersion.get(key).get(0));
          }
        });
    accepted.sort(Comparator.comparing(Read::dt));
  }

  /** The number of keys quarantined as conflicting duplicates. */
  int conflicts() {
    return conflictingKeys.size();
  }

  int collapsed() {
    return collapsedPerDrop.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Invalid records per reason code. */
  Map<String, Integer> invalidPerReason() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Read read : reads) {
      for (String code : read.reasonCodes()) {
        counts.merge(code, 1, Integer::sum);
      }
    }
    return counts;
  }

  List<Read> invalid() {
    return reads.stream().filter(r -> !r.valid()).toList();
  }

  /** Whether a drop holds a conflicting key. */
  boolean hasConflict(LandingDataset dataset, LocalDate dt) {
    String prefix = dropOf(dataset, dt) + "|";
    return conflictingKeys.stream().anyMatch(k -> k.startsWith(prefix));
  }
}
