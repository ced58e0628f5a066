package io.stratify.jobs.review;

import static io.stratify.jobs.review.SampleReviews.HARBOR;
import static io.stratify.jobs.review.SampleReviews.KESTREL;
import static io.stratify.jobs.review.SampleReviews.QUILLON;
import static io.stratify.jobs.review.SampleReviews.of;
import static io.stratify.jobs.review.SampleReviews.one;
import static io.stratify.jobs.review.SampleReviews.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.UnusableInputException;
import io.stratify.jobs.cli.StratifyCli;
import io.stratify.jobs.review.OperatingReview.Benchmark;
import io.stratify.jobs.review.OperatingReview.Budget;
import io.stratify.jobs.review.OperatingReview.Deployment;
import io.stratify.jobs.review.OperatingReview.Trend;
import io.stratify.jobs.review.OperatingReview.Week;
import io.stratify.jobs.testing.CliRun;
import io.stratify.jobs.testing.SampleLakehouse;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OperatingReview read from the sample lakehouse, checked value by value against the marts. */
class OperatingReviewTest {

  @TempDir Path dir;

  @Test
  void withoutADateTheReviewIsAsOfTheLatestRunDate() {
    LocalDate latest =
        one("SELECT max(as_of_date) FROM (SELECT as_of_date FROM marts.budget_status"
                + " UNION ALL SELECT as_of_date FROM marts.org_trend)")
            .getAs(0);
    OperatingReview review = of(HARBOR);

    assertThat(review.asOfDate()).isEqualTo(latest).isEqualTo(SampleLakehouse.get().runDate());
    LocalDate runWeek = latest.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate latestComplete =
        one("SELECT max(week_start) FROM marts.org_weekly WHERE org_id = 'harbor-mutual'"
                + " AND week_complete AND week_start < DATE'"
                + runWeek
                + "'")
            .getAs(0);
    assertThat(review.weekStart())
        .as("the headline week is the latest complete week, not the run date's partial week")
        .isEqualTo(latestComplete)
        .isBefore(runWeek);
    assertThat(review.weekComplete()).isTrue();
    assertThat(review.org().displayName()).isEqualTo("Harbor Mutual");
  }

  @Test
  void weeksAreTheOrgWeeklyRowsUpToThePagesWeek() {
    OperatingReview review = of(HARBOR);
    List<Row> rows =
        query(
            "SELECT * FROM marts.org_weekly WHERE org_id = 'harbor-mutual' AND week_start <= DATE'"
                + review.weekStart()
                + "' ORDER BY week_start");

    assertThat(review.weeks()).hasSize(Math.min(rows.size(), OperatingReview.HISTORY_WEEKS));
    Row mart = rows.get(rows.size() - 1);
    Week week = review.week();
    assertThat(week.weekStart()).isEqualTo(review.weekStart());
    assertThat(week.supportabilityRatio()).isEqualTo(mart.<Double>getAs("supportability_ratio"));
    assertThat(week.boundaryStatus()).isEqualTo(mart.<String>getAs("boundary_status"));
    assertThat(week.ambitionPoints()).isEqualTo(mart.<Integer>getAs("ambition_points"));
    assertThat(week.capacityPoints()).isEqualTo(mart.<Double>getAs("capacity_points"));
    assertThat(week.oncallEngineers()).isEqualTo(mart.<Integer>getAs("oncall_engineers"));
    for (String signal :
        List.of(
            "unowned_incident_rate",
            "coordination_load_per_oncall",
            "avg_teams_per_incident",
            "incident_load_gini")) {
      assertThat(week.signal(signal)).as(signal).isEqualTo(mart.<Double>getAs(signal));
    }
    assertThat(week.costToSupportUsd()).isEqualTo(mart.<Double>getAs("cost_to_support_usd"));
    assertThat(week.inferenceCostUsd()).isEqualTo(mart.<BigDecimal>getAs("inference_cost_usd"));
    assertThat(week.weekComplete()).isEqualTo(mart.<Boolean>getAs("week_complete"));
    assertThat(review.weeks().get(0).weekStart())
        .isEqualTo(
            rows.get(Math.max(0, rows.size() - OperatingReview.HISTORY_WEEKS))
                .<LocalDate>getAs("week_start"));
  }

