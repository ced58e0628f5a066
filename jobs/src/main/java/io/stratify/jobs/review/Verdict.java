package io.stratify.jobs.review;

import io.stratify.jobs.review.OperatingReview.Trend;
import io.stratify.jobs.review.OperatingReview.Week;
import java.util.List;
import java.util.Optional;

/**
 * The review's one-line verdict on the support boundary, in plain words: the page's week's
 * boundary_status and supportability_ratio, the pace from the ratio's trendline (marts.org_trend)
 * and, while not yet past it, when that pace reaches the boundary (boundary_eta).
 *
 * @param status boundary_status of the page's week: within, approaching or exceeded
 * @param headline e.g. "Exceeded its support boundary: ratio 1.44, rising 0.02/week, boundary
 *     passed"
 * @param detail ambition against capacity, and since when the boundary has been passed
 */
public record Verdict(String status, String headline, String detail) {

  /** Slopes smaller than this, per week, read as "holding steady" (they round to 0.000). */
  static final double STEADY_SLOPE = 0.0005;

  public static Verdict of(OperatingReview review) {
    Week week = review.week();
    Optional<Trend> trend = review.trend("supportability_ratio");
    String pace = trend.map(Verdict::pace).orElse("too little history for a trend");
    String ratio = "ratio " + Figures.ratio(week.supportabilityRatio());
    String eta =
        trend
            .map(Trend::boundaryEta)
            .map(d -> "; at this pace reaches the boundary around " + d)
            .orElse("");
    String headline =
        switch (week.boundaryStatus()) {
          case "exceeded" ->
              week.supportabilityRatio() == null
                  ? "Exceeded its support boundary: "
                      + Figures.plural(week.ambitionPoints(), "ambition point", "ambition points")
                      + " and no on-call capacity"
                  : "Exceeded its support boundary: " + ratio + ", " + pace + ", boundary passed";
          case "approaching" -> "Approaching its support boundary: " + ratio + ", " + pace + eta;
          default -> "Within its support boundary: " + ratio + ", " + pace + eta;
        };
    return new Verdict(week.boundaryStatus(), headline, detail(review.weeks()));
  }

  /**
   * {@code rising 0.02/week}, {@code falling 0.10/week}, {@code rising 0.004/week} (a third decimal
   * below 0.01, so a slow drift does not read as none) or {@code holding steady}.
   */
  static String pace(Trend trend) {
    double slope = trend.slopePerWeek();
    double magnitude = Math.abs(slope);
    if (magnitude < STEADY_SLOPE) {
      return "holding steady";
    }
    return (slope > 0 ? "rising " : "falling ")
        + Figures.decimals(magnitude, magnitude < 0.01 ? 3 : 2)
        + "/week";
  }

  private static String detail(List<Week> weeks) {
    Week week = weeks.get(weeks.size() - 1);
    String detail =
        Figures.plural(week.ambitionPoints(), "point", "points")
            + " of ambition on "
            + Figures.decimals(week.capacityPoints(), week.capacityPoints() % 1 == 0 ? 0 : 1)
            + " points of capacity ("
            + Figures.plural(week.oncallEngineers(), "on-call engineer", "on-call engineers")
            + ").";
    if (!week.boundaryStatus().equals("exceeded")) {
      return detail;
    }
    int first = weeks.size() - 1;
    while (first > 0 && weeks.get(first - 1).boundaryStatus().equals("exceeded")) {
      first--;
    }
    return first == 0
        ? detail
            + " Past the boundary in every week shown (since "
            + weeks.get(0).weekStart()
            + ")."
        : detail + " Past the boundary since the week of " + weeks.get(first).weekStart() + ".";
  }
}
