package io.stratify.common.contract;

import static io.stratify.common.contract.ColumnType.BOOLEAN;
import static io.stratify.common.contract.ColumnType.DATE;
import static io.stratify.common.contract.ColumnType.DECIMAL_18_2;
import static io.stratify.common.contract.ColumnType.DECIMAL_18_6;
import static io.stratify.common.contract.ColumnType.DOUBLE;
import static io.stratify.common.contract.ColumnType.INT;
import static io.stratify.common.contract.ColumnType.LONG;
import static io.stratify.common.contract.ColumnType.STRING;
import static io.stratify.common.contract.ColumnType.STRING_LIST;
import static io.stratify.common.contract.ColumnType.TIMESTAMP;
import static io.stratify.common.contract.LandingField.key;
import static io.stratify.common.contract.LandingField.of;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The landing contract (LANDING.md v1.1): the nine datasets customers drop every night, their
 * columns, keys and rules. The one place these are written down; ingest validates against it and
 * the docs are generated from it.
 */
public enum LandingDataset {
  ORGS(
      DatasetKind.SNAPSHOT,
      "Organisations: one row per customer organisation.",
      List.of(
          key("org_id", "Organisation id."),
          of("org_name", STRING, true, "Organisation name."),
          of("industry", STRING, true, "Free text; the benchmark cohort key with size_band."),
          of("size_band", STRING, true, "S (<1k employees), M (1k-10k), L (10k-50k), XL (>50k).")
              .oneOf("S", "M", "L", "XL"),
          of("region", STRING, false, "Region."),
          of("timezone", STRING, true, "IANA zone id, e.g. Europe/Berlin.").timeZone(),
          of("benchmark_consent", BOOLEAN, true, "Only consenting orgs enter benchmarks."),
          of("loaded_hourly_cost_usd", DECIMAL_18_6, false, "Cost of one engineer-hour, USD.")
              .atLeast(0)),
      List.of()),
  TEAMS(
      DatasetKind.SNAPSHOT,
      "Teams of an organisation.",
      List.of(
          key("org_id", "Organisation id."),
          key("team_id", "Team id, unique within the org."),
          of("team_name", STRING, true, "Team name."),
          of("parent_team_id", STRING, false, "Parent team (team hierarchy)."),
          of("function", STRING, true, "Team function.")
              .oneOf("product", "platform", "sre", "data", "ml", "security", "support", "other")),
      List.of()),
  PEOPLE(
      DatasetKind.SNAPSHOT,
      "People of an organisation. Contains personal data: pseudonymised before silver.",
      List.of(
          key("org_id", "Organisation id."),
          key("person_id", "Person id, unique within the org."),
          of("full_name", STRING, false, "Personal data: never reaches silver.").personalData(),
          of("email", STRING, false, "Personal data: never reaches silver.").personalData(),
          of("team_id", STRING, true, "The person's team."),
          of("manager_id", STRING, false, "The manager's person_id."),
          of("role", STRING, true, "e.g. engineer, sre, manager, pm, analyst."),
          of("on_call", BOOLEAN, true, "Member of an on-call rotation.")),
      List.of()),
  DEPLOYMENTS(
      DatasetKind.SNAPSHOT,
      "The AI deployment inventory.",
      List.of(
          key("org_id", "Organisation id."),
          key("deployment_id", "Deployment id, unique within the org."),
          of("name", STRING, true, "Deployment name."),
          of("owner_team_id", STRING, false, "Owning team; null = nobody owns it."),
          of("lifecycle_stage", STRING, true, "pilot, production or deprecated.")
              .oneOf("pilot", "production", "deprecated"),
          of("business_criticality", INT, true, "1 (most critical) .. 4.").between(1, 4),
          of("dependent_business_units", INT, true, "Business units depending on it, >= 0.")
              .atLeast(0),
          of("depends_on", STRING_LIST, false, "deployment_ids this one calls."),
          of("model_provider", STRING, false, "Model provider."),
          of("model_name", STRING, false, "Model name."),
          of("model_tier", STRING, false, "frontier, standard or small.")
              .oneOf("frontier", "standard", "small"),
          of("monitored", BOOLEAN, true, "Readiness: monitored."),
          of("has_runbook", BOOLEAN, true, "Readiness: has a runbook."),
          of("human_fallback", BOOLEAN, true, "Readiness: a human fallback exists."),
          of("launched_on", DATE, false, "Launch date.")),
      List.of()),
  DEPLOYMENT_CHANGES(
      DatasetKind.UPSERT,
      "Changes deployed to AI deployments.",
      List.of(
          key("org_id", "Organisation id."),
          key("change_id", "Change id, unique within the org."),
          of("deployment_id", STRING, true, "The deployment changed."),
          of("change_type", STRING, true, "code, model, prompt, config or provider.")
              .oneOf("code", "model", "prompt", "config", "provider"),
          of("first_commit_at", TIMESTAMP, false, "First commit of the change, for lead time."),
          of("deployed_at", TIMESTAMP, true, "When the change was deployed."),
          of("outcome", STRING, true, "success, failed or rolled_back.")
              .oneOf("success", "failed", "rolled_back")),
      List.of()),
  INCIDENTS(
      DatasetKind.UPSERT,
      "Incidents; re-sent when acknowledged or resolved later.",
      List.of(
          key("org_id", "Organisation id."),
          key("incident_id", "Incident id, unique within the org."),
          of("deployment_id", STRING, false, "null or unknown id = not attributable to an owner."),
          of("change_id", STRING, false, "The change that caused it, when known."),
          of("title", STRING, false, "Title."),
          of("severity", INT, true, "1 (worst) .. 4.").between(1, 4),
          of("opened_at", TIMESTAMP, true, "When the incident was opened."),
          of("acknowledged_at", TIMESTAMP, false, "When acknowledged; not before opened_at."),
          of("resolved_at", TIMESTAMP, false, "When resolved; not before opened_at."),
          of("detected_by", STRING, false, "monitoring, customer or internal.")
              .oneOf("monitoring", "customer", "internal"),
          of("root_cause", STRING, false, "Root cause category.")
              .oneOf("data", "model", "infra", "integration", "change", "capacity", "unknown"),
          of("customer_impact", BOOLEAN, false, "Customers were impacted.")),
      List.of(
          new RowRule.NotBefore("acknowledged_at", "opened_at"),
          new RowRule.NotBefore("resolved_at", "opened_at"))),
  INCIDENT_EVENTS(
      DatasetKind.UPSERT,
      "Timeline events of incidents.",
      List.of(
          key("org_id", "Organisation id."),
          key("incident_id", "The incident."),
          key("event_id", "Event id, unique within the incident."),
          of("event_at", TIMESTAMP, true, "When it happened."),
          of("event_type", STRING, true, "Event type.")
              .oneOf(
                  "assigned",
                  "escalated",
                  "reassigned",
                  "responder_added",
                  "acknowledged",
                  "resolved",
                  "reopened"),
          of("team_id", STRING, false, "Team the incident moved to / the responder's team."),
          of("person_id", STRING, false, "The person acting (pseudonymised before silver).")),
      List.of()),
  INFERENCE_USAGE(
      DatasetKind.UPSERT,
      "Daily inference usage and cost per deployment and model.",
      List.of(
          key("org_id", "Organisation id."),
          of("usage_date", DATE, true, "Day of usage (UTC).").asKey(),
          key("deployment_id", "The deployment."),
          key("model_name", "The model."),
          of("model_provider", STRING, true, "Model provider."),
          of("model_tier", STRING, true, "frontier, standard or small.")
              .oneOf("frontier", "standard", "small"),
          of("requests", LONG, true, "Requests, >= 0.").atLeast(0),
          of("input_tokens", LONG, true, "Input tokens, >= 0.").atLeast(0),
          of("output_tokens", LONG, true, "Output tokens, >= 0.").atLeast(0),
          of("errors", LONG, true, "Failed requests, >= 0.").atLeast(0),
          of("cost_usd", DECIMAL_18_6, true, "Cost, USD, >= 0.").atLeast(0),
          of("latency_p95_ms", DOUBLE, false, "Daily p95 latency, ms, >= 0.").atLeast(0)),
      List.of()),
  BUDGETS(
      DatasetKind.SNAPSHOT,
      "Inference budgets, for an org or one deployment.",
      List.of(
          key("org_id", "Organisation id."),
          key("budget_id", "Budget id, unique within the org."),
          of("scope", STRING, true, "org or deployment.").oneOf("org", "deployment"),
          of("deployment_id", STRING, false, "Required when scope = deployment."),
          of("period_start", DATE, true, "First day of the period (inclusive)."),
          of("period_end", DATE, true, "Last day of the period (inclusive)."),
          of("amount_usd", DECIMAL_18_2, true, "Budget amount, USD, > 0.").greaterThan(0)),
      List.of(
          new RowRule.NotBefore("period_end", "period_start"),
          new RowRule.RequiredWhen("deployment_id", "scope", "deployment")));

