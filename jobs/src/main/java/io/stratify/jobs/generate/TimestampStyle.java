package io.stratify.jobs.generate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/** How an export writes timestamps; every style keeps the full precision of the instant. */
enum TimestampStyle {
  /** {@code 2026-03-02T09:15:00Z} */
  UTC_Z,
  /** {@code 2026-03-02T10:15:00+01:00}, in the org's local time. */
  LOCAL_OFFSET,
  /** {@code 2026-03-02T10:15:00+0100}, in the org's local time. */
  LOCAL_OFFSET_COMPACT,
  /** {@code 2026-03-02 09:15:00.123+00:00} */
  SPACE_UTC;

  String format(Instant t, ZoneId zone) {
    ZoneOffset offset =
        this == LOCAL_OFFSET || this == LOCAL_OFFSET_COMPACT
            ? zone.getRules().getOffset(t)
            : ZoneOffset.UTC;
    LocalDateTime local = LocalDateTime.ofInstant(t, offset);
    StringBuilder s = new StringBuilder(32);
    s.append(local.toLocalDate()).append(this == SPACE_UTC ? ' ' : 'T');
    s.append(
        String.format(
            Locale.ROOT, "%02d:%02d:%02d", local.getHour(), local.getMinute(), local.getSecond()));
    int nanos = local.getNano();
    if (nanos != 0) {
      s.append(
          nanos % 1_000_000 == 0
              ? String.format(Locale.ROOT, ".%03d", nanos / 1_000_000)
              : String.format(Locale.ROOT, ".%06d", nanos / 1_000));
    }
    if (this == UTC_Z) {
      return s.append('Z').toString();
    }
    int seconds = offset.getTotalSeconds();
    s.append(seconds < 0 ? '-' : '+');
    int abs = Math.abs(seconds);
    String hours = String.format(Locale.ROOT, "%02d", abs / 3600);
    String minutes = String.format(Locale.ROOT, "%02d", (abs % 3600) / 60);
    s.append(hours).append(this == LOCAL_OFFSET_COMPACT ? "" : ":").append(minutes);
    return s.toString();
  }
}
