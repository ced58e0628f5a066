package io.stratify.jobs.review;

import static io.stratify.jobs.review.Html.escape;

import io.stratify.common.config.MetricSettings;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.metrics.Weeks;
import io.stratify.common.stats.SupportabilityScore;
import io.stratify.common.stats.TrendWindow;
import io.stratify.jobs.review.OperatingReview.Benchmark;
import io.stratify.jobs.review.OperatingReview.Budget;
import io.stratify.jobs.review.OperatingReview.Deployment;
import io.stratify.jobs.review.OperatingReview.Trend;
import io.stratify.jobs.review.OperatingReview.Week;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders an {@link OperatingReview} as one self-contained HTML page: the template, styles and
 * script in {@code review/}, Chart.js inlined, the chart data as JSON. Every value taken from data
 * is HTML-escaped; the JSON is escaped for its script element.
 */
public final class ReviewPage {

  /** How many deployments the attention table lists at most. */
  static final int ATTENTION_ROWS = 8;

  /** How far ahead of the page's week the ratio chart projects the trend, at most. */
  static final int PROJECTION_WEEKS = 12;

  private static final Map<String, String> STATUS_WORDS =
      Map.of(
          "exceeded", "Exceeded",
          "approaching", "Approaching",
          "within", "Within",
          "exhausted", "Exhausted",
          "at_risk", "At risk",
          "on_track", "On track");

  private final OperatingReview review;
  private final MetricSettings settings;
  private final Verdict verdict;
  private final Week week;
  private final TrendWindow window;

  private ReviewPage(OperatingReview review) {
    this.review = review;
    this.settings = review.settings().settings();
    this.verdict = Verdict.of(review);
    this.week = review.week();
    // org_trend's window: the 12 weeks before the run date's week
    this.window = new TrendWindow(Weeks.weekStart(review.asOfDate()));
  }

  /** The page, as one HTML document, with the thresholds recorded with the review's marts. */
  public static String render(OperatingReview review) {
    return new ReviewPage(review).html();
  }

  /** Charts the page draws: seven, plus the cohort chart when the org has benchmarks. */
  static int chartCount(OperatingReview review) {
    return 7 + (review.benchmarks().isEmpty() ? 0 : 1);
  }

  private String html() {
    String body =
        String.join(
            "\n",
            masthead(),
            verdictBanner(),
            kpis(),
            boundary(),
            StaffingSection.html(review),
            signals(),
            peers(),
            cost(),
            modelCost(),
            budgets(),
            deployments(),
            definitions(),
            footer());
    Map<String, String> values = new LinkedHashMap<>();
    values.put(
        "title",
        escape(
            "Operating review: " + review.org().displayName() + ", week of " + review.weekStart()));
    values.put("style", Html.resource("review/review.css"));
    values.put("chartsExpected", Integer.toString(chartCount(review)));
    values.put("body", body);
    values.put("data", Html.scriptJson(chartData()));
    values.put("chartjs", ChartJs.script());
    values.put("script", Html.resource("review/review.js"));
    return Html.fill(Html.resource("review/page.html"), values);
  }

  private String masthead() {
    var org = review.org();
    List<String> meta = new ArrayList<>();
    meta.add(org.orgId());
    if (org.industry() != null) {
      meta.add(org.industry());
    }
    if (org.sizeBand() != null) {
      meta.add("size " + org.sizeBand());
    }
    return """
        <header class="masthead">
          <div>
            <div class="eyebrow">Operating review &middot; <span id="headline-week">week of %s%s</span></div>
            <h1 id="org-name">%s</h1>
          </div>
          <div class="org-meta">%s<br>marts as of <span id="as-of">%s</span></div>
        </header>"""
        .formatted(
            review.weekStart(),
            review.weekComplete()
                ? " (latest complete week)"
                : " (in progress: no complete week yet)",
            escape(org.displayName()),
            escape(String.join(" \u00b7 ", meta)),
            review.asOfDate());
  }

  private String verdictBanner() {
    return """
        <section class="verdict status-%s">
          <div class="label">%s</div>
          <p class="headline" id="verdict">%s</p>
          <p class="detail">%s</p>
        </section>"""
        .formatted(
            escape(verdict.status()),
            escape(statusWord(verdict.status())),
            escape(verdict.headline()),
            escape(verdict.detail()));
  }

