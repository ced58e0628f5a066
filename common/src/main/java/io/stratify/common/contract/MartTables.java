package io.stratify.common.contract;

import static io.stratify.common.contract.Column.optional;
import static io.stratify.common.contract.Column.required;
import static io.stratify.common.contract.ColumnType.BOOLEAN;
import static io.stratify.common.contract.ColumnType.DATE;
import static io.stratify.common.contract.ColumnType.DECIMAL_18_2;
import static io.stratify.common.contract.ColumnType.DECIMAL_38_6;
import static io.stratify.common.contract.ColumnType.DOUBLE;
import static io.stratify.common.contract.ColumnType.INT;
import static io.stratify.common.contract.ColumnType.LONG;
import static io.stratify.common.contract.ColumnType.STRING;

import java.util.List;

/**
 * The contracts of the supportability marts (METRICS.md): one definition per column, the same text
 * in the code, the table comments and docs/metrics.md. Weeks are ISO weeks in UTC; "as of week end"
 * is the SCD2 version valid on the week's Sunday.
 */
public final class MartTables {

  private MartTables() {}

  public static final TableContract ORG_WEEKLY =
      new TableContract(
          Layer.MARTS,
          "org_weekly",
          "Supportability of each org, week by week: capacity and ambition, incident response,"
              + " the four operating signals, inference cost and change metrics.",
          "one row per org per ISO week, from the org's first activity to the run date's week",
          List.of("org_id", "week_start"),
          List.of(
              required("org_id", STRING, "Organisation."),
              required("week_start", DATE, "Monday of the ISO week (UTC)."),
              required(
                  "production_deployments",
                  INT,
                  "Deployments in lifecycle_stage production as of week end."),
              required("pilot_deployments", INT, "Deployments in pilot as of week end."),
              required("oncall_engineers", INT, "People with on_call = true as of week end."),
              optional(
                  "deployments_per_oncall",
                  DOUBLE,
                  "production_deployments / oncall_engineers; null without on-call engineers."),
              required(
                  "ambition_points",
                  INT,
                  "Sum of criticality weights (criticality 1 -> 4, 2 -> 3, 3 -> 2, 4 -> 1) over"
                      + " production deployments."),
              required(
                  "capacity_points",
                  DOUBLE,
                  "oncall_engineers x metrics.points-per-oncall-engineer (6)."),
              optional(
                  "supportability_ratio",
                  DOUBLE,
                  "ambition_points / capacity_points; null when capacity is 0."),
              required(
                  "boundary_status",
                  STRING,
                  "exceeded if ratio > 1.0, or capacity 0 with ambition > 0; approaching if 0.8 <="
                      + " ratio <= 1.0; else within (thresholds configurable)."),
              required("incidents", INT, "Incidents opened in the week."),
              required("sev12_incidents", INT, "Incidents opened in the week with severity <= 2."),
              optional(
                  "mtta_p50_min",
                  DOUBLE,
                  "Median of acknowledged_at - opened_at, minutes, over the week's acknowledged"
                      + " incidents."),
              optional(
                  "mttr_p50_min",
                  DOUBLE,
                  "Median of resolved_at - opened_at, minutes, over the week's resolved incidents."),
              optional(
                  "mttr_p90_min",
                  DOUBLE,
                  "90th percentile of resolved_at - opened_at, minutes, over the week's resolved"
                      + " incidents."),
              required(
                  "business_hours_incidents",
                  INT,
                  "The week's incidents opened Mon-Fri [08:00, 18:00) in the org's time zone."),
              required(
                  "off_hours_incidents",
                  INT,
                  "The week's incidents opened outside business and sleep hours (local time)."),
              required(
                  "sleep_hours_incidents",
                  INT,
                  "The week's incidents opened in [22:00, 08:00) local time, any day."),
              optional("pages_per_oncall", DOUBLE, "incidents / oncall_engineers."),
              optional(
                  "sleep_interruptions_per_oncall",
                  DOUBLE,
                  "sleep_hours_incidents / oncall_engineers."),
              optional(
                  "unowned_incident_rate",
                  DOUBLE,
                  "Escalation continuity: share of the week's incidents with an ownership gap (no"
                      + " known deployment, no existing owner team, or no team assigned within 30"
                      + " minutes of opening)."),
              optional(
                  "reassignments_per_incident",
                  DOUBLE,
                  "Mean count of reassigned events per incident of the week."),
              optional(
                  "escalations_per_incident",
                  DOUBLE,
                  "Mean count of escalated events per incident of the week."),
              optional(
                  "avg_teams_per_incident",
                  DOUBLE,
                  "Accountability fragmentation: mean team touches (distinct teams in assigned,"
                      + " escalated, reassigned, responder_added events) per incident."),
              optional(
                  "cross_team_incident_share",
                  DOUBLE,
                  "Share of the week's incidents with >= 2 team touches."),
              optional(
                  "coordination_load_per_oncall",
                  DOUBLE,
                  "Coordination strain: sum over the week's incidents of max(team touches - 1, 0),"
                      + " / oncall_engineers."),
              optional(
                  "unowned_deployment_share",
                  DOUBLE,
                  "Share of production deployments whose owner is null or not a team as of week"
                      + " end."),
              required(
                  "thinly_staffed_deployments",
                  INT,
                  "Production deployments owned by an existing team with fewer than 2 on-call"
                      + " members."),
              optional(
                  "incident_load_gini",
                  DOUBLE,
                  "Supportability concentration: Gini coefficient, over teams that own a production"
                      + " deployment as of week end, of the incidents of this week and the 3 before"
                      + " on deployments they own; null with < 2 teams or no incidents."),
              optional(
                  "top_team_incident_share",
                  DOUBLE,
                  "max / sum of the same per-team incident counts; null if their sum is 0."),
              optional(
                  "provider_hhi",
                  DOUBLE,
                  "Herfindahl index of model providers over production deployments (null provider"
                      + " = 'unknown')."),
              optional(
                  "max_provider_blast_radius",
                  INT,
                  "Max over providers of the production deployments that use it or reach, through"
                      + " depends_on, a deployment that uses it; null if no deployment has a"
                      + " provider."),
              required("inference_cost_usd", DECIMAL_38_6, "Sum of the week's usage cost, USD."),
              required("requests", LONG, "Sum of the week's requests."),
              required("tokens", LONG, "Sum of the week's input + output tokens."),
              optional(
                  "cost_per_1k_requests", DOUBLE, "1000 x inference_cost_usd / requests, USD."),
              optional(
                  "frontier_cost_share",
                  DOUBLE,
                  "Cost of model_tier frontier usage / inference_cost_usd."),
              required(
                  "low_criticality_frontier_cost_usd",
                  DECIMAL_38_6,
                  "Cost of frontier-tier usage of deployments with business_criticality >= 3 as"
                      + " of week end, USD."),
              required(
                  "incident_engineer_hours",
                  DOUBLE,
                  "Over the week's incidents and each person in their events: min(8, hours from"
                      + " the person's first event to resolution), floored at 0; 8 if unresolved."),
              required(
                  "cost_to_support_usd",
                  DOUBLE,
                  "inference_cost_usd + incident_engineer_hours x loaded_hourly_cost_usd as of"
                      + " week end (100 when unknown), USD."),
              required("changes_deployed", INT, "Changes deployed in the week."),
              required(
                  "deployment_days",
                  INT,
                  "Distinct UTC dates in the week with a successful change."),
              optional(
                  "change_failure_rate",
                  DOUBLE,
                  "Share of the week's changes that failed or rolled back or caused an incident."),
              optional(
                  "lead_time_p50_hours",
                  DOUBLE,
                  "Median of deployed_at - first_commit_at, hours, over the week's changes where"
                      + " it is > 0."),
              optional(
                  "recovery_time_p50_hours",
                  DOUBLE,
                  "Median over the week's failed changes of the time to recovery, hours: last"
                      + " resolution of its incidents, or else the next successful change of the"
                      + " deployment, minus deployed_at."),
              required("week_complete", BOOLEAN, "false for the run date's own week.")),
          List.of(),
          List.of(
              new Check(
                  "boundary_status_known",
                  "boundary_status IN ('within', 'approaching', 'exceeded')"),
              new Check(
                  "bands_add_up",
                  "business_hours_incidents + off_hours_incidents + sleep_hours_incidents ="
                      + " incidents"),
              new Check("sev12_within_incidents", "sev12_incidents <= incidents")));