  @Test
  void trendsAreTheOrgTrendRowsOfTheRunDate() {
    OperatingReview review = of(HARBOR);
    List<Row> rows =
        query(
            "SELECT * FROM marts.org_trend WHERE org_id = 'harbor-mutual' AND as_of_date = DATE'"
                + review.asOfDate()
                + "'");

    assertThat(review.trends()).hasSameSizeAs(rows).isNotEmpty();
    for (Row row : rows) {
      Trend trend = review.trend(row.getAs("metric")).orElseThrow();
      assertThat(trend.slopePerWeek()).isEqualTo(row.<Double>getAs("slope_per_week"));
      assertThat(trend.intercept()).isEqualTo(row.<Double>getAs("intercept"));
      assertThat(trend.direction()).isEqualTo(row.<String>getAs("direction"));
      assertThat(trend.boundaryEta()).isEqualTo(row.<LocalDate>getAs("boundary_eta"));
    }
    assertThat(review.trend("supportability_ratio").orElseThrow().boundaryEta())
        .as("Harbor is approaching: its ratio trend reaches the boundary")
        .isNotNull();
  }

  @Test
  void benchmarksAreThePagesWeekRowsAndTheScoreIsSetApart() {
    OperatingReview review = of(HARBOR);
    List<Row> rows =
        query(
            "SELECT * FROM marts.org_benchmark_weekly WHERE org_id = 'harbor-mutual'"
                + " AND week_start = DATE'"
                + review.weekStart()
                + "'");
    Row score =
        rows.stream()
            .filter(r -> r.getAs("metric").equals("supportability_score"))
            .findFirst()
            .orElseThrow();

    assertThat(review.supportabilityScore()).isEqualTo(score.<Double>getAs("value"));
    assertThat(review.benchmarks()).hasSize(rows.size() - 1);
    for (Row row : rows) {
      if (row.getAs("metric").equals("supportability_score")) {
        continue;
      }
      Benchmark b = review.benchmark(row.getAs("metric")).orElseThrow();
      assertThat(b.value()).isEqualTo(row.<Double>getAs("value"));
      assertThat(b.cohortP50()).isEqualTo(row.<Double>getAs("cohort_p50"));
      assertThat(b.percentile()).isEqualTo(row.<Double>getAs("percentile"));
    }
  }

  @Test
  void anOrgThatDoesNotConsentHasNoBenchmarks() {
    OperatingReview review = of(QUILLON);

    assertThat(
            one("SELECT count(*) FROM marts.org_benchmark_weekly WHERE org_id = '" + QUILLON + "'")
                .getLong(0))
        .isZero();
    assertThat(review.org().benchmarkConsent()).isFalse();
    assertThat(review.benchmarks()).isEmpty();
    assertThat(review.supportabilityScore()).isNull();
  }

  @Test
  void budgetsAreTheBudgetStatusRowsOfTheRunDate() {
    OperatingReview review = of(HARBOR);
    List<Row> rows =
        query(
            "SELECT * FROM marts.budget_status WHERE org_id = 'harbor-mutual' AND as_of_date = DATE'"
                + review.asOfDate()
                + "' ORDER BY budget_id");

    assertThat(review.budgets())
        .extracting(Budget::budgetId, Budget::status, Budget::projectedExhaustionDate)
        .containsExactlyInAnyOrderElementsOf(
            rows.stream()
                .map(
                    r ->
                        org.assertj.core.groups.Tuple.tuple(
                            r.getAs("budget_id"),
                            r.getAs("status"),
                            r.getAs("projected_exhaustion_date")))
                .toList());
    assertThat(review.budgets()).extracting(Budget::status).contains("at_risk");
  }

  @Test
  void deploymentsAreThePagesWeekRowsMostCriticalFirst() {
    OperatingReview review = of(KESTREL);
    List<Row> rows =
        query(
            "SELECT deployment_id, degraded, blast_radius FROM marts.deployment_weekly"
                + " WHERE org_id = 'kestrel-capital' AND week_start = DATE'"
                + review.weekStart()
                + "'");
    List<String> degraded =
        rows.stream()
            .filter(r -> r.<Boolean>getAs("degraded"))
            .map(r -> r.<String>getAs(0))
            .toList();

    assertThat(review.deployments())
        .extracting(Deployment::deploymentId)
        .containsExactlyInAnyOrderElementsOf(rows.stream().map(r -> r.<String>getAs(0)).toList());
    assertThat(degraded).as("the sample degrades Kestrel's busiest deployment").isNotEmpty();
    assertThat(review.deploymentsByAttention())
        .extracting(Deployment::businessCriticality)
        .as("criticality first")
        .isSorted();
    assertThat(review.deployments())
        .as("names come from silver.deployments")
        .allSatisfy(d -> assertThat(d.name()).isNotBlank());
  }