  private String kpis() {
    List<String> cards = new ArrayList<>();
    cards.add(
        kpi(
            "Supportability ratio",
            Figures.ratio(week.supportabilityRatio()),
            week.boundaryStatus(),
            (week.supportabilityRatio() == null
                    ? NoValue.weekly("supportability_ratio", week)
                    : PlainWords.ratio(week.supportabilityRatio()))
                + "; boundary "
                + Figures.ratio(settings.exceededRatio())
                + "; approaching from "
                + Figures.ratio(settings.approachingRatio()),
            "kpi-ratio"));
    cards.add(
        kpi(
            "Ambition / capacity",
            week.ambitionPoints() + " / " + capacity(week),
            "",
            "points; "
                + Figures.plural(week.oncallEngineers(), "on-call engineer", "on-call engineers"),
            "kpi-points"));
    cards.add(
        kpi(
            "Cost to support",
            Figures.usd(week.costToSupportUsd()),
            "",
            "this week, of which " + Figures.usd(week.inferenceCostUsd()) + " inference",
            "kpi-cost"));
    Optional<Budget> worst = worstCurrentBudget();
    cards.add(
        kpi(
            "Budgets",
            worst.map(b -> statusWord(b.status())).orElse("None"),
            worst.map(Budget::status).orElse(""),
            worst.map(this::budgetNote).orElse("no current budget on record"),
            "kpi-budget"));
    cards.add(
        review.supportabilityScore() == null
            ? kpi("Supportability score", Figures.NONE, "", noScoreReason(), "kpi-score")
            : kpi(
                "Supportability score",
                Figures.percentile(review.supportabilityScore()) + "/100",
                "",
                "on average "
                    + PlainWords.percentile(review.supportabilityScore())
                    + " on six supportability measures (mean percentile; 100 = best)",
                "kpi-score"));
    return "<section class=\"kpis\">\n" + String.join("\n", cards) + "\n</section>";
  }

  private static String kpi(String name, String value, String status, String note, String id) {
    return """
          <div class="kpi" id="%s">
            <div class="name">%s</div>
            <div class="value %s">%s</div>
            <div class="note">%s</div>
          </div>"""
        .formatted(id, escape(name), escape(status), escape(value), escape(note));
  }

  private String boundary() {
    String trendLine =
        review
            .trend("supportability_ratio")
            .map(
                t ->
                    "Trend over the 12 weeks from "
                        + window.firstWeekStart()
                        + " to "
                        + window.lastWeekStart()
                        + ": "
                        + Measure.SUPPORTABILITY_RATIO.formatSlope(t.slopePerWeek())
                        + " ("
                        + t.direction()
                        + "). "
                        + PlainWords.trend(t, true)
                        + (t.boundaryEta() == null
                            ? ""
                            : " At this pace the ratio reaches "
                                + Figures.ratio(settings.exceededRatio())
                                + " around "
                                + t.boundaryEta()
                                + "."))
            .orElse(
                capitalised(NoValue.trend("supportability_ratio", review.weeks(), window)) + ".");
    return """
        <section class="block" id="boundary">
          <h2>Support boundary</h2>
          <p class="lede">Can the on-call rotation carry what is deployed? Ambition weighs each \
        production deployment by its business criticality; capacity is %s points per on-call \
        engineer. Above a ratio of %s the org runs more AI than its people can support.</p>
          <div class="two">
            <figure><figcaption>Ambition and capacity, points</figcaption>
              <div class="chart"><canvas id="chart-capacity" role="img" \
        aria-label="Ambition and capacity points by week"></canvas></div></figure>
            <figure><figcaption>Supportability ratio, trend and boundary</figcaption>
              <div class="chart"><canvas id="chart-ratio" role="img" \
        aria-label="Supportability ratio by week with trendline"></canvas></div></figure>
          </div>
          <p class="lede" id="ratio-trend">%s</p>
        </section>"""
        .formatted(
            Figures.decimals(
                settings.pointsPerOncallEngineer(),
                settings.pointsPerOncallEngineer() % 1 == 0 ? 0 : 1),
            Figures.ratio(settings.exceededRatio()),
            escape(trendLine));
  }

  private String signals() {
    StringBuilder cards = new StringBuilder();
    for (Measure m : Measure.SIGNALS) {
      Double value = week.signal(m.column);
      Optional<Trend> trend = review.trend(m.column);
      String direction =
          trend
              .map(
                  t ->
                      "<span class=\"chip %s\">%s &middot; %s</span>"
                          .formatted(
                              escape(t.direction()),
                              escape(capitalised(t.direction())),
                              escape(m.formatSlope(t.slopePerWeek()))))
              .orElse(
                  "<span class=\"chip\" title=\"%s\">No trend yet</span>"
                      .formatted(escape(NoValue.trend(m.column, review.weeks(), window))));
      String trendMeaning =
          trend
              .map(t -> PlainWords.trend(t, true))
              .orElse(capitalised(NoValue.trend(m.column, review.weeks(), window)) + ".");
      String valueMeaning =
          value == null
              ? NoValue.weekly(m.column, week)
              : m == Measure.INCIDENT_LOAD_GINI
                  ? m.unitText + ". " + PlainWords.gini(value, week.topTeamIncidentShare())
                  : m.unitText;
      String cohort =
          review
              .benchmark(m.column)
              .map(
                  b ->
                      "Peer median "
                          + escape(m.format(b.cohortP50()))
                          + " &middot; "
                          + escape(PlainWords.percentile(b.percentile()))
                          + " (percentile "
                          + escape(Figures.percentile(b.percentile()))
                          + ")")
              .orElse(escape(noBenchmarkShort()));
      cards.append(
          """
            <article class="signal" id="signal-%1$s">
              <h3>%2$s</h3>
              <p class="plain">%3$s</p>
              <div><span class="value">%4$s</span></div>
              <div class="unit">%5$s</div>
              <div>%6$s</div>
              <div class="meaning">%8$s</div>
              <div class="cohort">%7$s</div>
              <div class="chart small"><canvas id="chart-signal-%1$s" role="img" \
          aria-label="%2$s by week with trendline"></canvas></div>
            </article>
          """
              .formatted(
                  m.column,
                  escape(m.signalName),
                  escape(m.plainName),
                  escape(m.format(value)),
                  escape(valueMeaning),
                  direction,
                  cohort,
                  escape(trendMeaning)));
    }
    return """
        <section class="block" id="signals">
          <h2>Operating signals</h2>
          <p class="lede">Four early signs that support is stretched; lower is better for each. \
        The chip gives the 12-week trend: worsening or improving only when the movement is too \
        regular to be chance (statistically significant, p &lt; 0.05), else stable.</p>
          <div class="signals">
        %s  </div>
        </section>"""
        .formatted(cards);
  }

