package io.stratify.common.landing;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.LandingField;
import io.stratify.common.contract.RowRule;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Validates one landing record against its dataset's contract and returns the typed values and
 * every reason the record breaks the contract (LANDING.md: types, required columns, enums, ranges,
 * time zones, timestamp order). Pure: no Spark, no IO.
 */
public final class RecordValidator {

  private RecordValidator() {}

  /**
   * The outcome for one record.
   *
   * @param values typed values in the dataset's field order: String, Integer, Long, Double,
   *     BigDecimal, Boolean, LocalDate, Instant or List&lt;String&gt;; all null when invalid
   * @param reasons every broken rule, rendered by {@link QuarantineReason#render}; empty = valid
   * @param key key column -> value as text, when every key column could be read; else null
   * @param extras columns the contract does not know, as written in the file -> value as text
   */
  public record Validated(
      Object[] values, List<String> reasons, Map<String, String> key, Map<String, String> extras) {

    public boolean valid() {
      return reasons.isEmpty();
    }
  }

  public static Validated validate(LandingDataset dataset, LandingRecord record) {
    List<LandingField> fields = dataset.fields();
    if (record.malformed() != null) {
      List<String> reasons = new ArrayList<>();
      reasons.add(QuarantineReason.MALFORMED_RECORD.render(record.malformed()));
      if (record.invalidUtf8()) {
        reasons.add(QuarantineReason.INVALID_UTF8.render("the record is not valid UTF-8"));
      }
      return new Validated(new Object[fields.size()], reasons, null, Map.of());
    }

    Map<String, Object> byLower = new HashMap<>();
    Map<String, String> extras = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : record.values().entrySet()) {
      String lower = e.getKey().toLowerCase(Locale.ROOT);
      byLower.put(lower, e.getValue());
    }
    for (Map.Entry<String, Object> e : record.values().entrySet()) {
      String lower = e.getKey().toLowerCase(Locale.ROOT);
      if (fields.stream().noneMatch(f -> f.name().equals(lower)) && e.getValue() != null) {
        extras.put(e.getKey(), text(e.getValue()));
      }
    }

    List<String> reasons = new ArrayList<>();
    if (record.invalidUtf8()) {
      reasons.add(
          QuarantineReason.INVALID_UTF8.render("the record holds bytes that are not valid UTF-8"));
    }
    Object[] values = new Object[fields.size()];
    boolean keyReadable = true;
    for (int i = 0; i < fields.size(); i++) {
      LandingField field = fields.get(i);
      Object raw = byLower.get(field.name());
      if (raw instanceof String s && s.isEmpty()) {
        raw = null;
      }
      try {
        values[i] = raw == null ? null : checked(field, parse(field, raw));
        if (values[i] == null && field.required()) {
          reasons.add(QuarantineReason.MISSING_REQUIRED.render(field.name() + " is missing"));
        }
      } catch (LandingValues.InvalidValue e) {
        reasons.add(e.reason().render(field.name() + " " + e.getMessage()));
        values[i] = null;
      }
      if (field.key() && values[i] == null) {
        keyReadable = false;
      }
    }
    for (RowRule rule : dataset.rowRules()) {
      ruleViolation(dataset, rule, values).ifPresent(reasons::add);
    }

    Map<String, String> key = null;
    if (keyReadable) {
      key = new LinkedHashMap<>();
      for (LandingField f : dataset.keyFields()) {
        key.put(f.name(), values[dataset.indexOf(f.name())].toString());
      }
    }
    if (!reasons.isEmpty()) {
      values = new Object[fields.size()];
    }
    return new Validated(values, List.copyOf(reasons), key, extras);
  }

  private static Object parse(LandingField field, Object raw) throws LandingValues.InvalidValue {
    return switch (field.type()) {
      case STRING -> LandingValues.string(raw);
      case INT -> LandingValues.integer(raw);
      case LONG -> LandingValues.longInteger(raw);
      case DOUBLE -> LandingValues.real(raw);
      case DECIMAL_18_6 -> LandingValues.decimal(raw, 18, 6);
      case DECIMAL_18_2 -> LandingValues.decimal(raw, 18, 2);
      case BOOLEAN -> LandingValues.bool(raw);
      case DATE -> LandingValues.date(raw);
      case TIMESTAMP -> LandingValues.timestamp(raw);
      case STRING_LIST -> LandingValues.stringList(raw);
      default -> throw new IllegalStateException("Cannot parse landing type " + field.type());
    };
  }

  private static Object checked(LandingField field, Object value)
      throws LandingValues.InvalidValue {
    if (value == null) {
      return null;
    }
    if (!field.allowed().isEmpty() && !field.allowed().contains((String) value)) {
      throw new LandingValues.InvalidValue(
          QuarantineReason.INVALID_ENUM,
          LandingValues.describe(value)
              + " is not one of "
              + String.join(", ", new TreeSet<>(field.allowed())));
    }
    if (field.ianaZone() && !LandingValues.isKnownZone((String) value)) {
      throw new LandingValues.InvalidValue(
          QuarantineReason.UNKNOWN_TIMEZONE,
          LandingValues.describe(value) + " is not a known IANA time-zone id");
    }
    if (field.min() != null || field.max() != null) {
      BigDecimal n = new BigDecimal(value.toString());
      boolean tooLow =
          field.min() != null
              && (field.minExclusive()
                  ? n.compareTo(field.min()) <= 0
                  : n.compareTo(field.min()) < 0);
      boolean tooHigh = field.max() != null && n.compareTo(field.max()) > 0;
      if (tooLow || tooHigh) {
        throw new LandingValues.InvalidValue(
            QuarantineReason.OUT_OF_RANGE, value + " is not " + rangeText(field));
      }
    }
    return value;
  }

  private static String rangeText(LandingField field) {
    if (field.max() != null) {
      return "between " + field.min() + " and " + field.max();
    }
    return (field.minExclusive() ? "> " : ">= ") + field.min();
  }

  private static java.util.Optional<String> ruleViolation(
      LandingDataset dataset, RowRule rule, Object[] values) {
    if (rule instanceof RowRule.NotBefore nb) {
      Object later = values[dataset.indexOf(nb.later())];
      Object earlier = values[dataset.indexOf(nb.earlier())];
      boolean broken =
          (later instanceof Instant l && earlier instanceof Instant e && l.isBefore(e))
              || (later instanceof LocalDate l2
                  && earlier instanceof LocalDate e2
                  && l2.isBefore(e2));
      return broken
          ? java.util.Optional.of(
              QuarantineReason.OUT_OF_ORDER.render(
                  nb.later() + " " + later + " precedes " + nb.earlier() + " " + earlier))
          : java.util.Optional.empty();
    }
    RowRule.RequiredWhen rw = (RowRule.RequiredWhen) rule;
    Object when = values[dataset.indexOf(rw.whenColumn())];
    Object value = values[dataset.indexOf(rw.column())];
    return rw.whenValue().equals(when) && value == null
        ? java.util.Optional.of(
            QuarantineReason.MISSING_REQUIRED.render(
                rw.column() + " is required when " + rw.whenColumn() + " = " + rw.whenValue()))
        : java.util.Optional.empty();
  }

  private static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof BigDecimal n) {
      return LandingValues.numberText(n);
    }
    return String.valueOf(value);
  }
}
