package io.stratify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.TableContract;
import io.stratify.jobs.testing.SampleLakehouse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The marts on the committed sample (sample-data/landing, 12 orgs, 16 weeks). That re-running a
 * night leaves the marts unchanged is shown on a small fixture by LateDataTest.
 */
class MartsOnSampleTest {

  static final Set<String> APPROACHING =
      Set.of("harbor-mutual", "meridian-payments", "tessera-telecom");
  static final Set<String> NON_CONSENTING = Set.of("quillon-logistics", "sable-media");

  final SampleLakehouse sample = SampleLakehouse.get();
  final SparkSession spark = sample.spark();

  List<Row> sql(String query) {
    return spark.sql(query).collectAsList();
  }

  @Test
  void everyOrgHasARowForEveryWeekUpToTheRunWeek() {
    LocalDate runWeek = sample.runDate().minusDays(sample.runDate().getDayOfWeek().getValue() - 1);
    List<Row> perOrg =
        sql(
            "SELECT org_id, count(*), min(week_start), max(week_start),"
                + " sum(CASE WHEN week_complete THEN 0 ELSE 1 END)"
                + " FROM marts.org_weekly GROUP BY org_id");
    assertThat(perOrg).hasSize(12);
    for (Row r : perOrg) {
      LocalDate first = r.getLocalDate(2);
      long weeks = java.time.temporal.ChronoUnit.WEEKS.between(first, r.getLocalDate(3)) + 1;
      assertThat(r.getLong(1)).as("%s: no missing week", r.getString(0)).isEqualTo(weeks);
      assertThat(r.getLocalDate(3))
          .as("%s ends in the run week", r.getString(0))
          .isEqualTo(runWeek);
      assertThat(r.getLong(4)).as("only the run week is incomplete").isEqualTo(1);
    }
  }

  @Test
  void orgsOfEachBoundaryStatusAppear() {
    Map<String, String> status =
        sql(
                "SELECT org_id, boundary_status FROM marts.org_weekly"
                    + " WHERE week_start = (SELECT max(week_start) FROM marts.org_weekly WHERE week_complete)")
            .stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
    assertThat(status.values()).contains("within", "approaching", "exceeded");
    assertThat(status)
        .containsEntry("kestrel-capital", "exceeded")
        .containsEntry("northwind-bank", "within");
    APPROACHING.forEach(o -> assertThat(status).containsEntry(o, "approaching"));
  }

  @Test
  void everyMartHasRows() {
    for (TableContract mart : MartTables.all()) {
      assertThat(spark.table(mart.qualifiedName()).count()).as(mart.qualifiedName()).isPositive();
    }
    assertThat(
            sql("SELECT DISTINCT status FROM marts.budget_status").stream()
                .map(r -> r.getString(0)))
        .contains("at_risk", "exhausted", "on_track");
  }

  @Test
  void approachingOrgsRiseTowardsABoundaryDate() {
    List<Row> trends =
        sql(
            "SELECT org_id, slope_per_week, boundary_eta, direction FROM marts.org_trend"
                + " WHERE metric = 'supportability_ratio' AND as_of_date = DATE'"
                + sample.runDate()
                + "'");
    Map<String, Row> byOrg = trends.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
    for (String org : APPROACHING) {
      Row r = byOrg.get(org);
      assertThat(r).as(org).isNotNull();
      assertThat(r.getDouble(1)).as("%s slope", org).isPositive();
      assertThat(r.getLocalDate(2)).as("%s boundary date", org).isAfter(sample.runDate());
      assertThat(r.getString(3)).isEqualTo("worsening");
    }
  }

  @Test
  void benchmarksKeepTheirPrivacyPromises() {
    assertThat(sql("SELECT min(n_orgs) FROM marts.benchmark_cohort_weekly").get(0).getInt(0))
        .isGreaterThanOrEqualTo(5);
    assertThat(
            sql("SELECT DISTINCT org_id FROM marts.org_benchmark_weekly").stream()
                .map(r -> r.getString(0)))
        .doesNotContainAnyElementsOf(NON_CONSENTING)
        .hasSize(10);
    assertThat(
            sql("SELECT count(*) FROM marts.org_benchmark_weekly WHERE metric = 'supportability_score'")
                .get(0)
                .getLong(0))
        .as("one score row per consenting org and week")
        .isEqualTo(
            sql("SELECT count(*) FROM marts.org_weekly WHERE org_id NOT IN ('quillon-logistics', 'sable-media')")
                .get(0)
                .getLong(0));
  }

  @Test
  void leadTimesCoverEverySignalWithEnoughPairs() {
    List<Row> rows = sql("SELECT signal, lag_weeks, n FROM marts.signal_lead_time");
    assertThat(rows.stream().map(r -> r.getString(0)).distinct())
        .hasSize(MartTables.LEAD_SIGNALS.size());
    assertThat(rows).allMatch(r -> r.getInt(2) >= 10);
  }

  @Test
  void incidentAttributionExplainsTheChangeFailureRate() {
    assertThat(
            sql(
                    "SELECT coalesce(attributed_by, 'none'), count(*) FROM marts.incident_attribution"
                        + " GROUP BY 1")
                .stream()
                .map(r -> r.getString(0)))
        .containsExactlyInAnyOrder("explicit", "window", "none");
    assertThat(sql("SELECT count(*) FROM marts.incident_attribution").get(0).getLong(0))
        .as("every incident of a known org opened up to the end of the run date")
        .isEqualTo(
            sql("SELECT count(*) FROM silver.incidents i JOIN (SELECT DISTINCT org_id FROM"
                    + " silver.orgs) o ON i.org_id = o.org_id WHERE i.opened_at < DATE'"
                    + sample.runDate().plusDays(1)
                    + "'")
                .get(0)
                .getLong(0));
    List<Row> weeks =
        sql(
            """
            WITH blamed AS (
              SELECT DISTINCT org_id, change_id FROM marts.incident_attribution
              WHERE change_id IS NOT NULL),
            weekly AS (
              SELECT c.org_id, CAST(date_trunc('week', c.deployed_at) AS DATE) AS week_start,
                     avg(CASE WHEN c.outcome IN ('failed', 'rolled_back') OR b.change_id IS NOT NULL
                         THEN 1D ELSE 0D END) AS cfr
              FROM silver.deployment_changes c
              LEFT JOIN blamed b ON b.org_id = c.org_id AND b.change_id = c.change_id
              GROUP BY 1, 2)
            SELECT w.org_id, w.week_start, w.change_failure_rate, x.cfr
            FROM marts.org_weekly w JOIN weekly x USING (org_id, week_start)
            """);
    assertThat(weeks).hasSizeGreaterThan(50);
    assertThat(weeks)
        .as("change_failure_rate recomputed from this table's attributions")
        .allMatch(r -> Math.abs(r.getDouble(2) - r.getDouble(3)) < 1e-9, "agrees");
  }
}
