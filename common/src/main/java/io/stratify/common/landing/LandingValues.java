package io.stratify.common.landing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for landing values (LANDING.md, "Parsing details"). Each takes the value as it came out
 * of the file: a {@link String} (CSV, or a JSON string), a {@link Boolean} or {@link BigDecimal}
 * (JSON literals), a {@link List} (JSON array) or a {@link java.util.Map} (JSON object). Each
 * returns the typed value, or throws {@link InvalidValue} with a message that says what is wrong.
 * Null and the empty string are handled by the caller: they mean null in every format.
 */
public final class LandingValues {

  /** A value that cannot be parsed as its column's type; the message names the problem. */
  public static final class InvalidValue extends Exception {
    private final QuarantineReason reason;

    InvalidValue(QuarantineReason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }

    public QuarantineReason reason() {
      return reason;
    }
  }

  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?"
              + "(Z|[+-]\\d{2}:?\\d{2})?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  /**
   * Bounds on a number's text and exponent, far beyond any landing column: without them a hostile
   * value costs minutes (parsing a 10 MB string of digits), the heap ({@code 1e999999999} written
   * out) or an ArithmeticException (rounding it to a decimal's scale).
   */
  private static final int MAX_NUMBER_CHARS = 1000;

  private static final int MAX_EXPONENT = 1000;

  private LandingValues() {}

  public static String string(Object raw) throws InvalidValue {
    if (raw instanceof String s) {
      return s;
    }
    if (raw instanceof BigDecimal n) {
      return numberText(n);
    }
    if (raw instanceof Boolean b) {
      return b.toString();
    }
    throw new InvalidValue(
        QuarantineReason.INVALID_TYPE, "expected a string, got " + describe(raw));
  }

  /**
   * A JSON number as text: its plain digits, or scientific notation when those would be absurdly
   * many ({@code 1e999999999} is a billion characters written out).
   */
  static String numberText(BigDecimal n) {
    return Math.abs((long) n.scale()) > MAX_EXPONENT ? n.toString() : n.toPlainString();
  }

  public static boolean bool(Object raw) throws InvalidValue {
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (t.equals("true")) {
        return true;
      }
      if (t.equals("false")) {
        return false;
      }
    }
    throw new InvalidValue(
        QuarantineReason.INVALID_BOOLEAN, describe(raw) + " is not true or false");
  }

  public static int integer(Object raw) throws InvalidValue {
    BigDecimal n = integral(raw);
    try {
      return n.intValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidValue(
          QuarantineReason.OUT_OF_RANGE, describe(raw) + " does not fit a 32-bit integer");
    }
  }

  public static long longInteger(Object raw) throws InvalidValue {
    BigDecimal n = integral(raw);
    try {
      return n.longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidValue(
          QuarantineReason.OUT_OF_RANGE, describe(raw) + " does not fit a 64-bit integer");
    }
  }

  private static BigDecimal integral(Object raw) throws InvalidValue {
    BigDecimal n = number(raw, QuarantineReason.INVALID_INTEGER, "an integer");
    if (n.signum() != 0 && n.stripTrailingZeros().scale() > 0) {
      throw new InvalidValue(
          QuarantineReason.INVALID_INTEGER, describe(raw) + " is not an integral number");
    }
    return n;
  }

  /**
   * A decimal rounded half-up to {@code scale} digits, refused when its integer part does not fit
   * {@code precision - scale} digits.
   */
  public static BigDecimal decimal(Object raw, int precision, int scale) throws InvalidValue {
    BigDecimal n = number(raw, QuarantineReason.INVALID_DECIMAL, "a decimal number");
    BigDecimal rounded = n.setScale(scale, RoundingMode.HALF_UP);
    if (rounded.precision() - rounded.scale() > precision - scale) {
      throw new InvalidValue(
          QuarantineReason.OUT_OF_RANGE,
          describe(raw) + " does not fit decimal(" + precision + "," + scale + ")");
    }
    return rounded;
  }

  public static double real(Object raw) throws InvalidValue {
    double d = number(raw, QuarantineReason.INVALID_NUMBER, "a number").doubleValue();
    if (!Double.isFinite(d)) {
      throw new InvalidValue(
          QuarantineReason.OUT_OF_RANGE, describe(raw) + " is not a finite number");
    }
    return d;
  }

