package io.stratify.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.landing.QuarantineReason;
import io.stratify.jobs.generate.InjectedBadInput.Outcome;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bad input is all there, caught by the landing readers and validator, and nothing else is. */
class BadInputTest {

  @Test
  void everyKindIsWrittenAndCaughtWhereTheSummarySays() {
    GeneratorSummary summary = DefaultSample.summary();
    GeneratedLanding landing = DefaultSample.landing();
    assertThat(summary.badInputsPerKind().keySet())
        .as("every kind of bad input")
        .containsExactlyInAnyOrder(BadInputKind.values());
    for (InjectedBadInput bad : summary.badInputs()) {
      switch (bad.outcome()) {
        case FILE_REJECTED ->
            assertThat(landing.rejectedFiles).as(bad.toString()).containsKey(bad.file());
        case COLLAPSED ->
            assertThat(landing.collapsedPerDrop)
                .as(bad.toString())
                .containsKey(GeneratedLanding.dropOf(bad.dataset(), bad.dt()));
        case QUARANTINED -> {
          if (bad.reason() == QuarantineReason.CONFLICTING_DUPLICATE) {
            assertThat(landing.hasConflict(bad.dataset(), bad.dt())).as(bad.toString()).isTrue();
          } else {
            assertThat(landing.invalid())
                .as(bad.toString())
                .anyMatch(
                    r ->
                        r.file().equals(bad.file())
                            && r.reasonCodes().equals(java.util.List.of(bad.reason().code())));
          }
        }
      }
    }
    assertThat(landing.rejectedFiles.values())
        .allMatch(message -> message.startsWith("Missing required column(s) "));
  }

  @Test
  void defaultSampleHoldsOnlyTheInjectedBadInputAndAFewPercentOfIt() {
    GeneratedLanding landing = DefaultSample.landing();
    assertOnlyInjected(DefaultSample.summary(), landing);
    long bad = landing.invalid().size() + 2L * landing.conflicts();
    assertThat(bad).isGreaterThanOrEqualTo(20);
    assertThat((double) bad / landing.reads.size()).as("share of bad rows").isLessThan(0.03);
  }

  static Stream<Arguments> otherSettings() {
    return Stream.of(
        Arguments.of(new GeneratorSettings(13, 12, 7, GeneratorSettings.START_DEFAULT)),
        Arguments.of(new GeneratorSettings(3, 5, 99, GeneratorSettings.START_DEFAULT)),
        Arguments.of(new GeneratorSettings(1, 1, 42, GeneratorSettings.START_DEFAULT)));
  }

  @ParameterizedTest
  @MethodSource("otherSettings")
  void otherSettingsAlsoHoldOnlyTheInjectedBadInput(GeneratorSettings settings) {
    GeneratorSummary summary =
        LandingGenerator.generate(
            DefaultSample.fresh("o" + settings.orgs() + "-w" + settings.weeks()), settings);
    assertOnlyInjected(summary, GeneratedLanding.read(summary.outDir()));
  }

  private static void assertOnlyInjected(GeneratorSummary summary, GeneratedLanding landing) {
    Map<String, Integer> expected = new TreeMap<>();
    int conflicts = 0;
    int collapsed = 0;
    int rejected = 0;
    for (InjectedBadInput bad : summary.badInputs()) {
      if (bad.outcome() == Outcome.FILE_REJECTED) {
        rejected++;
      } else if (bad.outcome() == Outcome.COLLAPSED) {
        collapsed++;
      } else if (bad.reason() == QuarantineReason.CONFLICTING_DUPLICATE) {
        conflicts++;
      } else {
        expected.merge(bad.reason().code(), 1, Integer::sum);
      }
    }
    assertThat(landing.invalidPerReason()).as("invalid rows per reason").isEqualTo(expected);
    assertThat(landing.invalid()).allMatch(r -> r.reasonCodes().size() == 1);
    assertThat(landing.conflicts()).as("conflicting keys").isEqualTo(conflicts);
    assertThat(landing.collapsed()).as("collapsed duplicates").isEqualTo(collapsed);
    assertThat(landing.rejectedFiles).as("rejected files").hasSize(rejected);
  }
}
