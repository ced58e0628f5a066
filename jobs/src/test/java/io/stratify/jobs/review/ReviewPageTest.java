package io.stratify.jobs.review;

import static io.stratify.jobs.review.SampleReviews.HARBOR;
import static io.stratify.jobs.review.SampleReviews.KESTREL;
import static io.stratify.jobs.review.SampleReviews.QUILLON;
import static io.stratify.jobs.review.SampleReviews.of;
import static io.stratify.jobs.review.SampleReviews.one;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratify.jobs.review.OperatingReview.Benchmark;
import io.stratify.jobs.review.OperatingReview.Budget;
import io.stratify.jobs.review.OperatingReview.Deployment;
import io.stratify.jobs.review.OperatingReview.Org;
import io.stratify.jobs.review.OperatingReview.Trend;
import io.stratify.jobs.review.OperatingReview.Week;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page: its figures are the marts' (queried here), every value from data is escaped, and a real
 * browser draws every chart. Run with {@code -Dreview.screenshot=<path>.png} to also write the
 * screenshot of docs/review.md there.
 */
class ReviewPageTest {

  static final LocalDate MONDAY = LocalDate.of(2026, 4, 20);

  @TempDir Path dir;

  @Test
  void anOrgPastItsBoundaryIsToldSoWithTheMartsFigures() {
    OperatingReview review = of(KESTREL);
    Row week = orgWeek(KESTREL, review.weekStart());
    Row trend = ratioTrend(KESTREL, review.asOfDate());
    String expected =
        "Exceeded its support boundary: ratio "
            + twoDecimals(week.getAs("supportability_ratio"))
            + ", rising "
            + twoDecimals(trend.getAs("slope_per_week"))
            + "/week, boundary passed";

    assertThat(week.<String>getAs("boundary_status")).isEqualTo("exceeded");
    assertThat(Verdict.of(review).headline()).isEqualTo(expected);
    assertThat(ReviewPage.render(review))
        .contains("<p class=\"headline\" id=\"verdict\">" + expected + "</p>")
        .contains("class=\"verdict status-exceeded\"");
  }

  @Test
  void anApproachingOrgIsToldWhenItsPaceReachesTheBoundary() {
    OperatingReview review = of(HARBOR);
    Row week = orgWeek(HARBOR, review.weekStart());
    Row trend = ratioTrend(HARBOR, review.asOfDate());
    String expected =
        "Approaching its support boundary: ratio "
            + twoDecimals(week.getAs("supportability_ratio"))
            + ", rising "
            + twoDecimals(trend.getAs("slope_per_week"))
            + "/week; at this pace reaches the boundary around "
            + trend.getAs("boundary_eta");

    assertThat(Verdict.of(review).headline()).isEqualTo(expected);
    assertThat(ReviewPage.render(review)).contains(expected);
  }

  @Test
  void thePageShowsTheMartsFigures() {
    OperatingReview review = of(HARBOR);
    String page = ReviewPage.render(review);
    Row week = orgWeek(HARBOR, review.weekStart());
    Row score =
        one(
            "SELECT value FROM marts.org_benchmark_weekly WHERE org_id = 'harbor-mutual'"
                + " AND metric = 'supportability_score' AND week_start = DATE'"
                + review.weekStart()
                + "'");
    Row atRisk =
        one(
            "SELECT budget_id, projected_exhaustion_date, period_end FROM marts.budget_status"
                + " WHERE org_id = 'harbor-mutual' AND status = 'at_risk' AND as_of_date = DATE'"
                + review.asOfDate()
                + "'");

    assertThat(kpi(page, "kpi-points"))
        .contains(
            week.getAs("ambition_points") + " / " + wholeNumber(week.getAs("capacity_points")));
    assertThat(kpi(page, "kpi-cost")).contains(dollars(week.getAs("cost_to_support_usd")));
    assertThat(kpi(page, "kpi-score"))
        .contains(String.format(Locale.ROOT, "%.0f/100", score.<Double>getAs(0)));
    assertThat(kpi(page, "kpi-budget"))
        .contains("At risk")
        .contains(
            atRisk.getAs("budget_id")
                + " runs out around "
                + atRisk.getAs("projected_exhaustion_date"));
    assertThat(page)
        .contains(
            atRisk.getAs("budget_id")
                + " is projected to run out on "
                + atRisk.getAs("projected_exhaustion_date")
                + ", before its period ends on "
                + atRisk.getAs("period_end"));
    for (String signal :
        List.of(
            "unowned_incident_rate",
            "coordination_load_per_oncall",
            "avg_teams_per_incident",
            "incident_load_gini")) {
      Row trend =
          one(
              "SELECT direction FROM marts.org_trend WHERE org_id = 'harbor-mutual' AND metric = '"
                  + signal
                  + "' AND as_of_date = DATE'"
                  + review.asOfDate()
                  + "'");
      String direction = trend.getAs("direction");
      String card =
          between(page, "<article class=\"signal\" id=\"signal-" + signal + "\">", "</article>");
      assertThat(card)
          .as(signal)
          .contains("<span class=\"chip " + direction + "\">")
          .contains(Character.toUpperCase(direction.charAt(0)) + direction.substring(1));
    }
    assertThat(
            between(
                page,
                "<article class=\"signal\" id=\"signal-avg_teams_per_incident\">",
                "</article>"))
        .contains(
            "<span class=\"value\">"
                + twoDecimals(week.getAs("avg_teams_per_incident"))
                + "</span>");
    assertThat(page).contains("data-charts-expected=\"8\"").contains("id=\"chart-cohort\"");
  }

