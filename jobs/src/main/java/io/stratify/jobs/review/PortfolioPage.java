package io.stratify.jobs.review;

import static io.stratify.jobs.review.Html.escape;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The portfolio index of {@code stratify review --all}: one row per org, linking to its page,
 * ranked by {@link #BY_CONCERN}; orgs whose review could not be built are listed with the reason.
 */
public final class PortfolioPage {

  /**
   * Most in need of attention first: boundary status (exceeded, approaching, within), then the
   * ratio's trend (steepest rise first; no trend last), then the supportability score (lowest
   * percentile among peers first; none last), then org id.
   */
  static final Comparator<OperatingReview> BY_CONCERN =
      Comparator.comparingInt((OperatingReview r) -> statusRank(r.week().boundaryStatus()))
          .thenComparing(
              r -> r.trend("supportability_ratio").map(t -> -t.slopePerWeek()).orElse(null),
              Comparator.nullsLast(Comparator.<Double>naturalOrder()))
          .thenComparing(
              OperatingReview::supportabilityScore,
              Comparator.nullsLast(Comparator.<Double>naturalOrder()))
          .thenComparing(r -> r.org().orgId());

  private PortfolioPage() {}

  /** The page file of an org: its id with anything but letters, digits, '.', '-', '_' as '_'. */
  public static String fileName(String orgId) {
    return orgId.replaceAll("[^A-Za-z0-9._-]", "_") + ".html";
  }

  /**
   * @param reviews the orgs reviewed
   * @param failures org id -> why its review could not be built
   */
  public static String render(List<OperatingReview> reviews, Map<String, String> failures) {
    List<OperatingReview> ranked = reviews.stream().sorted(BY_CONCERN).toList();
    StringBuilder rows = new StringBuilder();
    int rank = 1;
    for (OperatingReview r : ranked) {
      var week = r.week();
      String trend =
          r.trend("supportability_ratio")
              .map(
                  t ->
                      Measure.SUPPORTABILITY_RATIO.formatSlope(t.slopePerWeek())
                          + " ("
                          + t.direction()
                          + ")")
              .orElse("no trend yet");
      rows.append(
          """
            <tr id="org-%s"><td class="num">%d</td><td><a href="%s">%s</a>\
          <span class="sub">%s &middot; week of %s</span></td>\
          <td><span class="chip %s">%s</span></td><td class="num">%s</td><td>%s</td>\
          <td class="num">%s</td></tr>
          """
              .formatted(
                  escape(r.org().orgId()),
                  rank++,
                  escape(fileName(r.org().orgId())),
                  escape(r.org().displayName()),
                  escape(r.org().orgId()),
                  r.weekStart(),
                  escape(week.boundaryStatus()),
                  escape(week.boundaryStatus()),
                  escape(Figures.ratio(week.supportabilityRatio())),
                  escape(trend),
                  escape(
                      r.supportabilityScore() == null
                          ? Figures.NONE
                          : Figures.percentile(r.supportabilityScore()) + "/100")));
    }
    String failed =
        failures.isEmpty()
            ? ""
            : "<h2>Not reviewed</h2>\n<ul id=\"not-reviewed\">\n"
                + failures.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> "<li>" + escape(e.getKey()) + ": " + escape(e.getValue()) + "</li>")
                    .collect(Collectors.joining("\n"))
                + "\n</ul>";
    String asOf =
        reviews.stream()
            .map(r -> r.asOfDate().toString())
            .distinct()
            .collect(Collectors.joining(", "));
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Operating reviews: portfolio</title>
        <style>
        %s
        </style>
        </head>
        <body>
        <main class="page">
        <header class="masthead"><div><div class="eyebrow">Operating reviews</div>\
        <h1>Portfolio of %s</h1></div><div class="org-meta">marts as of %s</div></header>
        <p class="lede">Most in need of attention first: boundary status (exceeded, approaching, \
        within), then the supportability ratio's 12-week trend (steepest rise first), then the \
        supportability score (lowest percentile among peers first).</p>
        <table id="portfolio">
          <thead><tr><th class="num">#</th><th>Organisation</th><th>Boundary</th>\
        <th class="num">Ratio</th><th>Trend</th><th class="num">Score</th></tr></thead>
          <tbody>
        %s  </tbody>
        </table>
        %s
        </main>
        </body>
        </html>
        """
        .formatted(
            Html.resource("review/review.css"),
            escape(Figures.plural(reviews.size() + failures.size(), "org", "orgs")),
            escape(asOf),
            rows,
            failed);
  }

  private static int statusRank(String status) {
    return switch (status) {
      case "exceeded" -> 0;
      case "approaching" -> 1;
      default -> 2;
    };
  }
}
