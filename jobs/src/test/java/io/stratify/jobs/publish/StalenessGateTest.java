package io.stratify.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.contract.LandingDataset;
import io.stratify.jobs.RunOutcome;
import io.stratify.jobs.UnusableInputException;
import io.stratify.jobs.ingest.LandingZone;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The staleness gate on drops built in code (no Spark). */
class StalenessGateTest {

  static final LocalDate D = LocalDate.of(2026, 3, 10);

  static LandingZone.Drop drop(LandingDataset dataset, LocalDate dt) {
    return new LandingZone.Drop(dataset, dt, List.of());
  }

  static final List<LandingZone.Drop> FRESH =
      List.of(
          drop(LandingDataset.ORGS, D.minusDays(8)),
          drop(LandingDataset.INCIDENTS, D.minusDays(1)),
          drop(LandingDataset.INCIDENTS, D));

  @Test
  void freshDropsPassAndDatasetsNeverDeliveredAreListed() {
    assertThat(StalenessGate.check(FRESH, D, StratifyConfig.defaults()))
        .contains(LandingDataset.BUDGETS)
        .doesNotContain(LandingDataset.ORGS, LandingDataset.INCIDENTS);
  }

  @Test
  void everyDateOfTheCommittedSamplePassesWithTheDefaults() {
    LandingZone sample =
        LandingZone.scan(
            Path.of(System.getProperty("stratify.project.dir", ".."))
                .resolve("sample-data/landing")
                .toString(),
            new Configuration());
    LocalDate last = sample.latestDt().orElseThrow();
    assertThat(last).isEqualTo(LocalDate.of(2026, 4, 26));
    for (LocalDate d = LocalDate.of(2026, 1, 5); !d.isAfter(last); d = d.plusDays(1)) {
      assertThat(StalenessGate.check(sample.drops(), d, StratifyConfig.defaults()))
          .as("datasets never delivered by %s", d)
          .isNotNull();
    }
  }

  @Test
  void noDataAtAllIsExitTwo() {
    assertThatThrownBy(() -> StalenessGate.check(FRESH, D.minusDays(30), StratifyConfig.defaults()))
        .isInstanceOf(UnusableInputException.class)
        .hasMessageStartingWith(
            "Cannot compute the marts as of 2026-02-08: the landing zone holds"
                + " no drop up to that date (no data at all); the first drop is 2026-03-02")
        .satisfies(e -> assertThat(RunOutcome.of(e).exitCode()).isEqualTo(2));
    assertThatThrownBy(() -> StalenessGate.check(List.of(), D, StratifyConfig.defaults()))
        .isInstanceOf(UnusableInputException.class)
        .hasMessageContaining("no data at all");
  }

  @Test
  void noDropForTheRunDateOrNoOrgIsExitTwo() {
    assertThatThrownBy(() -> StalenessGate.check(FRESH, D.plusDays(1), StratifyConfig.defaults()))
        .isInstanceOf(UnusableInputException.class)
        .hasMessageContaining("no drop for that date (the latest before it is 2026-03-10)");
    assertThatThrownBy(
            () ->
                StalenessGate.check(
                    List.of(drop(LandingDataset.INCIDENTS, D)), D, StratifyConfig.defaults()))
        .isInstanceOf(UnusableInputException.class)
        .hasMessageContaining("no org known");
  }

  @Test
  void aStaleDatasetIsExitThreeAndItsSettingIsPerDataset() {
    List<LandingZone.Drop> stale =
        List.of(
            drop(LandingDataset.ORGS, D),
            drop(LandingDataset.INCIDENTS, D.minusDays(4)),
            drop(LandingDataset.TEAMS, D.minusDays(10)));
    assertThatThrownBy(() -> StalenessGate.check(stale, D, StratifyConfig.defaults()))
        .isInstanceOf(StaleLandingException.class)
        .hasMessageContaining(
            "incidents (latest drop 2026-03-06, 4 days old; landing.max-age-days.incidents=3)")
        .hasMessageNotContaining("teams")
        .satisfies(e -> assertThat(RunOutcome.of(e).exitCode()).isEqualTo(3));
    assertThat(
            StalenessGate.check(
                stale, D, StratifyConfig.defaults().with("landing.max-age-days.incidents", "4")))
        .doesNotContain(LandingDataset.INCIDENTS);
  }
}