  @Test
  void anOrgThatDoesNotConsentIsToldWhyItHasNoBenchmark() {
    String page = ReviewPage.render(of(QUILLON));

    assertThat(page)
        .contains("does not take part in benchmarking")
        .contains("not benchmarked: no consent")
        .contains("data-charts-expected=\"7\"")
        .doesNotContain("id=\"chart-cohort\"");
  }

  @Test
  void everyValueFromDataIsEscaped() throws Exception {
    String hostile = "</script><img src=x onerror=alert(1)>";
    OperatingReview review =
        new OperatingReview(
            new Org("o<1>", "Acme <script>alert(1)</script> & \"Sons\"", "retail", "M", true),
            MONDAY.plusDays(6),
            MONDAY,
            List.of(week(MONDAY, 0.75, "within")),
            Map.of("supportability_ratio", ratioTrend(0.01, LocalDate.of(2026, 10, 12))),
            List.of(new Benchmark("incident_load_gini", 0.3, "retail" + hostile, "M", 0.2, 50.0)),
            55.0,
            List.of(
                new Budget(
                    "b<1>" + hostile,
                    "deployment",
                    "dep-" + hostile,
                    LocalDate.of(2026, 4, 1),
                    LocalDate.of(2026, 6, 30),
                    new BigDecimal("100.00"),
                    new BigDecimal("80.000000"),
                    0.3,
                    2.6,
                    3.0,
                    LocalDate.of(2026, 5, 3),
                    "at_risk")),
            List.of(
                new Deployment(
                    "dep-" + hostile,
                    hostile,
                    "production",
                    "t'1",
                    "Team \"A\" <b>",
                    true,
                    1,
                    "openai",
                    1,
                    1,
                    new BigDecimal("3.2"),
                    2.0,
                    null,
                    true,
                    2,
                    3,
                    "none")),
            SampleReviews.SETTINGS,
            null);

    String page = ReviewPage.render(review);

    assertThat(page)
        .contains("Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot;")
        .contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;")
        .contains("Team &quot;A&quot; &lt;b&gt;")
        .doesNotContain("<img")
        .doesNotContain("<script>alert")
        .doesNotContain("<b>");
    assertThat(count(page, "(?i)<script")).as("the page's own three script elements").isEqualTo(3);
    assertThat(count(page, "(?i)</script")).isEqualTo(3);

    String json = Html.scriptJson(Map.of("name", hostile + "<!-- & \u2028"));
    assertThat(json)
        .doesNotContain("<")
        .doesNotContain(">")
        .doesNotContain("&")
        .doesNotContain("\u2028");
    assertThat(new ObjectMapper().readValue(json, new TypeReference<Map<String, String>>() {}))
        .containsEntry("name", hostile + "<!-- & \u2028");
  }