  private String peers() {
    if (review.benchmarks().isEmpty()) {
      return """
          <section class="block" id="peers">
            <h2>Among peers</h2>
            <div class="note-box" id="no-benchmark">%s</div>
          </section>"""
          .formatted(noBenchmarkLong());
    }
    List<String> cohorts =
        review.benchmarks().stream().map(Benchmark::cohortLabel).distinct().sorted().toList();
    String cohort =
        cohorts.size() == 1
            ? "its cohort: " + cohorts.get(0)
            : "its own cohort where one was published, else all orgs: "
                + String.join(", ", cohorts);
    String rows =
        orderedBenchmarks().stream()
            .map(
                b -> {
                  Measure m = Measure.of(b.metric()).orElseThrow();
                  return """
                        <tr><td>%s</td><td class="num">%s</td><td class="num">%s</td>\
                    <td class="num">%s<span class="sub">%s</span></td></tr>"""
                      .formatted(
                          escape(m.shortName()),
                          escape(m.format(b.value())),
                          escape(m.format(b.cohortP50())),
                          escape(Figures.percentile(b.percentile())),
                          escape(PlainWords.percentile(b.percentile())));
                })
            .collect(Collectors.joining("\n"));
    String notCompared =
        MartTables.BENCHMARK_METRICS.stream()
            .filter(metric -> review.benchmark(metric).isEmpty())
            .flatMap(metric -> Measure.of(metric).stream())
            .map(
                m ->
                    """
                        <tr class="past" id="not-compared-%s"><td>%s</td><td class="num">%s</td>\
                    <td colspan="2">not compared: %s</td></tr>"""
                        .formatted(
                            escape(m.column),
                            escape(m.shortName()),
                            escape(m.format(week.benchmarkValue(m.column))),
                            escape(
                                week.benchmarkValue(m.column) == null
                                    ? NoValue.weekly(m.column, week)
                                    : "no cohort with enough consenting orgs this week")))
            .collect(Collectors.joining("\n"));
    return """
        <section class="block" id="peers">
          <h2>Among peers</h2>
          <p class="lede">Supportability score <strong id="score">%s</strong> of 100: the mean \
        percentile of six supportability measures among consenting orgs of %s. \
        A percentile of 100 is best in the cohort.</p>
          <div class="two">
            <table id="benchmarks">
              <thead><tr><th>Measure, week of %s</th><th class="num">Org</th>\
        <th class="num">Peer median</th><th class="num">Percentile</th></tr></thead>
              <tbody>
        %s
        %s
              </tbody>
            </table>
            <figure><figcaption>Percentile in cohort (100 = best)</figcaption>
              <div class="chart tall"><canvas id="chart-cohort" role="img" \
        aria-label="Percentile in cohort by measure"></canvas></div></figure>
          </div>
        </section>"""
        .formatted(
            escape(Figures.percentile(review.supportabilityScore())),
            escape(cohort),
            review.weekStart(),
            rows,
            notCompared);
  }