  private final DatasetKind kind;
  private final String description;
  private final List<LandingField> fields;
  private final List<RowRule> rowRules;

  LandingDataset(
      DatasetKind kind, String description, List<LandingField> fields, List<RowRule> rowRules) {
    this.kind = kind;
    this.description = description;
    this.fields = fields;
    this.rowRules = rowRules;
  }

  /** The dataset's folder name in the landing zone, e.g. {@code incident_events}. */
  public String folder() {
    return name().toLowerCase(Locale.ROOT);
  }

  public DatasetKind kind() {
    return kind;
  }

  public String description() {
    return description;
  }

  public List<LandingField> fields() {
    return fields;
  }

  public List<RowRule> rowRules() {
    return rowRules;
  }

  public List<LandingField> keyFields() {
    return fields.stream().filter(LandingField::key).toList();
  }

  public List<String> keyColumns() {
    return keyFields().stream().map(LandingField::name).toList();
  }

  public List<String> requiredColumns() {
    return fields.stream().filter(LandingField::required).map(LandingField::name).toList();
  }

  public int indexOf(String column) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("Cannot find column " + column + " in " + folder());
  }

  public static Optional<LandingDataset> fromFolder(String folder) {
    return Arrays.stream(values()).filter(d -> d.folder().equals(folder)).findFirst();
  }
}
