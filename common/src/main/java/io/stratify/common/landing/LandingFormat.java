package io.stratify.common.landing;

import java.util.Locale;
import java.util.Optional;

/** The file formats of the landing zone, told apart by file extension. */
public enum LandingFormat {
  CSV,
  /** JSON Lines: one object per line. */
  JSONL,
  /** JSON Lines, or one JSON array when the file starts with {@code [}. */
  JSON,
  PARQUET;

  public static Optional<LandingFormat> ofFileName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    if (lower.endsWith(".jsonl")) {
      return Optional.of(JSONL);
    }
    if (lower.endsWith(".json")) {
      return Optional.of(JSON);
    }
    if (lower.endsWith(".parquet")) {
      return Optional.of(PARQUET);
    }
    return Optional.empty();
  }
}