  private String cost() {
    String inferenceTrend =
        review
            .trend("inference_cost_usd")
            .map(
                t ->
                    "Inference spend trend over the 12 weeks to "
                        + window.lastWeekStart()
                        + ": "
                        + (t.slopePerWeek() < 0 ? "falling " : "rising ")
                        + Figures.usd(Math.abs(t.slopePerWeek()))
                        + " a week"
                        + " ("
                        + t.direction()
                        + ").")
            .orElse("");
    return """
        <section class="block" id="cost">
          <h2>Cost to support</h2>
          <p class="lede">What it costs to run and support the org's AI each week: inference \
        spend, plus the engineer time spent on incidents at the org's loaded hourly cost.</p>
          <div class="kpis">
        %s
          </div>
          <figure><figcaption>Cost to support per week, USD</figcaption>
            <div class="chart"><canvas id="chart-cost" role="img" \
        aria-label="Weekly cost to support, inference and engineer time"></canvas></div></figure>
          <p class="lede">%s</p>
        </section>"""
        .formatted(
            String.join(
                "\n",
                kpi(
                    "This week",
                    Figures.usd(week.costToSupportUsd()),
                    "",
                    "cost to support",
                    "cost-total"),
                kpi(
                    "Inference",
                    Figures.usd(week.inferenceCostUsd()),
                    "",
                    "model usage this week",
                    "cost-inference"),
                kpi(
                    "Engineer time",
                    Figures.usd(week.incidentCostUsd()),
                    "",
                    Figures.decimals(week.incidentEngineerHours(), 1)
                        + " hours on "
                        + Figures.plural(week.incidents(), "incident", "incidents"),
                    "cost-incidents"),
                kpi(
                    "Last " + review.weeks().size() + " weeks",
                    Figures.usd(review.weeks().stream().mapToDouble(Week::costToSupportUsd).sum()),
                    "",
                    "cost to support in total",
                    "cost-history")),
            escape(inferenceTrend));
  }

  private String modelCost() {
    ModelCostWhatIf m = review.modelCost();
    String body;
    if (m == null) {
      body = "<p class=\"lede\">No complete week yet: the what-if needs one.</p>";
    } else if (m.monthlyLowCriticalityFrontierUsd() == 0) {
      body =
          "<p class=\"lede\" id=\"model-cost-saving\">No saving to find: low-criticality"
              + " deployments used no frontier-tier model in the weeks of "
              + m.from()
              + " to "
              + m.to()
              + ".</p>";
    } else {
      Double share = m.savingShareOfCostToSupport();
      body =
          """
          <p class="lede" id="model-cost-saving">Moving low-criticality deployments' \
          frontier-model usage to the standard tier would save about <strong>%s a \
          month</strong>%s.</p>
          <table id="model-cost-table">
            <tbody>
              <tr><td>Frontier usage of low-criticality deployments today</td>\
          <td class="num">%s a month</td></tr>
              <tr><td>The same usage on the standard tier, at %s of the price</td>\
          <td class="num">%s a month</td></tr>
              <tr><td>Saving</td><td class="num">%s a month</td></tr>
              <tr><td>Cost to support, for comparison</td><td class="num">%s a month</td></tr>
            </tbody>
          </table>
          <p class="note">Low criticality: business criticality 3 or 4. Monthly: the mean \
          of %s (%s to %s) &times; 52 / 12. The price ratio is the setting \
          <code>review.standard-tier-price-ratio</code>; model quality is not weighed here.</p>"""
              .formatted(
                  escape(Figures.usd(m.monthlySavingUsd())),
                  share == null
                      ? ""
                      : escape(", " + Figures.percent(share) + " of the cost to support"),
                  escape(Figures.usd(m.monthlyLowCriticalityFrontierUsd())),
                  escape(Figures.percent(m.priceRatio())),
                  escape(Figures.usd(m.monthlyLowCriticalityFrontierUsd() - m.monthlySavingUsd())),
                  escape(Figures.usd(m.monthlySavingUsd())),
                  escape(Figures.usd(m.monthlyCostToSupportUsd())),
                  Figures.plural(m.weeks(), "complete week", "complete weeks"),
                  m.from(),
                  m.to());
    }
    return """
        <section class="block" id="model-cost">
          <h2>Model-cost what-if</h2>
        %s
        </section>"""
        .formatted(body);
  }

