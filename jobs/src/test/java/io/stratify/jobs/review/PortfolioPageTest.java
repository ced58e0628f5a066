package io.stratify.jobs.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.jobs.review.OperatingReview.Org;
import io.stratify.jobs.review.OperatingReview.Trend;
import io.stratify.jobs.review.OperatingReview.Week;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The portfolio index: its ranking and links, without Spark. */
class PortfolioPageTest {

  static final LocalDate MONDAY = LocalDate.of(2026, 4, 20);

  private static OperatingReview review(String id, String status, Double slope, Double score) {
    Week week =
        new Week(
            MONDAY,
            true,
            3,
            2,
            12,
            12.0,
            1.0,
            status,
            1,
            0,
            0.0,
            0.0,
            1.0,
            null,
            BigDecimal.ONE,
            0,
            1,
            null,
            BigDecimal.ZERO,
            Map.of());
    Map<String, Trend> trends =
        slope == null
            ? Map.of()
            : Map.of(
                "supportability_ratio",
                new Trend(
                    "supportability_ratio", 12, slope, 0.5, 0.9, 0.01, "worsening", null, null));
    return new OperatingReview(
        new Org(id, "Org " + id, "retail", "M", true),
        MONDAY.plusDays(7),
        MONDAY,
        List.of(week),
        trends,
        List.of(),
        score,
        List.of(),
        List.of(),
        SampleReviews.SETTINGS,
        null);
  }

  @Test
  void orgsAreRankedByStatusThenTrendThenPeerPercentileAndLinked() {
    List<OperatingReview> reviews =
        List.of(
            review("within-rising", "within", 0.05, 10.0),
            review("approaching-flat", "approaching", 0.0, 50.0),
            review("exceeded-no-trend", "exceeded", null, 90.0),
            review("exceeded-rising", "exceeded", 0.02, 90.0),
            review("approaching-flat-low-score", "approaching", 0.0, 20.0),
            review("a/b <x>", "within", 0.05, 10.0));

    assertThat(reviews.stream().sorted(PortfolioPage.BY_CONCERN).map(r -> r.org().orgId()))
        .containsExactly(
            "exceeded-rising",
            "exceeded-no-trend",
            "approaching-flat-low-score",
            "approaching-flat",
            "a/b <x>",
            "within-rising");

    String page = PortfolioPage.render(reviews, Map.of("ghost", "Cannot review org 'ghost': x"));
    assertThat(page.indexOf("id=\"org-exceeded-rising\""))
        .isLessThan(page.indexOf("id=\"org-within-rising\""));
    assertThat(page)
        .contains("<a href=\"exceeded-rising.html\">Org exceeded-rising</a>")
        .contains("<a href=\"a_b__x_.html\">Org a/b &lt;x&gt;</a>")
        .contains("<li>ghost: Cannot review org &#39;ghost&#39;: x</li>")
        .contains("Portfolio of 7 orgs");
    assertThat(PortfolioPage.fileName("../etc")).isEqualTo(".._etc.html");
  }
}