  public static final TableContract DEPLOYMENT_WEEKLY =
      new TableContract(
          Layer.MARTS,
          "deployment_weekly",
          "Health, cost and readiness of each AI deployment, week by week.",
          "one row per deployment per week in which it exists as of week end in pilot or"
              + " production",
          List.of("org_id", "deployment_id", "week_start"),
          List.of(
              required("org_id", STRING, "Organisation."),
              required("deployment_id", STRING, "Deployment."),
              required("week_start", DATE, "Monday of the ISO week (UTC)."),
              required("lifecycle_stage", STRING, "As of week end: pilot or production."),
              optional("owner_team_id", STRING, "As of week end."),
              required("business_criticality", INT, "As of week end, 1 (most critical) .. 4."),
              optional("model_provider", STRING, "As of week end."),
              optional("model_tier", STRING, "As of week end."),
              required("incidents", INT, "This deployment's incidents opened in the week."),
              required("sev12_incidents", INT, "Of those, severity <= 2."),
              optional("mttr_p50_min", DOUBLE, "Median time to resolve them, minutes."),
              required("requests", LONG, "Sum of the week's usage requests."),
              required("cost_usd", DECIMAL_38_6, "Sum of the week's usage cost, USD."),
              optional("cost_per_1k_requests", DOUBLE, "1000 x cost_usd / requests."),
              optional("error_rate", DOUBLE, "errors / requests over the week."),
              optional(
                  "latency_p95_ms",
                  DOUBLE,
                  "Request-weighted mean of daily latency_p95_ms over usage rows with a latency."),
              optional(
                  "latency_drift",
                  DOUBLE,
                  "latency_p95_ms / median of its non-null values in this deployment's rows of"
                      + " the previous 8 weeks; null with fewer than 4 values or a zero median."),
              optional(
                  "error_rate_drift",
                  DOUBLE,
                  "error_rate / median of its non-null values in this deployment's rows of the"
                      + " previous 8 weeks; null with fewer than 4 values or a zero median."),
              required(
                  "degraded",
                  BOOLEAN,
                  "latency_drift > 1.5 or error_rate_drift > 2.0 (configurable); false when both"
                      + " are null."),
              required(
                  "blast_radius",
                  INT,
                  "Distinct other deployments that depend on it, directly or transitively."),
              required(
                  "blast_radius_business_units",
                  INT,
                  "Its dependent_business_units + those of every deployment in its blast radius."),
              required(
                  "readiness_level",
                  STRING,
                  "gold, silver, bronze or none: bronze = owned by an existing team and monitored;"
                      + " silver = bronze + runbook + human fallback; gold = silver + owner team"
                      + " with >= 2 on-call + no sev <= 2 incident this week or the 3 before."),
              required("week_complete", BOOLEAN, "false for the run date's own week.")),
          List.of(),
          List.of(
              new Check("stage_live", "lifecycle_stage IN ('pilot', 'production')"),
              new Check(
                  "readiness_known", "readiness_level IN ('gold', 'silver', 'bronze', 'none')")));