  private String budgets() {
    if (review.budgets().isEmpty()) {
      return """
          <section class="block" id="budgets">
            <h2>Budgets</h2>
            <div class="note-box">No inference budget is on record for this org as of %s.</div>
          </section>"""
          .formatted(review.asOfDate());
    }
    LocalDate asOf = review.asOfDate();
    List<Budget> ordered =
        review.budgets().stream()
            .sorted(
                Comparator.comparing((Budget b) -> !b.currentOn(asOf))
                    .thenComparing(b -> statusRank(b.status()))
                    .thenComparing(Budget::periodStart, Comparator.reverseOrder())
                    .thenComparing(Budget::budgetId))
            .toList();
    String rows =
        ordered.stream()
            .map(
                b -> {
                  boolean current = b.currentOn(asOf);
                  double spentShare =
                      b.amountUsd().signum() == 0
                          ? 1
                          : Math.min(1, b.spentUsd().doubleValue() / b.amountUsd().doubleValue());
                  return """
                        <tr class="%s" id="budget-%s"><td>%s<span class="sub">%s</span></td>\
                    <td>%s to %s<span class="sub">%s elapsed</span></td>\
                    <td class="num">%s%s of %s<div class="burn"><div class="spent" \
                    style="width:%s%%"></div><div class="elapsed" style="left:%s%%"></div>\
                    </div></td><td class="num">%s<span class="sub">%s</span></td><td>%s</td>\
                    <td><span class="chip %s">%s</span></td></tr>"""
                      .formatted(
                          current ? "current" : "past",
                          escape(b.budgetId()),
                          escape(b.budgetId()),
                          escape(
                              b.scope().equals("deployment")
                                  ? "deployment " + b.deploymentId()
                                  : "whole org"),
                          b.periodStart(),
                          b.periodEnd(),
                          Figures.percent(b.elapsedFraction()),
                          b.endedBefore(asOf) ? "final " : "",
                          escape(Figures.usd(b.spentUsd())),
                          escape(Figures.usd(b.amountUsd())),
                          Figures.decimals(100 * spentShare, 1),
                          Figures.decimals(100 * Math.min(1, b.elapsedFraction()), 1),
                          escape(pace(b)),
                          escape(PlainWords.pace(current ? b.burnRatio() : null)),
                          escape(runsOut(b)),
                          escape(budgetChipKind(b)),
                          escape(budgetChip(b)));
                })
            .collect(Collectors.joining("\n"));
    String headline =
        worstCurrentBudget()
            .map(b -> statusWord(b.status()) + ": " + budgetSentence(b))
            .orElse("No budget's period holds " + asOf + ".");
    return """
        <section class="block" id="budgets">
          <h2>Budgets</h2>
          <p class="lede" id="budget-headline">%s</p>
          <table>
            <thead><tr><th>Budget</th><th>Period</th><th class="num">Spent</th>\
        <th class="num">Pace</th><th>Runs out</th><th>Status</th></tr></thead>
            <tbody>
        %s
            </tbody>
          </table>
        </section>"""
        .formatted(escape(headline), rows);
  }

  private String deployments() {
    List<Deployment> all = review.deployments();
    List<Deployment> attention =
        review.deploymentsByAttention().stream()
            .filter(d -> !reasons(d).isEmpty())
            .limit(ATTENTION_ROWS)
            .toList();
    long degraded = all.stream().filter(Deployment::degraded).count();
    long unowned = all.stream().filter(Deployment::unowned).count();
    long belowSilver =
        all.stream().filter(d -> Deployment.READINESS.indexOf(d.readinessLevel()) < 2).count();
    String summary =
        Figures.plural(all.size(), "live deployment", "live deployments")
            + " in the week of "
            + review.weekStart()
            + ": "
            + degraded
            + " degraded, "
            + unowned
            + " without an owner, "
            + belowSilver
            + " below silver readiness.";
    if (attention.isEmpty()) {
      return """
          <section class="block" id="deployments">
            <h2>Deployments that need attention</h2>
            <p class="lede">%s None needs attention this week.</p>
          </section>"""
          .formatted(escape(summary));
    }
    String rows =
        attention.stream()
            .map(
                d ->
                    """
                        <tr id="deployment-%s"><td>%s<span class="sub">%s &middot; %s &middot; \
                    criticality %s</span></td><td>%s</td><td class="reasons">%s</td>\
                    <td class="num">%s<span class="sub">%s business units</span></td>\
                    <td>%s</td><td class="num">%s</td><td class="num">%s</td></tr>"""
                        .formatted(
                            escape(d.deploymentId()),
                            escape(d.displayName()),
                            escape(d.deploymentId()),
                            escape(d.lifecycleStage()),
                            String.valueOf(d.businessCriticality()),
                            escape(owner(d)),
                            String.join("", reasons(d)),
                            Figures.count(d.blastRadius()),
                            Figures.count(d.blastRadiusBusinessUnits()),
                            escape(d.readinessLevel()),
                            Figures.count(d.incidents()),
                            escape(Figures.usd(d.costUsd()))))
            .collect(Collectors.joining("\n"));
    return """
        <section class="block" id="deployments">
          <h2>Deployments that need attention</h2>
          <p class="lede" id="deployment-summary">%s Degraded first, then those without an owner, \
        the widest blast radius and the lowest readiness.</p>
          <table id="attention">
            <thead><tr><th>Deployment</th><th>Owner</th><th>Why</th>\
        <th class="num">Blast radius</th><th>Readiness</th><th class="num">Incidents</th>\
        <th class="num">Cost</th></tr></thead>
            <tbody>
        %s
            </tbody>
          </table>
        </section>"""
        .formatted(escape(summary), rows);
  }