  @Test
  void anUnknownOrgIsUnusableInputThatListsTheKnownOrgs() {
    assertThatThrownBy(
            () ->
                OperatingReview.load(
                    SampleLakehouse.get().lakehouse(),
                    SampleReviews.SETTINGS,
                    "acme",
                    Optional.empty()))
        .isInstanceOf(UnusableInputException.class)
        .hasMessageContaining("Cannot review org 'acme'")
        .hasMessageContaining("known orgs: bluewater-insurance, cobalt-health,")
        .hasMessageContaining(HARBOR);
  }

  @Test
  void aDateThatIsNotARunDateIsUnusableInputThatNamesTheRunDates() {
    LocalDate runDate = SampleLakehouse.get().runDate();
    assertThatThrownBy(
            () ->
                OperatingReview.load(
                    SampleLakehouse.get().lakehouse(),
                    SampleReviews.SETTINGS,
                    HARBOR,
                    Optional.of(runDate.minusDays(3))))
        .isInstanceOf(UnusableInputException.class)
        .hasMessageContaining("not a run date")
        .hasMessageContaining(runDate.toString());
  }

  @Test
  void aLakehouseWithoutMartsIsUnusableInputThatSaysToRunFirst() {
    Lakehouse empty = new Lakehouse(SampleLakehouse.get().spark(), dir.toString());
    assertThatThrownBy(
            () -> OperatingReview.load(empty, SampleReviews.SETTINGS, HARBOR, Optional.empty()))
        .isInstanceOf(UnusableInputException.class)
        .hasMessageContaining("has no marts")
        .hasMessageContaining("scripts/stratify run");
  }

