package io.stratify.common.adapt.incident;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Vendor timestamps in, landing timestamps out (ADAPTERS §3.1): UTC {@code
 * YYYY-MM-DDTHH:MM:SS[.ffffff]Z}, the fraction only when non-zero, trailing zeros dropped.
 */
final class VendorTime {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private VendorTime() {}

  /** A parsed vendor timestamp; {@code assumedUtc} when the text carried no zone. */
  record Parsed(Instant instant, boolean assumedUtc) {}

  /** The instant of an ISO-8601 text with or without zone, or null when blank or unparseable. */
  static Parsed parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    try {
      return new Parsed(OffsetDateTime.parse(t).toInstant(), false);
    } catch (DateTimeParseException e) {
      try {
        return new Parsed(LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC), true);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** The landing text of an instant, truncated to microseconds. */
  static String format(Instant instant) {
    if (instant == null) {
      return null;
    }
    String base = SECONDS.format(instant);
    int micros = instant.getNano() / 1000;
    if (micros == 0) {
      return base + "Z";
    }
    String fraction = String.format("%06d", micros);
    int end = fraction.length();
    while (fraction.charAt(end - 1) == '0') {
      end--;
    }
    return base + "." + fraction.substring(0, end) + "Z";
  }
}