  public static final TableContract BUDGET_STATUS =
      new TableContract(
          Layer.MARTS,
          "budget_status",
          "Burn of every inference budget valid on the run date, and when it will run out."
              + " Each run date replaces its own rows and keeps the others.",
          "one row per budget version valid on the run date, per run date",
          List.of("as_of_date", "org_id", "budget_id"),
          List.of(
              required("as_of_date", DATE, "The run date."),
              required("org_id", STRING, "Organisation."),
              required("budget_id", STRING, "Budget."),
              required("scope", STRING, "org or deployment."),
              optional("deployment_id", STRING, "The deployment, for deployment scope."),
              required("period_start", DATE, "First day of the period."),
              required("period_end", DATE, "Last day of the period (inclusive)."),
              required("amount_usd", DECIMAL_18_2, "Budget amount, USD."),
              required(
                  "spent_usd",
                  DECIMAL_38_6,
                  "Usage cost in scope with usage_date in [period_start, min(as_of_date,"
                      + " period_end)], USD."),
              required(
                  "elapsed_fraction",
                  DOUBLE,
                  "clamp(as_of_date - period_start + 1, 0, period_days) / period_days."),
              optional(
                  "burn_ratio",
                  DOUBLE,
                  "(spent_usd / amount_usd) / elapsed_fraction; null when elapsed_fraction is 0."),
              required(
                  "avg_daily_spend_28d",
                  DOUBLE,
                  "Cost in scope over the 28 days ending on as_of_date, / 28, USD."),
              optional(
                  "projected_exhaustion_date",
                  DATE,
                  "as_of_date if already spent; else as_of_date + ceil((amount - spent) /"
                      + " avg_daily_spend_28d) days; null if that average is 0."),
              required(
                  "status",
                  STRING,
                  "exhausted if spent >= amount; at_risk if projected exhaustion <= period_end;"
                      + " else on_track.")),
          List.of(),
          List.of(new Check("status_known", "status IN ('exhausted', 'at_risk', 'on_track')")));

