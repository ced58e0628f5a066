package io.stratify.jobs.generate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Renders typed values as the text an export writes (CSV fields, JSON strings). */
final class TextValues {

  private TextValues() {}

  static String text(Object value, FileStyle style, ZoneId zone) {
    if (value instanceof Instant t) {
      return style.timestamps().format(t, zone);
    }
    if (value instanceof Boolean b) {
      return b ? style.trueText() : style.falseText();
    }
    if (value instanceof Integer || value instanceof Long) {
      return style.intsAsDecimals() ? value + ".0" : value.toString();
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Double d) {
      return BigDecimal.valueOf(d).toPlainString();
    }
    if (value instanceof List<?> list) {
      return String.join(style.listSeparator(), list.stream().map(String::valueOf).toList());
    }
    if (value instanceof RawValue.Text t) {
      return t.text();
    }
    return value.toString();
  }
}