  @Test
  void anEndedBudgetShowsItsFinalSpendAndEveryNaStatesItsReason() {
    LocalDate asOf = MONDAY.plusDays(7);
    Week noOncall =
        new Week(
            MONDAY,
            true,
            2,
            0,
            7,
            0.0,
            null,
            "exceeded",
            4,
            1,
            0.5,
            null,
            1.5,
            null,
            new BigDecimal("10"),
            4.0,
            410.0,
            1.0,
            BigDecimal.ZERO,
            Map.of());
    Budget ended =
        new Budget(
            "q1",
            "org",
            null,
            LocalDate.of(2026, 1, 1),
            LocalDate.of(2026, 3, 31),
            new BigDecimal("100.00"),
            new BigDecimal("120.00"),
            1.0,
            1.2,
            0.0,
            asOf.plusDays(30),
            "on_track");
    OperatingReview review =
        new OperatingReview(
            new Org("o1", "Org One", "retail", "M", true),
            asOf,
            MONDAY,
            List.of(noOncall),
            Map.of(),
            List.of(),
            null,
            List.of(ended),
            List.of(),
            SampleReviews.SETTINGS,
            null);

    String page = ReviewPage.render(review);
    String row = between(page, "<tr class=\"past\" id=\"budget-q1\">", "</tr>");

    assertThat(row)
        .contains("final $120 of $100")
        .contains("Ended over budget by $20.00")
        .contains("ended 2026-03-31")
        .doesNotContain(asOf.plusDays(30).toString())
        .doesNotContain("On track");
    assertThat(kpi(page, "kpi-ratio"))
        .contains("no on-call engineers, so no capacity to compare with");
    assertThat(kpi(page, "kpi-score")).contains("no published cohort this week");
    assertThat(between(page, "id=\"signal-coordination_load_per_oncall\"", "</article>"))
        .contains("no on-call engineers this week")
        .doesNotContain("no incidents");
    assertThat(between(page, "id=\"signal-incident_load_gini\"", "</article>"))
        .contains("fewer than 2 teams own production deployments")
        .contains("too few weeks for a trend: 0 of the 12 weeks from");
  }

  @Test
  void theVerdictSaysWhereTheOrgIsAndWhereItIsHeading() {
    List<Week> rising =
        List.of(week(MONDAY.minusWeeks(1), 0.5, "within"), week(MONDAY, 0.55, "within"));
    assertThat(verdict(rising, ratioTrend(0.0002, null)).headline())
        .isEqualTo("Within its support boundary: ratio 0.55, holding steady");
    assertThat(verdict(rising, ratioTrend(0.004, LocalDate.of(2027, 1, 4))).headline())
        .as("a slow drift keeps a third decimal")
        .isEqualTo(
            "Within its support boundary: ratio 0.55, rising 0.004/week; at this pace reaches the"
                + " boundary around 2027-01-04");
    assertThat(verdict(rising, ratioTrend(0.04, LocalDate.of(2026, 7, 6))).headline())
        .isEqualTo(
            "Within its support boundary: ratio 0.55, rising 0.04/week; at this pace reaches the"
                + " boundary around 2026-07-06");

    List<Week> crossed =
        List.of(
            week(MONDAY.minusWeeks(2), 0.9, "approaching"),
            week(MONDAY.minusWeeks(1), 1.1, "exceeded"),
            week(MONDAY, 1.2, "exceeded"));
    Verdict exceeded = verdict(crossed, ratioTrend(-0.1, null));
    assertThat(exceeded.headline())
        .isEqualTo("Exceeded its support boundary: ratio 1.20, falling 0.10/week, boundary passed");
    assertThat(exceeded.detail()).endsWith("Past the boundary since the week of 2026-04-13.");
    assertThat(verdict(crossed, null).headline())
        .isEqualTo(
            "Exceeded its support boundary: ratio 1.20, too little history for a trend, boundary"
                + " passed");
  }