  public static final TableContract INCIDENT_ATTRIBUTION =
      new TableContract(
          Layer.MARTS,
          "incident_attribution",
          "Which change, if any, each incident is attributed to: the attribution behind"
              + " change_failure_rate and recovery_time_p50_hours, row by row. Latest knowledge,"
              + " replaced whole like the weekly marts.",
          "one row per incident of an org of orgs opened up to the end of the run date (UTC)",
          List.of("org_id", "incident_id"),
          List.of(
              required("org_id", STRING, "Organisation."),
              required("incident_id", STRING, "The incident."),
              required("week_start", DATE, "Monday of the ISO week (UTC) of opened_at."),
              optional("deployment_id", STRING, "The incident's deployment_id."),
              required("severity", INT, "The incident's severity, 1 (worst) .. 4."),
              optional(
                  "change_id",
                  STRING,
                  "The change it is attributed to: the incident's own change_id when it matches a"
                      + " change (one that matches none attributes it to nothing); otherwise the"
                      + " latest success change of the same deployment with deployed_at <="
                      + " opened_at (ties: the greatest change_id) if opened_at - deployed_at <= 7"
                      + " days (metrics.attribution-window-days; unbounded allowed). Null when"
                      + " none."),
              optional(
                  "attributed_by",
                  STRING,
                  "explicit when the incident's own change_id matches a change; window when the"
                      + " latest-success rule found it; null when not attributed."),
              optional("change_deployment_id", STRING, "The attributed change's deployment_id."),
              optional(
                  "hours_after_change",
                  DOUBLE,
                  "opened_at - the attributed change's deployed_at, hours (may be negative for an"
                      + " explicit attribution); null when not attributed.")),
          List.of(),
          List.of(
              new Check(
                  "attributed_by_known",
                  "attributed_by IS NULL OR attributed_by IN ('explicit', 'window')"),
              new Check(
                  "attribution_whole",
                  "(change_id IS NULL) = (attributed_by IS NULL)"
                      + " AND (change_id IS NULL) = (change_deployment_id IS NULL)"
                      + " AND (change_id IS NULL) = (hours_after_change IS NULL)"),
              new Check(
                  "window_after_change",
                  "attributed_by IS DISTINCT FROM 'window' OR hours_after_change >= 0")));

