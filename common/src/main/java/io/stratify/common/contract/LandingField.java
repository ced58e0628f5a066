package io.stratify.common.contract;

import java.math.BigDecimal;
import java.util.Set;

/**
 * One column of a landing dataset, with the rules LANDING.md puts on it.
 *
 * @param name column name (matched case-insensitively in files)
 * @param type logical type
 * @param key part of the dataset's key (key columns are always required)
 * @param required a file without the column is rejected; a row with a null value is quarantined
 * @param allowed the exact lower-case values an enum column accepts; empty for non-enums
 * @param min inclusive lower bound for numbers, or null
 * @param minExclusive whether {@code min} is exclusive ({@code > min} rather than {@code >= min})
 * @param max inclusive upper bound for numbers, or null
 * @param ianaZone the value must be a known IANA time-zone id
 * @param personal personal data that must never leave bronze in clear text
 * @param description meaning, from LANDING.md
 */
public record LandingField(
    String name,
    ColumnType type,
    boolean key,
    boolean required,
    Set<String> allowed,
    BigDecimal min,
    boolean minExclusive,
    BigDecimal max,
    boolean ianaZone,
    boolean personal,
    String description) {

  static LandingField key(String name, String description) {
    return new LandingField(
        name,
        ColumnType.STRING,
        true,
        true,
        Set.of(),
        null,
        false,
        null,
        false,
        false,
        description);
  }

  static LandingField of(String name, ColumnType type, boolean required, String description) {
    return new LandingField(
        name, type, false, required, Set.of(), null, false, null, false, false, description);
  }

  LandingField asKey() {
    return new LandingField(
        name, type, true, true, allowed, min, minExclusive, max, ianaZone, personal, description);
  }

  LandingField oneOf(String... values) {
    return new LandingField(
        name,
        type,
        key,
        required,
        Set.of(values),
        min,
        minExclusive,
        max,
        ianaZone,
        personal,
        description);
  }

  LandingField atLeast(long bound) {
    return bounded(BigDecimal.valueOf(bound), false, max);
  }

  LandingField greaterThan(long bound) {
    return bounded(BigDecimal.valueOf(bound), true, max);
  }

  LandingField between(long low, long high) {
    return bounded(BigDecimal.valueOf(low), false, BigDecimal.valueOf(high));
  }

  private LandingField bounded(BigDecimal low, boolean lowExclusive, BigDecimal high) {
    return new LandingField(
        name,
        type,
        key,
        required,
        allowed,
        low,
        lowExclusive,
        high,
        ianaZone,
        personal,
        description);
  }

  LandingField timeZone() {
    return new LandingField(
        name, type, key, required, allowed, min, minExclusive, max, true, personal, description);
  }

  LandingField personalData() {
    return new LandingField(
        name, type, key, required, allowed, min, minExclusive, max, ianaZone, true, description);
  }

  public Column column() {
    return new Column(name, type, !required, description);
  }
}