  @Test
  void aBrowserDrawsEveryChart() throws Exception {
    Chromium chromium = new Chromium(dir);
    for (String org : List.of(HARBOR, QUILLON)) {
      OperatingReview review = of(org);
      long benchmarkRows =
          one("SELECT count(*) FROM marts.org_benchmark_weekly WHERE org_id = '"
                  + org
                  + "' AND metric <> 'supportability_score' AND week_start = DATE'"
                  + review.weekStart()
                  + "'")
              .getLong(0);
      int expectedCharts = benchmarkRows > 0 ? 8 : 7;
      Path page = dir.resolve(org + ".html");
      Files.writeString(page, ReviewPage.render(review), StandardCharsets.UTF_8);

      String dom = chromium.dumpDom(page);

      assertThat(dom)
          .as(org + ": every chart drew, none failed")
          .contains("data-charts-rendered=\"" + expectedCharts + "\"")
          .doesNotContain("data-chart-errors");
      assertThat(dom).contains(Verdict.of(review).headline());
      assertThat(dom)
          .contains(twoDecimals(orgWeek(org, review.weekStart()).getAs("supportability_ratio")));
      assertThat(dom)
          .as(org + ": the headline week is the latest complete week, and says so")
          .contains("week of " + review.weekStart() + " (latest complete week)");
      assertThat(review.weekStart()).isBefore(review.asOfDate().minusDays(6));
      assertThat(dom)
          .as(org + ": the what-if section shows the engineers needed to be within")
          .contains("id=\"whatif\"")
          .contains("Staffing what-if")
          .contains("id=\"whatif-table\"")
          .contains("<td class=\"num\">" + review.staffing().oncallToWithin() + "</td>");
      assertThat(dom).contains("Thresholds as recorded with marts version");
    }

    Path pdf = dir.resolve("review.pdf");
    chromium.printToPdf(dir.resolve(HARBOR + ".html"), pdf);
    String printed = Files.readString(pdf, StandardCharsets.ISO_8859_1);
    assertThat(printed).startsWith("%PDF");
    assertThat(count(printed, "/Type\\s*/Page[^s]"))
        .as("the page prints on a few sheets of Letter paper")
        .isBetween(2, 8);

    Path png = dir.resolve("review.png");
    Path harbor = dir.resolve(HARBOR + ".html");
    chromium.screenshot(harbor, png, 1280, 1800);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).isGreaterThan(20_000);
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    String target = System.getProperty("review.screenshot");
    if (target != null && !target.isBlank()) {
      Files.createDirectories(Path.of(target).toAbsolutePath().getParent());
      Files.copy(png, Path.of(target), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Verdict verdict(List<Week> weeks, Trend trend) {
    Week last = weeks.get(weeks.size() - 1);
    return Verdict.of(
        new OperatingReview(
            new Org("o1", "Org One", "retail", "M", true),
            last.weekStart().plusDays(6),
            last.weekStart(),
            weeks,
            trend == null ? Map.of() : Map.of("supportability_ratio", trend),
            List.of(),
            null,
            List.of(),
            List.of(),
            SampleReviews.SETTINGS,
            null));
  }

  private static Week week(LocalDate weekStart, double ratio, String status) {
    return new Week(
        weekStart,
        true,
        4,
        2,
        (int) Math.round(ratio * 12),
        12.0,
        ratio,
        status,
        5,
        1,
        0.2,
        0.5,
        1.4,
        0.3,
        new BigDecimal("120.500000"),
        6.0,
        720.5,
        0.5,
        BigDecimal.ZERO,
        Map.of("supportability_ratio", ratio));
  }

  private static Trend ratioTrend(double slope, LocalDate eta) {
    return new Trend(
        "supportability_ratio",
        12,
        slope,
        0.5,
        0.9,
        0.001,
        "worsening",
        eta == null ? null : 3.0,
        eta);
  }

  private static Row orgWeek(String org, LocalDate weekStart) {
    return one(
        "SELECT * FROM marts.org_weekly WHERE org_id = '"
            + org
            + "' AND week_start = DATE'"
            + weekStart
            + "'");
  }

  private static Row ratioTrend(String org, LocalDate asOf) {
    return one(
        "SELECT * FROM marts.org_trend WHERE org_id = '"
            + org
            + "' AND metric = 'supportability_ratio' AND as_of_date = DATE'"
            + asOf
            + "'");
  }

  /** A KPI card's text: name, value and note. */
  private static String kpi(String page, String id) {
    int from = page.indexOf("<div class=\"kpi\" id=\"" + id + "\">");
    assertThat(from).as("page has KPI " + id).isNotNegative();
    int note = page.indexOf("<div class=\"note\">", from);
    return page.substring(from, page.indexOf("</div>", note));
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("page has " + start).isNotNegative();
    int to = text.indexOf(end, from + start.length());
    return text.substring(from, to < 0 ? text.length() : to);
  }

  private static String twoDecimals(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String wholeNumber(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }

  private static String dollars(double value) {
    return String.format(Locale.US, "$%,.0f", value);
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<Integer> at = new ArrayList<>();
    while (m.find()) {
      at.add(m.start());
    }
    return at.size();
  }
}