  /** The metrics benchmarked across orgs; all lower-is-better. */
  public static final List<String> BENCHMARK_METRICS =
      List.of(
          "deployments_per_oncall",
          "supportability_ratio",
          "unowned_incident_rate",
          "avg_teams_per_incident",
          "cross_team_incident_share",
          "coordination_load_per_oncall",
          "incident_load_gini",
          "mtta_p50_min",
          "mttr_p50_min",
          "sleep_interruptions_per_oncall",
          "cost_per_1k_requests",
          "change_failure_rate");

  /** The metrics trended per org: the benchmark metrics and three volumes. */
  public static final List<String> TREND_METRICS =
      java.util.stream.Stream.concat(
              BENCHMARK_METRICS.stream(),
              java.util.stream.Stream.of("incidents", "sev12_incidents", "inference_cost_usd"))
          .toList();

  /** The operating signals whose lead over severe incidents is measured. */
  public static final List<String> LEAD_SIGNALS =
      List.of(
          "unowned_incident_rate",
          "avg_teams_per_incident",
          "coordination_load_per_oncall",
          "incident_load_gini",
          "supportability_ratio",
          "deployments_per_oncall");

  public static final List<Integer> LEAD_LAGS_WEEKS = List.of(0, 1, 2, 4, 8);

  public static final TableContract BENCHMARK_COHORT_WEEKLY =
      new TableContract(
          Layer.MARTS,
          "benchmark_cohort_weekly",
          "Where the peers stand: percentiles of each benchmark metric over the consenting orgs"
              + " of a cohort, published only for cohorts of at least k orgs (5 or more).",
          "one row per cohort (industry, size_band; or *, * for all orgs) per week per metric"
              + " with at least k participants",
          List.of("industry", "size_band", "week_start", "metric"),
          List.of(
              required("industry", STRING, "Cohort industry as of week end, or * for all orgs."),
              required("size_band", STRING, "Cohort size band as of week end, or * for all orgs."),
              required("week_start", DATE, "Monday of the ISO week (UTC)."),
              required("metric", STRING, "An org_weekly metric; all are lower-is-better."),
              required(
                  "n_orgs",
                  INT,
                  "Participants: consenting orgs of the cohort with a value that week (>= k)."),
              required("p25", DOUBLE, "25th percentile of the participants' values."),
              required("p50", DOUBLE, "Median of the participants' values."),
              required("p75", DOUBLE, "75th percentile of the participants' values."),
              required("p90", DOUBLE, "90th percentile of the participants' values.")),
          List.of(),
          List.of(new Check("published_cohorts_only", "n_orgs >= 5")));

  public static final TableContract ORG_BENCHMARK_WEEKLY =
      new TableContract(
          Layer.MARTS,
          "org_benchmark_weekly",
          "Where each consenting org stands in its cohort, metric by metric, and its"
              + " supportability score. Non-consenting orgs receive nothing.",
          "one row per consenting org per week per metric with a published cohort, plus one"
              + " supportability_score row per consenting org per week",
          List.of("org_id", "week_start", "metric"),
          List.of(
              required("org_id", STRING, "Organisation."),
              required("week_start", DATE, "Monday of the ISO week (UTC)."),
              required("metric", STRING, "A benchmark metric, or supportability_score."),
              optional(
                  "value",
                  DOUBLE,
                  "The org's value; for supportability_score the mean of the percentiles of"
                      + " unowned_incident_rate, avg_teams_per_incident,"
                      + " coordination_load_per_oncall, incident_load_gini, supportability_ratio"
                      + " and mttr_p50_min, null when fewer than 4 of them exist."),
              optional(
                  "cohort_industry",
                  STRING,
                  "The cohort compared against: the org's own if published for the metric and"
                      + " week, else * (all orgs)."),
              optional("cohort_size_band", STRING, "As cohort_industry."),
              optional("cohort_p50", DOUBLE, "Median of the cohort used."),
              optional(
                  "percentile",
                  DOUBLE,
                  "100 x (rank - 1) / (n - 1), rank = 1 + participants with a strictly worse"
                      + " (higher) value: 100 is best.")),
          List.of(),
          List.of(
              new Check("percentile_range", "percentile IS NULL OR percentile BETWEEN 0 AND 100")));