  /** The chips saying why a deployment needs attention; empty when nothing does. */
  private List<String> reasons(Deployment d) {
    List<String> chips = new ArrayList<>();
    if (d.degraded()) {
      List<String> what = new ArrayList<>();
      if (d.latencyDrift() != null && d.latencyDrift() > settings.degradedLatencyDrift()) {
        what.add("latency " + Figures.decimals(d.latencyDrift(), 1) + "\u00d7 usual");
      }
      if (d.errorRateDrift() != null && d.errorRateDrift() > settings.degradedErrorRateDrift()) {
        what.add("errors " + Figures.decimals(d.errorRateDrift(), 1) + "\u00d7 usual");
      }
      chips.add(chip("bad", what.isEmpty() ? "Degraded" : "Degraded: " + String.join(", ", what)));
    }
    if (d.ownerTeamId() == null) {
      chips.add(chip("bad", "No owner"));
    } else if (!d.ownerTeamExists()) {
      chips.add(chip("bad", "Owner team no longer exists"));
    }
    if (d.sev12Incidents() > 0) {
      chips.add(
          chip("bad", Figures.plural(d.sev12Incidents(), "sev 1-2 incident", "sev 1-2 incidents")));
    }
    if (d.blastRadius() > 0) {
      chips.add(
          chip(
              "warn",
              Figures.plural(d.blastRadius(), "deployment depends", "deployments depend")
                  + " on it"));
    }
    if (Deployment.READINESS.indexOf(d.readinessLevel()) < 2) {
      chips.add(chip("warn", "Readiness " + d.readinessLevel()));
    }
    return chips;
  }

  private static String chip(String kind, String text) {
    return "<span class=\"chip " + kind + "\">" + escape(text) + "</span>";
  }

  private static String owner(Deployment d) {
    if (d.ownerTeamId() == null) {
      return "nobody";
    }
    return d.ownerTeamName() == null ? d.ownerTeamId() : d.ownerTeamName();
  }

  private String definitions() {
    Map<String, String> terms = new LinkedHashMap<>();
    terms.put("Ambition points", describe(MartTables.ORG_WEEKLY, "ambition_points"));
    terms.put("Capacity points", describe(MartTables.ORG_WEEKLY, "capacity_points"));
    terms.put("Supportability ratio", describe(MartTables.ORG_WEEKLY, "supportability_ratio"));
    terms.put("Boundary status", describe(MartTables.ORG_WEEKLY, "boundary_status"));
    for (Measure m : Measure.SIGNALS) {
      terms.put(m.signalName + " (" + m.column + ")", describe(MartTables.ORG_WEEKLY, m.column));
    }
    terms.put(
        "Trend and direction",
        describe(MartTables.ORG_TREND, "slope_per_week")
            + " "
            + describe(MartTables.ORG_TREND, "direction")
            + " Fitted over "
            + MartTables.ORG_TREND.description().replaceFirst("^[^:]*: ", ""));
    terms.put(
        "Reaches the boundary around",
        describe(MartTables.ORG_TREND, "weeks_to_boundary")
            + " The date: "
            + describe(MartTables.ORG_TREND, "boundary_eta"));
    terms.put("Percentile", describe(MartTables.ORG_BENCHMARK_WEEKLY, "percentile"));
    terms.put("Supportability score (0-100)", describe(MartTables.ORG_BENCHMARK_WEEKLY, "value"));
    terms.put("Cohort", describe(MartTables.ORG_BENCHMARK_WEEKLY, "cohort_industry"));
    terms.put("Cost to support", describe(MartTables.ORG_WEEKLY, "cost_to_support_usd"));
    terms.put("Budget pace", describe(MartTables.BUDGET_STATUS, "burn_ratio"));
    terms.put("Runs out", describe(MartTables.BUDGET_STATUS, "projected_exhaustion_date"));
    terms.put("Budget status", describe(MartTables.BUDGET_STATUS, "status"));
    terms.put("Degraded", describe(MartTables.DEPLOYMENT_WEEKLY, "degraded"));
    terms.put("Blast radius", describe(MartTables.DEPLOYMENT_WEEKLY, "blast_radius"));
    terms.put("Readiness", describe(MartTables.DEPLOYMENT_WEEKLY, "readiness_level"));
    String items =
        terms.entrySet().stream()
            .map(e -> "  <dt>" + escape(e.getKey()) + "</dt><dd>" + escape(e.getValue()) + "</dd>")
            .collect(Collectors.joining("\n"));
    return """
        <section class="definitions" id="definitions">
          <h2>Definitions</h2>
          <dl>
        %s
          </dl>
        </section>"""
        .formatted(items);
  }

  private static String describe(TableContract table, String column) {
    return table
        .column(column)
        .orElseThrow(() -> new IllegalStateException(table.qualifiedName() + " has no " + column))
        .description();
  }

  private String footer() {
    return """
        <footer>Stratify operating review of %s, marts as of %s (run date); weekly figures are \
        ISO weeks in UTC, Monday to Sunday.%s <span id="settings-footnote">%s</span> Sources: \
        marts.org_weekly, marts.org_trend, \
        marts.org_benchmark_weekly, marts.budget_status, marts.deployment_weekly. Charts drawn \
        with Chart.js %s.</footer>"""
        .formatted(
            escape(review.org().orgId()),
            review.asOfDate(),
            review.weekComplete()
                ? ""
                : " The week of "
                    + review.weekStart()
                    + " was still in progress on the run date: its figures are partial.",
            escape(
                review.settings().footnote()
                    + " Model-cost what-if: review.standard-tier-price-ratio = "
                    + Figures.setting(review.settings().standardTierPriceRatio())
                    + " (current configuration)."),
            escape(ChartJs.version()));
  }

