package io.stratify.common.metrics;

import io.stratify.common.contract.MartTables;
import io.stratify.common.stats.BenchmarkCohort;
import io.stratify.common.stats.CohortPercentiles;
import io.stratify.common.stats.MinCohortSize;
import io.stratify.common.stats.SupportabilityScore;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * marts.benchmark_cohort_weekly and marts.org_benchmark_weekly for one week (METRICS.md,
 * Benchmarks). Only consenting orgs take part, and only they receive rows; a cohort-metric-week is
 * published with at least k participants. Pure.
 */
public final class Benchmarks {

  /**
   * One org in one week: its cohort and consent as of week end and its org_weekly values.
   *
   * @param values metric -> value, null where the metric is null
   */
  public record OrgWeek(
      String orgId,
      LocalDate weekStart,
      String industry,
      String sizeBand,
      boolean consent,
      Map<String, Double> values)
      implements Serializable {}

  /** The rows of one week. */
  public record Result(List<MetricRow> cohortRows, List<MetricRow> orgRows) {}

  private record Cohort(String industry, String sizeBand) {}

  private record Published(CohortPercentiles stats, double[] values) {}

  private Benchmarks() {}

  public static Result week(LocalDate week, List<OrgWeek> orgs, MinCohortSize k) {
    List<OrgWeek> consenting =
        orgs.stream()
            .filter(OrgWeek::consent)
            .sorted(Comparator.comparing(OrgWeek::orgId))
            .toList();
    List<MetricRow> cohortRows = new ArrayList<>();
    Map<String, Map<String, Double>> percentiles = new LinkedHashMap<>();
    List<MetricRow> orgRows = new ArrayList<>();
    Cohort all = new Cohort(BenchmarkCohort.ALL, BenchmarkCohort.ALL);
    for (String metric : MartTables.BENCHMARK_METRICS) {
      Map<Cohort, List<OrgWeek>> members =
          new TreeMap<>(Comparator.comparing(Cohort::industry).thenComparing(Cohort::sizeBand));
      for (OrgWeek o : consenting) {
        if (o.values().get(metric) != null) {
          members
              .computeIfAbsent(new Cohort(o.industry(), o.sizeBand()), c -> new ArrayList<>())
              .add(o);
          members.computeIfAbsent(all, c -> new ArrayList<>()).add(o);
        }
      }
      Map<Cohort, Published> published = new HashMap<>();
      members.forEach(
          (cohort, participants) -> {
            double[] values =
                participants.stream().mapToDouble(o -> o.values().get(metric)).toArray();
            CohortPercentiles.publish(values, k)
                .ifPresent(
                    stats -> {
                      published.put(cohort, new Published(stats, values));
                      cohortRows.add(
                          new MetricRow(MartTables.BENCHMARK_COHORT_WEEKLY)
                              .set("industry", cohort.industry())
                              .set("size_band", cohort.sizeBand())
                              .set("week_start", week)
                              .set("metric", metric)
                              .set("n_orgs", stats.nOrgs())
                              .set("p25", stats.p25())
                              .set("p50", stats.p50())
                              .set("p75", stats.p75())
                              .set("p90", stats.p90()));
                    });
          });
      for (OrgWeek o : consenting) {
        Double value = o.values().get(metric);
        if (value == null) {
          continue;
        }
        Cohort own = new Cohort(o.industry(), o.sizeBand());
        Optional<BenchmarkCohort> choice =
            BenchmarkCohort.select(published.containsKey(own), published.containsKey(all));
        if (choice.isEmpty()) {
          continue;
        }
        Cohort used = choice.get() == BenchmarkCohort.OWN ? own : all;
        Published p = published.get(used);
        Double percentile = CohortPercentiles.percentRank(value, p.values());
        percentiles.computeIfAbsent(o.orgId(), id -> new HashMap<>()).put(metric, percentile);
        orgRows.add(
            new MetricRow(MartTables.ORG_BENCHMARK_WEEKLY)
                .set("org_id", o.orgId())
                .set("week_start", week)
                .set("metric", metric)
                .set("value", value)
                .set("cohort_industry", used.industry())
                .set("cohort_size_band", used.sizeBand())
                .set("cohort_p50", p.stats().p50())
                .set("percentile", percentile));
      }
    }
    for (OrgWeek o : consenting) {
      orgRows.add(
          new MetricRow(MartTables.ORG_BENCHMARK_WEEKLY)
              .set("org_id", o.orgId())
              .set("week_start", week)
              .set("metric", SupportabilityScore.METRIC)
              .set("value", SupportabilityScore.of(percentiles.getOrDefault(o.orgId(), Map.of())))
              .set("cohort_industry", null)
              .set("cohort_size_band", null)
              .set("cohort_p50", null)
              .set("percentile", null));
    }
    return new Result(cohortRows, orgRows);
  }
}
