package io.stratify.jobs.review;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The org_weekly metrics the review names, in plain words, with how to write their values. */
enum Measure {
  UNOWNED_INCIDENT_RATE(
      "unowned_incident_rate",
      "Escalation continuity",
      "Incidents with an ownership gap",
      "of the week's incidents had no clear owner",
      Unit.SHARE),
  COORDINATION_LOAD_PER_ONCALL(
      "coordination_load_per_oncall",
      "Coordination strain",
      "Extra teams pulled into incidents, per on-call engineer",
      "extra team hand-offs per on-call engineer",
      Unit.NUMBER),
  AVG_TEAMS_PER_INCIDENT(
      "avg_teams_per_incident",
      "Accountability fragmentation",
      "Teams involved per incident",
      "teams involved per incident, on average",
      Unit.NUMBER),
  INCIDENT_LOAD_GINI(
      "incident_load_gini",
      "Supportability concentration",
      "How unevenly incidents fall on owning teams",
      "Gini over owning teams: 0 even, 1 all on one team",
      Unit.NUMBER),
  SUPPORTABILITY_RATIO(
      "supportability_ratio", null, "Supportability ratio", "ambition / capacity", Unit.NUMBER),
  DEPLOYMENTS_PER_ONCALL(
      "deployments_per_oncall", null, "Deployments per on-call engineer", "", Unit.NUMBER),
  CROSS_TEAM_INCIDENT_SHARE(
      "cross_team_incident_share", null, "Incidents needing 2+ teams", "", Unit.SHARE),
  MTTA_P50_MIN("mtta_p50_min", null, "Time to acknowledge (median)", "", Unit.MINUTES),
  MTTR_P50_MIN("mttr_p50_min", null, "Time to resolve (median)", "", Unit.MINUTES),
  SLEEP_INTERRUPTIONS_PER_ONCALL(
      "sleep_interruptions_per_oncall", null, "Night pages per on-call engineer", "", Unit.NUMBER),
  COST_PER_1K_REQUESTS("cost_per_1k_requests", null, "Cost per 1,000 requests", "", Unit.USD),
  CHANGE_FAILURE_RATE("change_failure_rate", null, "Change failure rate", "", Unit.SHARE);

  enum Unit {
    SHARE,
    NUMBER,
    MINUTES,
    USD
  }

  /** The four operating signals, in the order the page shows them. */
  static final List<Measure> SIGNALS =
      List.of(
          UNOWNED_INCIDENT_RATE,
          COORDINATION_LOAD_PER_ONCALL,
          AVG_TEAMS_PER_INCIDENT,
          INCIDENT_LOAD_GINI);

  final String column;
  final String signalName;
  final String plainName;
  final String unitText;
  final Unit unit;

  Measure(String column, String signalName, String plainName, String unitText, Unit unit) {
    this.column = column;
    this.signalName = signalName;
    this.plainName = plainName;
    this.unitText = unitText;
    this.unit = unit;
  }

  /** The signal's name where it is one, else the plain name: for chart labels. */
  String shortName() {
    return signalName == null ? plainName : signalName;
  }

  static Optional<Measure> of(String column) {
    return Arrays.stream(values()).filter(m -> m.column.equals(column)).findFirst();
  }

  /** A value in its unit: {@code 25%}, {@code 1.25}, {@code 42 min}, {@code $0.52}. */
  String format(Double value) {
    if (value == null) {
      return Figures.NONE;
    }
    return switch (unit) {
      case SHARE -> Figures.percent(value);
      case NUMBER -> Figures.ratio(value);
      case MINUTES -> Figures.decimals(value, 0) + " min";
      case USD -> Figures.usd(value);
    };
  }

  /** A weekly slope in the value's unit: {@code +1.2 pts/week}, {@code -0.03/week}. */
  String formatSlope(double slope) {
    String sign = slope > 0 ? "+" : slope < 0 ? "\u2212" : "";
    double magnitude = Math.abs(slope);
    return switch (unit) {
      case SHARE -> sign + String.format(Locale.ROOT, "%.1f", 100 * magnitude) + " pts/week";
      case MINUTES -> sign + String.format(Locale.ROOT, "%.1f", magnitude) + " min/week";
      case USD -> sign + Figures.usd(magnitude) + "/week";
      case NUMBER -> sign + String.format(Locale.ROOT, "%.3f", magnitude) + "/week";
    };
  }

  /** Chart values are drawn in the unit shown: shares as percentages. */
  Double chartValue(Double value) {
    if (value == null || !Double.isFinite(value)) {
      return null;
    }
    double v = unit == Unit.SHARE ? 100 * value : value;
    return Math.round(v * 10_000) / 10_000.0;
  }
}