  @Test
  void theCommandLineExitsWith2AndSaysWhichOrgsExist() {
    Path out = dir.resolve("review.html");
    CliRun result =
        CliRun.of(
            "review",
            "--org",
            "acme",
            "--lakehouse",
            SampleLakehouse.get().lakehouse().root(),
            "--out",
            out.toString());

    assertThat(result.exitCode()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(result.err())
        .contains("Cannot review org 'acme'")
        .contains("known orgs:")
        .contains(KESTREL);
    assertThat(out).doesNotExist();
  }

  @Test
  void theCommandLineExitsWith2OnALakehouseWithoutMarts() {
    CliRun result =
        CliRun.of(
            "review",
            "--org",
            HARBOR,
            "--lakehouse",
            dir.toString(),
            "--out",
            dir.resolve("r.html").toString());

    assertThat(result.exitCode()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(result.err()).contains("is not a lakehouse").contains("`stratify run`");
  }

  @Test
  void aPortfolioReadInBatchesHasEveryOrgsOwnReview() {
    List<String> orgs =
        query("SELECT DISTINCT org_id FROM marts.org_weekly ORDER BY org_id").stream()
            .map(r -> r.getString(0))
            .toList();
    Map<String, OperatingReview> reviews = new TreeMap<>();
    Map<String, String> notReviewed = new TreeMap<>();
    List<String> progress = new ArrayList<>();
    // 5 orgs a batch: the sample's 12 orgs in two full batches and a partial one
    new ReviewLoader(SampleLakehouse.get().lakehouse(), SampleReviews.SETTINGS, 5)
        .loadAll(
            Optional.empty(),
            new OperatingReview.Reviews() {
              @Override
              public void reviewed(OperatingReview review) {
                reviews.put(review.org().orgId(), review);
              }

              @Override
              public void notReviewed(String orgId, UnusableInputException why) {
                notReviewed.put(orgId, why.getMessage());
              }

              @Override
              public void progress(int done, int total) {
                progress.add(done + "/" + total);
              }
            });

    assertThat(orgs).hasSize(12);
    assertThat(notReviewed).isEmpty();
    assertThat(reviews.keySet()).containsExactlyElementsOf(orgs);
    assertThat(progress).containsExactly("5/12", "10/12", "12/12");
    for (String org : List.of(HARBOR, KESTREL, QUILLON)) {
      assertThat(reviews.get(org)).as("%s read with 4 other orgs", org).isEqualTo(of(org));
    }
    // every org's own rows, not a batch neighbour's: its headline week, that week's ambition
    // points and its deployments that week, from one query over the marts
    LocalDate runWeek =
        SampleLakehouse.get().runDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    Map<String, String> expected = new TreeMap<>();
    for (Row r :
        query(
            "SELECT w.org_id, w.week_start, o.ambition_points, count(d.deployment_id) FROM"
                + " (SELECT org_id, max(week_start) AS week_start FROM marts.org_weekly"
                + " WHERE week_complete AND week_start < DATE'"
                + runWeek
                + "' GROUP BY org_id) w"
                + " JOIN marts.org_weekly o ON o.org_id = w.org_id AND o.week_start = w.week_start"
                + " LEFT JOIN marts.deployment_weekly d"
                + " ON d.org_id = w.org_id AND d.week_start = w.week_start"
                + " GROUP BY w.org_id, w.week_start, o.ambition_points")) {
      expected.put(r.getString(0), r.getAs(1) + " " + r.getAs(2) + " " + r.getLong(3));
    }
    Map<String, String> actual = new TreeMap<>();
    reviews.forEach(
        (org, review) ->
            actual.put(
                org,
                review.weekStart()
                    + " "
                    + review.week().ambitionPoints()
                    + " "
                    + review.deployments().size()));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void aPortfolioAsOfADateThatIsNotARunDateExitsWith2AndWritesNothing() {
    Path out = dir.resolve("not-a-run-date");
    LocalDate runDate = SampleLakehouse.get().runDate();
    CliRun result =
        CliRun.of(
            "review",
            "--all",
            "--lakehouse",
            SampleLakehouse.get().lakehouse().root(),
            "--date",
            runDate.minusDays(3).toString(),
            "--out",
            out.toString());

    assertThat(result.exitCode()).as(result.err()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(result.err()).contains("not a run date").contains(runDate.toString());
    assertThat(out.resolve("index.html")).doesNotExist();
  }

  @Test
  void theCommandLineWritesEveryOrgsPageAndAPortfolioIndex() throws Exception {
    Path out = dir.resolve("portfolio");
    CliRun result =
        CliRun.of(
            "review",
            "--all",
            "--lakehouse",
            SampleLakehouse.get().lakehouse().root(),
            "--out",
            out.toString());

    assertThat(result.exitCode()).as(result.err()).isEqualTo(StratifyCli.EXIT_OK);
    assertThat(result.out()).contains("reviewed 12 of 12 org(s)");
    List<String> orgs =
        query("SELECT DISTINCT org_id FROM marts.org_weekly ORDER BY org_id").stream()
            .map(r -> r.getString(0))
            .toList();
    String index = Files.readString(out.resolve("index.html"));
    for (String org : orgs) {
      assertThat(out.resolve(org + ".html")).as(org).exists();
      assertThat(index).contains("<a href=\"" + org + ".html\">");
    }
    assertThat(index.indexOf("id=\"org-" + KESTREL + "\""))
        .as("Kestrel, past its boundary, ranks above Harbor, approaching it")
        .isLessThan(index.indexOf("id=\"org-" + HARBOR + "\""));
    assertThat(Files.readString(out.resolve(KESTREL + ".html")))
        .contains(Verdict.of(of(KESTREL)).headline());
  }

  @Test
  void theCommandLineWritesThePage() throws Exception {
    Path out = dir.resolve("pages/kestrel.html");
    CliRun result =
        CliRun.of(
            "review",
            "--org",
            KESTREL,
            "--lakehouse",
            SampleLakehouse.get().lakehouse().root(),
            "--out",
            out.toString());

    assertThat(result.exitCode()).as(result.err()).isEqualTo(StratifyCli.EXIT_OK);
    String headline = Verdict.of(of(KESTREL)).headline();
    assertThat(result.out()).contains(out.toString()).contains(headline);
    assertThat(Files.readString(out)).contains(headline).startsWith("<!DOCTYPE html>");
  }
}
