package io.stratify.jobs.generate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

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
    digits(s, local.getHour(), 2).append(':');
    digits(s, local.getMinute(), 2).append(':');
    digits(s, local.getSecond(), 2);
    int nanos = local.getNano();
    if (nanos != 0) {
      s.append('.');
      if (nanos % 1_000_000 == 0) {
        digits(s, nanos / 1_000_000, 3);
      } else {
        digits(s, nanos / 1_000, 6);
      }
    }
    if (this == UTC_Z) {
      return s.append('Z').toString();
    }
    int seconds = offset.getTotalSeconds();
    s.append(seconds < 0 ? '-' : '+');
    int abs = Math.abs(seconds);
    digits(s, abs / 3600, 2).append(this == LOCAL_OFFSET_COMPACT ? "" : ":");
    digits(s, (abs % 3600) / 60, 2);
    return s.toString();
  }

  /** {@code value} (not negative) with leading zeros to {@code width} digits, as %0<width>d. */
  private static StringBuilder digits(StringBuilder s, int value, int width) {
    String text = Integer.toString(value);
    for (int i = text.length(); i < width; i++) {
      s.append('0');
    }
    return s.append(text);
  }
}
