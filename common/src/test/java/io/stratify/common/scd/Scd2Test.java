package io.stratify.common.scd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratify.common.scd.Scd2.Observation;
import io.stratify.common.scd.Scd2.Version;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class Scd2Test {

  private static final LocalDate D1 = LocalDate.of(2026, 3, 2);
  private static final LocalDate D2 = LocalDate.of(2026, 3, 9);
  private static final LocalDate D3 = LocalDate.of(2026, 3, 16);
  private static final LocalDate D4 = LocalDate.of(2026, 3, 23);

  private static Observation<String> row(LocalDate dt, String key, String value) {
    return new Observation<>(dt, key, value);
  }

  private static Observation<String> quarantined(LocalDate dt, String key) {
    return new Observation<>(dt, key, null);
  }

  @Test
  void unchangedValuesExtendAVersionAndChangesOpenANewOne() {
    List<Version<String>> v =
        Scd2.build(List.of(row(D1, "t1", "a"), row(D2, "t1", "a"), row(D3, "t1", "b")));
    assertThat(v)
        .containsExactly(new Version<>("t1", "a", D1, D3), new Version<>("t1", "b", D3, null));
  }

  @Test
  void aKeyMissingFromALaterSnapshotIsDeletedAndMayComeBack() {
    List<Version<String>> v =
        Scd2.build(
            List.of(
                row(D1, "t1", "a"),
                row(D1, "t2", "x"),
                row(D2, "t2", "x"),
                row(D3, "t1", "a"),
                row(D3, "t2", "x")));
    assertThat(v)
        .as("t1 deleted on D2, re-created on D3 as a new version")
        .containsExactly(
            new Version<>("t1", "a", D1, D2),
            new Version<>("t1", "a", D3, null),
            new Version<>("t2", "x", D1, null));
  }

  @Test
  void aQuarantinedRowKeepsItsKeysPreviousVersion() {
    List<Version<String>> v =
        Scd2.build(
            List.of(
                row(D1, "t1", "a"),
                row(D1, "t2", "x"),
                row(D2, "t2", "y"),
                quarantined(D2, "t1"),
                row(D3, "t2", "y")));
    assertThat(v)
        .containsExactly(
            new Version<>("t1", "a", D1, D3),
            new Version<>("t2", "x", D1, D2),
            new Version<>("t2", "y", D2, null));
  }

  @Test
  void aDropWithOnlyQuarantinedRowsOfTheOrgChangesNothing() {
    List<Version<String>> v =
        Scd2.build(
            List.of(
                row(D1, "t1", "a"),
                row(D1, "t2", "x"),
                quarantined(D2, "t1"),
                row(D3, "t1", "a"),
                row(D3, "t2", "x")));
    assertThat(v)
        .containsExactly(new Version<>("t1", "a", D1, null), new Version<>("t2", "x", D1, null));
  }

  @Test
  void aQuarantinedNewKeyCreatesNothing() {
    List<Version<String>> v = Scd2.build(List.of(row(D1, "t1", "a"), quarantined(D1, "t9")));
    assertThat(v).containsExactly(new Version<>("t1", "a", D1, null));
  }

  @Test
  void theResultDoesNotDependOnObservationOrder() {
    List<Observation<String>> obs =
        new ArrayList<>(
            List.of(
                row(D1, "t1", "a"),
                row(D2, "t1", "b"),
                row(D2, "t2", "z"),
                quarantined(D3, "t2"),
                row(D3, "t1", "b"),
                row(D4, "t2", "z")));
    List<Version<String>> expected = Scd2.build(obs);
    Collections.reverse(obs);
    assertThat(Scd2.build(obs)).isEqualTo(expected);
    assertThat(expected)
        .containsExactly(
            new Version<>("t1", "a", D1, D2),
            new Version<>("t1", "b", D2, D4),
            new Version<>("t2", "z", D2, null));
  }

  @Test
  void twoDifferentAcceptedVersionsOfAKeyOnOneDtAreRefused() {
    assertThatThrownBy(() -> Scd2.build(List.of(row(D1, "t1", "a"), row(D1, "t1", "b"))))
        .hasMessageContaining("two versions");
  }
}
