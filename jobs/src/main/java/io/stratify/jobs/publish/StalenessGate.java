package io.stratify.jobs.publish;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.config.StratifyOptions;
import io.stratify.common.contract.LandingDataset;
import io.stratify.jobs.UnusableInputException;
import io.stratify.jobs.ingest.LandingZone;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether the landing zone can give true marts for a run date, checked before anything is computed
 * so that a refused night leaves the published marts as they were. Refused with exit 2 when there
 * is no data at all up to the date, no drop for the date itself, or no org known; with exit 3 when
 * a dataset that has delivered is staler than its {@code landing.max-age-days.<dataset>} setting. A
 * dataset that has never delivered is not a staleness failure (an organisation may not use budgets,
 * say): the run summary lists it.
 */
public final class StalenessGate {

  private StalenessGate() {}

  /**
   * @param drops the landing zone's drops (any dates)
   * @return the datasets that have no drop up to the run date, for the summary
   */
  public static List<LandingDataset> check(
      List<LandingZone.Drop> drops, LocalDate runDate, StratifyConfig config) {
    String head = "Cannot compute the marts as of " + runDate + ": ";
    List<LandingZone.Drop> upTo = drops.stream().filter(d -> !d.dt().isAfter(runDate)).toList();
    if (upTo.isEmpty()) {
      throw new UnusableInputException(
          head
              + "the landing zone holds no drop up to that date (no data at all)"
              + drops.stream()
                  .map(LandingZone.Drop::dt)
                  .min(Comparator.naturalOrder())
                  .map(first -> "; the first drop is " + first + ": run from that date on")
                  .orElse(""));
    }
    if (upTo.stream().noneMatch(d -> d.dt().equals(runDate))) {
      throw new UnusableInputException(
          head
              + "no drop for that date (the latest before it is "
              + upTo.stream().map(LandingZone.Drop::dt).max(Comparator.naturalOrder()).get()
              + "); has the night's export landed?");
    }
    if (upTo.stream().noneMatch(d -> d.dataset() == LandingDataset.ORGS)) {
      throw new UnusableInputException(head + "no org known (no orgs drop up to that date)");
    }
    Map<LandingDataset, LocalDate> latest = new TreeMap<>();
    upTo.forEach(d -> latest.merge(d.dataset(), d.dt(), (a, b) -> a.isAfter(b) ? a : b));
    List<String> stale = new ArrayList<>();
    for (int i = 0; i < LandingDataset.values().length; i++) {
      LandingDataset dataset = LandingDataset.values()[i];
      LocalDate last = latest.get(dataset);
      int maxAge = config.get(StratifyOptions.MAX_AGE_DAYS.get(i));
      long age = last == null ? 0 : ChronoUnit.DAYS.between(last, runDate);
      if (age > maxAge) {
        stale.add(
            dataset.folder()
                + " (latest drop "
                + last
                + ", "
                + age
                + " days old; "
                + StratifyOptions.MAX_AGE_DAYS.get(i).key()
                + "="
                + maxAge
                + ")");
      }
    }
    if (!stale.isEmpty()) {
      throw new StaleLandingException(
          head
              + "stale landing data: "
              + String.join(", ", stale)
              + ". The published marts stay as they were; land the missing drops or raise the"
              + " setting");
    }
    return List.of(LandingDataset.values()).stream()
        .filter(d -> !latest.containsKey(d))
        .collect(Collectors.toList());
  }
}
