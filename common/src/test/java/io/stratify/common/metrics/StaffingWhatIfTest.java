package io.stratify.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stratify.common.config.MetricSettings;
import io.stratify.common.metrics.StaffingWhatIf.WeekPoints;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaffingWhatIfTest {

  private static final LocalDate RUN_DATE = LocalDate.of(2026, 4, 1); // week of 2026-03-30
  private static final LocalDate LAST_COMPLETE = LocalDate.of(2026, 3, 23);
  private static final MetricSettings DEFAULTS = MetricSettings.defaults(); // P 6, 0.8, 1.0

  private static StaffingWhatIf whatIf(int ambition, int engineers, int retired, int add) {
    WeekPoints w = new WeekPoints(LAST_COMPLETE, ambition, engineers, retired);
    return StaffingWhatIf.of("o1", RUN_DATE, w, List.of(w), add, DEFAULTS);
  }

  @Test
  void countsTheEngineersThatLeaveExceededAndReachWithin() {
    // A 30, E 4, P 6: ratio 1.25. n = 1: 30/30 = 1.0 not above 1.0 -> approaching;
    // within needs 30 < 0.8 x 6 (4 + n) -> 4 + n > 6.25 -> n = 3
    StaffingWhatIf w = whatIf(30, 4, 0, 0);

    assertThat(w.supportabilityRatio()).isEqualTo(1.25);
    assertThat(w.boundaryStatus()).isEqualTo("exceeded");
    assertThat(w.oncallToLeaveExceeded()).as("ratio exactly 1.0 is not exceeded").isEqualTo(1);
    assertThat(w.oncallToWithin()).isEqualTo(3);
    assertThat(w.scenarioStatus()).as("no change").isEqualTo("exceeded");
    assertThat(w.changesAnything()).isFalse();
  }

  @Test
  void exactApproachingBoundaryIsNotWithin() {
    // A 24, E 4, P 6: ratio exactly 1.0; within needs 24 < 4.8 (4 + n): n = 1 gives 24 = 24 (tie,
    // not below), so n = 2
    StaffingWhatIf w = whatIf(24, 4, 0, 0);

    assertThat(w.boundaryStatus()).isEqualTo("approaching");
    assertThat(w.oncallToLeaveExceeded()).isZero();
    assertThat(w.oncallToWithin()).isEqualTo(2);
    assertThat(whatIf(24, 4, 0, 1).scenarioStatus())
        .as("24 / 30 = 0.8 exactly is approaching")
        .isEqualTo("approaching");
  }

  @Test
  void floatingPointNoiseAtAThresholdCountsAsATie() {
    MetricSettings s = withRatios(0.2, 0.1 + 0.2); // 0.30000000000000004
    // A 3, capacity 10: ratio 0.3, differs from 0.1 + 0.2 by 5.6e-17: tied, so not exceeded
    assertThat(StaffingWhatIf.status(3, 10, s)).isEqualTo("approaching");
    assertThat(StaffingWhatIf.status(3, 10 - 1e-6, s)).as("a real excess").isEqualTo("exceeded");
    assertThat(StaffingWhatIf.tied(0.8 + 1e-10, 0.8)).isTrue();
    assertThat(StaffingWhatIf.tied(0.8 + 1e-8, 0.8)).isFalse();
  }

  @Test
  void noAmbitionNeedsNobody() {
    StaffingWhatIf w = whatIf(0, 0, 0, 0);

    assertThat(w.oncallToLeaveExceeded()).isZero();
    assertThat(w.oncallToWithin()).isZero();
    assertThat(w.supportabilityRatio()).as("capacity 0").isNull();
    assertThat(w.boundaryStatus()).isEqualTo("within");
  }

  @Test
  void nobodyOnCallWithAmbitionIsExceededUntilStaffed() {
    StaffingWhatIf w = whatIf(4, 0, 0, 0);

    assertThat(w.boundaryStatus()).isEqualTo("exceeded");
    assertThat(w.oncallToLeaveExceeded()).as("4 / 6 = 0.67").isEqualTo(1);
    assertThat(w.oncallToWithin()).isEqualTo(1);
  }

  @Test
  void noNumberOfEngineersHelpsWithoutPointsPerEngineer() {
    MetricSettings zeroPoints =
        new MetricSettings(
            0,
            DEFAULTS.approachingRatio(),
            DEFAULTS.exceededRatio(),
            DEFAULTS.assignmentWindowMinutes(),
            DEFAULTS.defaultLoadedHourlyCostUsd(),
            DEFAULTS.attributionWindowDays(),
            DEFAULTS.degradedLatencyDrift(),
            DEFAULTS.degradedErrorRateDrift());
    WeekPoints w = new WeekPoints(LAST_COMPLETE, 8, 3, 0);

    StaffingWhatIf result = StaffingWhatIf.of("o1", RUN_DATE, w, List.of(w), 0, zeroPoints);

    assertThat(result.oncallToLeaveExceeded()).isNull();
    assertThat(result.oncallToWithin()).isNull();
  }

  @Test
  void retiringProductionPointsAndAddingEngineersFormTheScenario() {
    // A 30, E 4; retiring production deployments of weight 4 + 2 (pilots carry 0 retired points)
    StaffingWhatIf w = whatIf(30, 4, 6, 1);

    assertThat(w.scenarioOncallEngineers()).isEqualTo(5);
    assertThat(w.scenarioAmbitionPoints()).isEqualTo(24);
    assertThat(w.scenarioRatio()).isCloseTo(0.8, within(1e-15));
    assertThat(w.scenarioStatus()).isEqualTo("approaching");
    assertThat(w.oncallToWithin()).as("the counts ignore the scenario").isEqualTo(3);
    assertThat(w.values()).hasSize(StaffingWhatIf.COLUMNS.size());
    assertThat(w.values().get(10)).isEqualTo("0.8");
  }

  @Test
  void retiringOnlyPilotsChangesNothing() {
    StaffingWhatIf w = whatIf(30, 4, 0, 0);

    assertThat(w.scenarioAmbitionPoints()).isEqualTo(30);
    assertThat(w.scenarioStatus()).isEqualTo(w.boundaryStatus());
  }

  @Test
  void theBoundaryForecastIsRefittedUnderTheScenario() {
    // 12 window weeks 2026-01-05 .. 2026-03-23, E 5 (capacity 30), ambition 18 + week: ratio
    // 0.6 + week/30, slope 1/30, fitted at x 11 = 29/30, 1/30 / (1/30) = 1 week -> 2026-03-30
    List<WeekPoints> history = new ArrayList<>();
    for (int week = 0; week < 12; week++) {
      history.add(new WeekPoints(LAST_COMPLETE.minusWeeks(11 - week), 18 + week, 5, 0));
    }
    WeekPoints latest = history.get(11);

    StaffingWhatIf unchanged = StaffingWhatIf.of("o1", RUN_DATE, latest, history, 0, DEFAULTS);
    StaffingWhatIf oneMore = StaffingWhatIf.of("o1", RUN_DATE, latest, history, 1, DEFAULTS);

    assertThat(unchanged.boundaryEta()).isEqualTo(LocalDate.of(2026, 3, 30));
    assertThat(unchanged.scenarioBoundaryEta()).isEqualTo(unchanged.boundaryEta());
    // capacity 36: ratio (18 + week) / 36, slope 1/36, fitted(11) = 29/36, 7/36 / (1/36) = 7 weeks
    assertThat(oneMore.scenarioBoundaryEta()).isEqualTo(LAST_COMPLETE.plusWeeks(7));
  }

  @Test
  void tooFewWeeksGiveNoForecast() {
    assertThat(whatIf(30, 4, 0, 0).boundaryEta()).isNull();
  }

  @Test
  void rejectsRemovingEngineers() {
    assertThatThrownBy(() -> whatIf(30, 4, 0, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot add -1 on-call engineers");
  }

  private static MetricSettings withRatios(double approaching, double exceeded) {
    return new MetricSettings(
        DEFAULTS.pointsPerOncallEngineer(),
        approaching,
        exceeded,
        DEFAULTS.assignmentWindowMinutes(),
        DEFAULTS.defaultLoadedHourlyCostUsd(),
        DEFAULTS.attributionWindowDays(),
        DEFAULTS.degradedLatencyDrift(),
        DEFAULTS.degradedErrorRateDrift());
  }
}
