package io.stratify.common.landing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LandingValuesTest {

  @ParameterizedTest
  @CsvSource({
    "2026-03-02T09:15:00Z, 2026-03-02T09:15:00Z",
    "2026-03-02 09:15:00Z, 2026-03-02T09:15:00Z",
    "2026-03-02T10:15:00+01:00, 2026-03-02T09:15:00Z",
    "2026-03-02T10:15:00+0100, 2026-03-02T09:15:00Z",
    "2026-03-02T04:15:00-05:00, 2026-03-02T09:15:00Z",
    "2026-03-02T09:15:00.123456789Z, 2026-03-02T09:15:00.123456Z",
    "2026-03-02T09:15:00.5Z, 2026-03-02T09:15:00.500Z",
    "2026-03-02T09:15Z, 2026-03-02T09:15:00Z"
  })
  void timestampsAreNormalisedToUtc(String raw, String expected) throws Exception {
    assertThat(LandingValues.timestamp(raw)).isEqualTo(Instant.parse(expected));
  }

  @Test
  void timestampWithoutOffsetIsItsOwnReason() {
    assertThatThrownBy(() -> LandingValues.timestamp("2026-03-02T09:15:00"))
        .isInstanceOfSatisfying(
            LandingValues.InvalidValue.class,
            e -> assertThat(e.reason()).isEqualTo(QuarantineReason.TIMESTAMP_WITHOUT_OFFSET));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2026-02-30T00:00:00Z", "yesterday", "2026-03-02", "2026-03-02T25:00:00Z"})
  void badTimestampsAreRefused(String raw) {
    assertThatThrownBy(() -> LandingValues.timestamp(raw))
        .isInstanceOfSatisfying(
            LandingValues.InvalidValue.class,
            e -> assertThat(e.reason()).isEqualTo(QuarantineReason.INVALID_TIMESTAMP));
  }

  @Test
  void integersAcceptIntegralNumbersAndExponents() throws Exception {
    assertThat(LandingValues.integer("3")).isEqualTo(3);
    assertThat(LandingValues.integer("3.0")).isEqualTo(3);
    assertThat(LandingValues.integer("1e1")).isEqualTo(10);
    assertThat(LandingValues.integer(new BigDecimal("2.00"))).isEqualTo(2);
    assertThat(LandingValues.longInteger("12345678901")).isEqualTo(12345678901L);
    assertThatThrownBy(() -> LandingValues.integer("3.5"))
        .isInstanceOfSatisfying(
            LandingValues.InvalidValue.class,
            e -> assertThat(e.reason()).isEqualTo(QuarantineReason.INVALID_INTEGER));
    assertThatThrownBy(() -> LandingValues.integer("three"))
        .isInstanceOf(LandingValues.InvalidValue.class);
    assertThatThrownBy(() -> LandingValues.integer(Boolean.TRUE))
        .isInstanceOf(LandingValues.InvalidValue.class);
    assertThatThrownBy(() -> LandingValues.integer("12345678901"))
        .isInstanceOfSatisfying(
            LandingValues.InvalidValue.class,
            e -> assertThat(e.reason()).isEqualTo(QuarantineReason.OUT_OF_RANGE));
  }

  @Test
  void booleansAcceptAnyCaseAndJsonLiterals() throws Exception {
    assertThat(LandingValues.bool("TRUE")).isTrue();
    assertThat(LandingValues.bool("False")).isFalse();
    assertThat(LandingValues.bool(Boolean.TRUE)).isTrue();
    assertThatThrownBy(() -> LandingValues.bool("yes"))
        .isInstanceOf(LandingValues.InvalidValue.class);
    assertThatThrownBy(() -> LandingValues.bool("1"))
        .isInstanceOf(LandingValues.InvalidValue.class);
  }

  @Test
  void decimalsRoundToTheirScaleAndRefuseOverflow() throws Exception {
    assertThat(LandingValues.decimal("1.5", 18, 6)).isEqualTo(new BigDecimal("1.500000"));
    assertThat(LandingValues.decimal("2.5e-1", 18, 6)).isEqualTo(new BigDecimal("0.250000"));
    assertThat(LandingValues.decimal("0.0000005", 18, 6)).isEqualTo(new BigDecimal("0.000001"));
    assertThatThrownBy(() -> LandingValues.decimal("1e13", 18, 6))
        .isInstanceOf(LandingValues.InvalidValue.class);
    assertThatThrownBy(() -> LandingValues.real("NaN"))
        .isInstanceOf(LandingValues.InvalidValue.class);
  }

  @Test
  void datesAreStrictCalendarDates() throws Exception {
    assertThat(LandingValues.date("2026-03-01")).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThatThrownBy(() -> LandingValues.date("2026-02-29"))
        .isInstanceOf(LandingValues.InvalidValue.class);
    assertThatThrownBy(() -> LandingValues.date("2026/03/01"))
        .isInstanceOf(LandingValues.InvalidValue.class);
    assertThatThrownBy(() -> LandingValues.date("2026-03-01T00:00:00Z"))
        .isInstanceOf(LandingValues.InvalidValue.class);
  }

  @Test
  void listsAreTrimmedWithEmptyItemsDroppedAndEmptyMeaningNull() throws Exception {
    assertThat(LandingValues.stringList(" a ; b;;c ")).containsExactly("a", "b", "c");
    assertThat(LandingValues.stringList(" ; ")).isNull();
    assertThat(LandingValues.stringList(Arrays.asList("x", null, " ", new BigDecimal("7"))))
        .containsExactly("x", "7");
    assertThat(LandingValues.stringList(List.of())).isNull();
    assertThatThrownBy(() -> LandingValues.stringList(List.of(List.of("nested"))))
        .isInstanceOf(LandingValues.InvalidValue.class);
  }

  @Test
  void stringsTakeJsonScalarsButNotStructures() throws Exception {
    assertThat(LandingValues.string(new BigDecimal("42"))).isEqualTo("42");
    assertThatThrownBy(() -> LandingValues.string(List.of("a")))
        .isInstanceOfSatisfying(
            LandingValues.InvalidValue.class,
            e -> assertThat(e.reason()).isEqualTo(QuarantineReason.INVALID_TYPE));
  }
}