  private Map<String, Object> chartData() {
    List<Week> weeks = review.weeks();
    List<LocalDate> weekStarts = weeks.stream().map(Week::weekStart).toList();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("weeks", weekStarts.stream().map(LocalDate::toString).toList());
    data.put(
        "capacity",
        Map.of(
            "ambition", series(weeks, w -> (double) w.ambitionPoints()),
            "capacity", series(weeks, Week::capacityPoints)));

    Optional<Trend> ratioTrend = review.trend("supportability_ratio");
    List<LocalDate> ratioWeeks = new ArrayList<>(weekStarts);
    LocalDate horizon =
        ratioTrend
            .map(Trend::boundaryEta)
            .filter(eta -> eta.isAfter(review.weekStart()))
            .map(eta -> min(eta, review.weekStart().plusWeeks(PROJECTION_WEEKS)))
            .orElse(review.weekStart());
    for (LocalDate w = review.weekStart().plusWeeks(1); !w.isAfter(horizon); w = w.plusWeeks(1)) {
      ratioWeeks.add(w);
    }
    List<Double> ratioValues = new ArrayList<>(series(weeks, Week::supportabilityRatio));
    while (ratioValues.size() < ratioWeeks.size()) {
      ratioValues.add(null);
    }
    Map<String, Object> ratio = new LinkedHashMap<>();
    ratio.put("weeks", ratioWeeks.stream().map(LocalDate::toString).toList());
    ratio.put("values", ratioValues);
    ratio.put("trend", trendline(ratioTrend, ratioWeeks, Measure.SUPPORTABILITY_RATIO, false));
    ratio.put("projection", trendline(ratioTrend, ratioWeeks, Measure.SUPPORTABILITY_RATIO, true));
    ratio.put("exceeded", settings.exceededRatio());
    ratio.put("approaching", settings.approachingRatio());
    data.put("ratio", ratio);

    List<Map<String, Object>> signals = new ArrayList<>();
    for (Measure m : Measure.SIGNALS) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("metric", m.column);
      s.put("label", m.signalName);
      s.put("percent", m.unit == Measure.Unit.SHARE);
      s.put("values", weeks.stream().map(w -> m.chartValue(w.signal(m.column))).toList());
      s.put("trend", trendline(review.trend(m.column), weekStarts, m, false));
      signals.add(s);
    }
    data.put("signals", signals);
    data.put(
        "cost",
        Map.of(
            "inference", series(weeks, w -> w.inferenceCostUsd().doubleValue()),
            "incidents", series(weeks, Week::incidentCostUsd)));
    data.put(
        "cohort",
        orderedBenchmarks().stream()
            .filter(b -> b.percentile() != null)
            .map(
                b ->
                    Map.<String, Object>of(
                        "label",
                        Measure.of(b.metric()).orElseThrow().shortName(),
                        "percentile",
                        b.percentile()))
            .toList());
    return data;
  }

  /**
   * The trendline at each week: over the trend window, or (projection) from the window's last week
   * on; null elsewhere.
   */
  private List<Double> trendline(
      Optional<Trend> trend, List<LocalDate> weeks, Measure measure, boolean projection) {
    List<Double> line = new ArrayList<>();
    for (LocalDate w : weeks) {
      boolean drawn =
          projection
              ? !w.isBefore(window.lastWeekStart())
              : !w.isBefore(window.firstWeekStart()) && !w.isAfter(window.lastWeekStart());
      double x = ChronoUnit.WEEKS.between(window.firstWeekStart(), w);
      line.add(trend.isPresent() && drawn ? measure.chartValue(trend.get().fittedAt(x)) : null);
    }
    return line;
  }

  private static List<Double> series(List<Week> weeks, Function<Week, Double> value) {
    List<Double> values = new ArrayList<>(weeks.size());
    for (Week w : weeks) {
      Double v = value.apply(w);
      values.add(v == null || !Double.isFinite(v) ? null : Math.round(v * 10_000) / 10_000.0);
    }
    return values;
  }

  private List<Benchmark> orderedBenchmarks() {
    return review.benchmarks().stream()
        .filter(b -> Measure.of(b.metric()).isPresent())
        .sorted(Comparator.comparing(b -> Measure.of(b.metric()).orElseThrow().ordinal()))
        .toList();
  }

  private Optional<Budget> worstCurrentBudget() {
    return review.budgets().stream()
        .filter(b -> b.currentOn(review.asOfDate()))
        .min(
            Comparator.comparing((Budget b) -> statusRank(b.status()))
                .thenComparing(
                    b ->
                        b.projectedExhaustionDate() == null
                            ? LocalDate.MAX
                            : b.projectedExhaustionDate())
                .thenComparing(Budget::budgetId));
  }

  private static int statusRank(String status) {
    return switch (status) {
      case "exhausted" -> 0;
      case "at_risk" -> 1;
      default -> 2;
    };
  }

  private String budgetNote(Budget b) {
    return switch (b.status()) {
      case "exhausted" -> b.budgetId() + " is spent";
      case "at_risk" -> b.budgetId() + " runs out around " + b.projectedExhaustionDate();
      default -> {
        long current =
            review.budgets().stream().filter(x -> x.currentOn(review.asOfDate())).count();
        yield Figures.plural(current, "current budget", "current budgets") + " on track";
      }
    };
  }

  /** The pace column: budget_status's burn_ratio while the period runs. */
  private String pace(Budget b) {
    if (b.endedBefore(review.asOfDate())) {
      return "period over";
    }
    if (b.startsAfter(review.asOfDate())) {
      return "not started";
    }
    return b.burnRatio() == null ? Figures.NONE : Figures.ratio(b.burnRatio()) + "\u00d7";
  }

  /**
   * The runs-out column: budget_status's projection only while the period runs; an ended budget's
   * projection would be a date after its period, which means nothing.
   */
  private String runsOut(Budget b) {
    LocalDate asOf = review.asOfDate();
    if (b.endedBefore(asOf)) {
      return "ended " + b.periodEnd();
    }
    if (b.startsAfter(asOf)) {
      return "starts " + b.periodStart();
    }
    if ("exhausted".equals(b.status())) {
      return "spent";
    }
    return b.projectedExhaustionDate() == null
        ? "not at current spend (none in 28 days)"
        : b.projectedExhaustionDate().toString();
  }

  /** The status chip: an ended budget's final spend against its amount, else the mart's status. */
  private String budgetChip(Budget b) {
    if (b.endedBefore(review.asOfDate())) {
      return b.overspent()
          ? "Ended over budget by " + Figures.usd(b.spentUsd().subtract(b.amountUsd()))
          : b.amountUsd().signum() == 0
              ? "Ended within budget"
              : "Ended within budget ("
                  + Figures.percent(b.spentUsd().doubleValue() / b.amountUsd().doubleValue())
                  + " used)";
    }
    return b.startsAfter(review.asOfDate()) ? "Not started" : statusWord(b.status());
  }

  private String budgetChipKind(Budget b) {
    if (b.endedBefore(review.asOfDate())) {
      return b.overspent() ? "bad" : "good";
    }
    return b.startsAfter(review.asOfDate()) ? "" : b.status();
  }

  private static String budgetSentence(Budget b) {
    String spent = Figures.usd(b.spentUsd()) + " of " + Figures.usd(b.amountUsd()) + " spent";
    return switch (b.status()) {
      case "exhausted" ->
          b.budgetId()
              + " is spent ("
              + spent
              + ") before its period ends on "
              + b.periodEnd()
              + ".";
      case "at_risk" ->
          b.budgetId()
              + " is projected to run out on "
              + b.projectedExhaustionDate()
              + ", before its period ends on "
              + b.periodEnd()
              + " ("
              + spent
              + ").";
      default ->
          b.budgetId()
              + " is on track ("
              + spent
              + ", "
              + Figures.percent(b.elapsedFraction())
              + " of the period gone).";
    };
  }

  private String noScoreReason() {
    long percentiles =
        SupportabilityScore.METRICS.stream()
            .filter(m -> review.benchmark(m).map(Benchmark::percentile).isPresent())
            .count();
    return NoValue.score(
        review.org().benchmarkConsent(), !review.benchmarks().isEmpty(), percentiles);
  }

  private String noBenchmarkShort() {
    return Boolean.FALSE.equals(review.org().benchmarkConsent())
        ? "not benchmarked: no consent"
        : "no published cohort this week";
  }

  private String noBenchmarkLong() {
    String name = escape(review.org().displayName());
    if (Boolean.FALSE.equals(review.org().benchmarkConsent())) {
      return "<strong>No benchmark: "
          + name
          + " does not take part in benchmarking.</strong> Its benchmark consent is off, so it"
          + " neither contributes to nor receives cohort comparisons. Its own figures and trends"
          + " on this page are unaffected.";
    }
    return "<strong>No benchmark this week.</strong> No cohort with enough consenting orgs"
        + " (at least 5) was published for "
        + name
        + " in the week of "
        + review.weekStart()
        + ".";
  }

  private static String statusWord(String status) {
    return STATUS_WORDS.getOrDefault(status, status);
  }

  private static String capitalised(String word) {
    return word.isEmpty()
        ? word
        : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }

  private static String capacity(Week w) {
    return Figures.decimals(w.capacityPoints(), w.capacityPoints() % 1 == 0 ? 0 : 1);
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