  private static BigDecimal number(Object raw, QuarantineReason code, String what)
      throws InvalidValue {
    BigDecimal n = null;
    if (raw instanceof BigDecimal d) {
      n = d;
    } else if (raw instanceof String s) {
      String t = s.trim();
      if (t.length() > MAX_NUMBER_CHARS) {
        throw new InvalidValue(
            code,
            describe(raw) + " is not " + what + ": more than " + MAX_NUMBER_CHARS + " characters");
      }
      try {
        n = new BigDecimal(t);
      } catch (NumberFormatException e) {
        // the error below
      }
    }
    if (n == null) {
      throw new InvalidValue(code, describe(raw) + " is not " + what);
    }
    if (n.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (Math.abs((long) n.scale()) > MAX_EXPONENT) {
      throw new InvalidValue(
          QuarantineReason.OUT_OF_RANGE,
          describe(raw) + " is out of range: its exponent is beyond +-" + MAX_EXPONENT);
    }
    return n;
  }

  public static LocalDate date(Object raw) throws InvalidValue {
    if (raw instanceof String s && DATE.matcher(s.trim()).matches()) {
      try {
        return LocalDate.parse(s.trim());
      } catch (DateTimeException e) {
        throw new InvalidValue(
            QuarantineReason.INVALID_DATE, describe(raw) + " is not a calendar date");
      }
    }
    throw new InvalidValue(
        QuarantineReason.INVALID_DATE, describe(raw) + " is not a date (YYYY-MM-DD)");
  }

  /**
   * An ISO-8601 timestamp with a {@code Z}, {@code +hh:mm} or {@code +hhmm} offset, {@code T} or a
   * space between date and time, optional seconds and fraction; normalised to UTC and truncated to
   * microseconds (Spark's precision). A timestamp without an offset is invalid.
   */
  public static Instant timestamp(Object raw) throws InvalidValue {
    if (!(raw instanceof String s)) {
      throw new InvalidValue(
          QuarantineReason.INVALID_TIMESTAMP, describe(raw) + " is not an ISO-8601 timestamp");
    }
    Matcher m = TIMESTAMP.matcher(s.trim());
    if (!m.matches()) {
      throw new InvalidValue(
          QuarantineReason.INVALID_TIMESTAMP, describe(raw) + " is not an ISO-8601 timestamp");
    }
    if (m.group(8) == null) {
      throw new InvalidValue(
          QuarantineReason.TIMESTAMP_WITHOUT_OFFSET,
          describe(raw) + " has no UTC offset (add Z or +hh:mm)");
    }
    try {
      String fraction = m.group(7) == null ? "" : m.group(7);
      int nanos =
          fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
              nanos);
      String offset = m.group(8);
      ZoneOffset zone =
          offset.equals("Z")
              ? ZoneOffset.UTC
              : ZoneOffset.of(
                  offset.length() == 5
                      ? offset.substring(0, 3) + ":" + offset.substring(3)
                      : offset);
      return local.toInstant(zone).truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeException e) {
      throw new InvalidValue(
          QuarantineReason.INVALID_TIMESTAMP,
          describe(raw) + " is not a valid timestamp: " + e.getMessage());
    }
  }

  /**
   * A list of strings: a JSON array, or a {@code ;}-separated string (CSV, and tolerated in every
   * format). Items are trimmed and empty items dropped; an empty list is null.
   */
  public static List<String> stringList(Object raw) throws InvalidValue {
    List<String> items = new ArrayList<>();
    if (raw instanceof String s) {
      for (String item : s.split(";", -1)) {
        addItem(items, item);
      }
    } else if (raw instanceof List<?> list) {
      for (Object item : list) {
        if (item == null) {
          continue;
        }
        if (item instanceof List<?> || item instanceof java.util.Map<?, ?>) {
          throw new InvalidValue(
              QuarantineReason.INVALID_TYPE, "list item " + describe(item) + " is not a string");
        }
        addItem(items, string(item));
      }
    } else {
      throw new InvalidValue(
          QuarantineReason.INVALID_TYPE, "expected a list, got " + describe(raw));
    }
    return items.isEmpty() ? null : List.copyOf(items);
  }

  private static void addItem(List<String> items, String item) {
    String t = item.trim();
    if (!t.isEmpty()) {
      items.add(t);
    }
  }

  public static boolean isKnownZone(String zone) {
    return ZONES.contains(zone);
  }

  /** A short, quoted rendering of a raw value for error messages. */
  public static String describe(Object raw) {
    if (raw == null) {
      return "null";
    }
    if (raw instanceof String s) {
      return "'" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "'";
    }
    if (raw instanceof List<?>) {
      return "a list";
    }
    if (raw instanceof java.util.Map<?, ?>) {
      return "an object";
    }
    return raw.toString();
  }
}
