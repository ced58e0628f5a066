package io.stratify.jobs.review;

import static io.stratify.jobs.review.Html.escape;

import io.stratify.common.metrics.StaffingWhatIf;

/**
 * Renders the review's staffing what-if section from {@link OperatingReview#staffing()}: the
 * figures are computed by {@link StaffingWhatIf}; this only puts them in words.
 */
final class StaffingSection {

  private StaffingSection() {}

  static String html(OperatingReview review) {
    StaffingWhatIf w = review.staffing();
    String body =
        w == null
            ? "<p class=\"lede\">No complete week yet: the what-if needs one.</p>"
            : """
                <p class="lede">%s</p>
                <table id="whatif-table">
                  <thead><tr><th>To move the org</th><th class="num">On-call engineers to \
                add</th><th class="num">On-call engineers then</th></tr></thead>
                  <tbody>
                    <tr><td>out of &ldquo;exceeded&rdquo;</td><td class="num">%s</td>\
                <td class="num">%s</td></tr>
                    <tr><td>to &ldquo;within&rdquo;</td><td class="num">%s</td>\
                <td class="num">%s</td></tr>
                  </tbody>
                </table>
                <p class="note">Week of %s: %s on-call, %s of ambition, ratio %s (%s). Try other \
                staffing or retire deployments with <code>stratify whatif --org %s \
                --add-oncall N --retire ID,...</code>; retiring a pilot changes nothing, as \
                only production deployments carry ambition.</p>"""
                .formatted(
                    escape(summary(w)),
                    count(w.oncallToLeaveExceeded()),
                    then(w, w.oncallToLeaveExceeded()),
                    count(w.oncallToWithin()),
                    then(w, w.oncallToWithin()),
                    w.weekStart(),
                    Figures.plural(w.oncallEngineers(), "engineer", "engineers"),
                    Figures.plural(w.ambitionPoints(), "point", "points"),
                    Figures.ratio(w.supportabilityRatio()),
                    escape(w.boundaryStatus()),
                    escape(w.orgId()));
    return """
        <section class="block" id="whatif">
          <h2>Staffing what-if</h2>
        %s
        </section>"""
        .formatted(body);
  }

  private static String summary(StaffingWhatIf w) {
    if (w.oncallToWithin() == null) {
      return "No number of on-call engineers brings the org within its boundary: capacity per"
          + " engineer or the threshold is set to 0.";
    }
    if (w.oncallToWithin() == 0) {
      return "The rotation already carries what is deployed: no engineer needs adding.";
    }
    String within =
        Figures.plural(w.oncallToWithin(), "more on-call engineer", "more on-call engineers")
            + " would bring the org within its support boundary";
    if (w.oncallToLeaveExceeded() != null && w.oncallToLeaveExceeded() > 0) {
      return Figures.plural(
              w.oncallToLeaveExceeded(), "more on-call engineer", "more on-call engineers")
          + " would take the org out of \u201cexceeded\u201d; "
          + within
          + ".";
    }
    return within + ".";
  }

  private static String count(Integer n) {
    return n == null ? "no number helps" : Figures.count(n);
  }

  private static String then(StaffingWhatIf w, Integer n) {
    return n == null ? Figures.NONE : Figures.count(w.oncallEngineers() + n);
  }
}