  public static final TableContract ORG_TREND =
      new TableContract(
          Layer.MARTS,
          "org_trend",
          "Where each org is heading: a least-squares trendline of each metric over the 12"
              + " complete weeks before the run date, and for supportability_ratio when it will"
              + " reach its boundary. Each run date replaces its own rows.",
          "one row per org per metric per run date with at least 6 non-null weekly values",
          List.of("org_id", "metric", "as_of_date"),
          List.of(
              required("org_id", STRING, "Organisation."),
              required(
                  "metric",
                  STRING,
                  "A benchmark metric, incidents, sev12_incidents or inference_cost_usd."),
              required("as_of_date", DATE, "The run date."),
              required("n_points", INT, "Non-null weekly values in the window (>= 6)."),
              required(
                  "slope_per_week",
                  DOUBLE,
                  "Least-squares slope, per week; x = weeks since the window's first week."),
              required("intercept", DOUBLE, "Least-squares intercept at x = 0."),
              optional(
                  "r_squared", DOUBLE, "Coefficient of determination; null for a flat series."),
              optional(
                  "p_value",
                  DOUBLE,
                  "Two-sided t-test of slope = 0, n - 2 degrees of freedom; null for a flat series."),
              optional("slope_ci95_low", DOUBLE, "95% confidence interval of the slope, low end."),
              optional(
                  "slope_ci95_high", DOUBLE, "95% confidence interval of the slope, high end."),
              required(
                  "direction",
                  STRING,
                  "stable if p_value is null or >= 0.05, else worsening (slope > 0) or improving."),
              optional(
                  "weeks_to_boundary",
                  DOUBLE,
                  "supportability_ratio only: (1 - fitted value at the last point) / slope, when"
                      + " the slope is positive and the fitted value below 1."),
              optional(
                  "boundary_eta",
                  DATE,
                  "week_start of the last point + 7 x ceil(weeks_to_boundary) days.")),
          List.of(),
          List.of(
              new Check("direction_known", "direction IN ('stable', 'worsening', 'improving')"),
              new Check("enough_points", "n_points >= 6")));

  public static final TableContract SIGNAL_LEAD_TIME =
      new TableContract(
          Layer.MARTS,
          "signal_lead_time",
          "Does strain come before failure? Spearman rank correlation, across all orgs, of each"
              + " operating signal with severe incidents L weeks later. Each run date replaces"
              + " its own rows.",
          "one row per signal per lag per run date with at least 10 pairs and neither side"
              + " constant",
          List.of("signal", "lag_weeks", "as_of_date"),
          List.of(
              required("signal", STRING, "The org_weekly signal."),
              required("lag_weeks", INT, "L: 0, 1, 2, 4 or 8 weeks."),
              required("as_of_date", DATE, "The run date."),
              required(
                  "n",
                  INT,
                  "Pairs (signal of org o in week w, sev12_incidents of o in week w + L), both"
                      + " weeks complete."),
              required("spearman_rho", DOUBLE, "Spearman's rho, average ranks for ties."),
              required(
                  "p_value",
                  DOUBLE,
                  "Two-sided, t = rho sqrt((n-2)/(1-rho^2)) with n - 2 degrees of freedom.")),
          List.of(),
          List.of(new Check("enough_pairs", "n >= 10")));

  public static List<TableContract> all() {
    return List.of(
        ORG_WEEKLY,
        DEPLOYMENT_WEEKLY,
        BUDGET_STATUS,
        BENCHMARK_COHORT_WEEKLY,
        ORG_BENCHMARK_WEEKLY,
        ORG_TREND,
        SIGNAL_LEAD_TIME,
        INCIDENT_ATTRIBUTION);
  }
}
