package io.stratify.common.adapt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.stream.Collectors;

/** The deterministic text form of output values (ADAPTERS.md section 3.1). */
public final class OutputValues {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private OutputValues() {}

  /** {@code cost_usd}: parsed as a decimal (never floating point), rounded half-up to 6 places. */
  public static BigDecimal cost(String text) {
    BigDecimal v = new BigDecimal(text.trim()).setScale(6, RoundingMode.HALF_UP);
    return v.stripTrailingZeros().scale() < 0 ? v.setScale(0) : v.stripTrailingZeros();
  }

  /** UTC {@code YYYY-MM-DDTHH:MM:SS[.ffffff]Z}, fraction only when non-zero, no trailing zeros. */
  public static String timestamp(Instant t) {
    StringBuilder s = new StringBuilder(SECONDS.format(t));
    int micros = t.getNano() / 1000;
    if (micros != 0) {
      String f = String.format("%06d", micros).replaceAll("0+$", "");
      s.append('.').append(f);
    }
    return s.append('Z').toString();
  }

  /** The text of one value; null is the empty string, lists are {@code ;}-separated. */
  public static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Instant i) {
      return timestamp(i);
    }
    if (v instanceof OffsetDateTime o) {
      return timestamp(o.toInstant());
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof Collection<?> c) {
      return c.stream().map(OutputValues::text).collect(Collectors.joining(";"));
    }
    return v.toString();
  }
}
