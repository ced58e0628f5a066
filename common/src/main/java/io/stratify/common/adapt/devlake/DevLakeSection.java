package io.stratify.common.adapt.devlake;

import io.stratify.common.adapt.AdapterConfig;
import io.stratify.common.adapt.ColumnSource;
import io.stratify.common.adapt.ConfigNode;
import io.stratify.common.adapt.FormatSection;
import io.stratify.common.contract.LandingDataset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code devlake:} section (ADAPTERS.md 10): {@code org_from} (project | fixed), {@code grain}
 * (project | scope-repo), {@code environment} (the deployments counted, PRODUCTION), {@code
 * source_timezone} (for DevLake's zone-less timestamps) and {@code defaults}.
 *
 * @param defaults column -> default, as written in the configuration
 */
record DevLakeSection(
    boolean orgFromProject,
    boolean projectGrain,
    String environment,
    ZoneId sourceTimezone,
    Map<String, String> defaults)
    implements FormatSection {

  static final List<String> DEFAULTABLE =
      List.of(
          "severity",
          "change_type",
          "lifecycle_stage",
          "business_criticality",
          "dependent_business_units",
          "monitored",
          "has_runbook",
          "human_fallback",
          "owner_team_id");

  static DevLakeSection parse(ConfigNode section) {
    if (section == null) {
      return new DevLakeSection(false, true, "PRODUCTION", null, Map.of());
    }
    Map<String, ConfigNode> e =
        section.entries("org_from", "grain", "environment", "source_timezone", "defaults");
    boolean orgFromProject =
        e.containsKey("org_from") && e.get("org_from").oneOf("project", "fixed").equals("project");
    boolean projectGrain =
        !e.containsKey("grain") || e.get("grain").oneOf("project", "scope-repo").equals("project");
    String environment =
        e.containsKey("environment") ? e.get("environment").string() : "PRODUCTION";
    ZoneId zone =
        e.containsKey("source_timezone") ? ZoneId.of(e.get("source_timezone").timezone()) : null;
    Map<String, String> defaults = new LinkedHashMap<>();
    if (e.containsKey("defaults")) {
      e.get("defaults")
          .entries(DEFAULTABLE.toArray(String[]::new))
          .forEach((k, v) -> defaults.put(k, v.isNull() ? null : v.string()));
    }
    return new DevLakeSection(orgFromProject, projectGrain, environment, zone, defaults);
  }

  @Override
  public boolean derivesOrgs() {
    return orgFromProject;
  }

  @Override
  public List<ColumnSource> sources(LandingDataset ds, String column, AdapterConfig config) {
    List<ColumnSource> out = new ArrayList<>();
    if (column.equals("org_id") && orgFromProject) {
      out.add(ColumnSource.always("project_mapping project_name (else REJECT no_org)"));
      return out;
    }
    switch (ds) {
      case ORGS -> {
        if (column.equals("org_name")) {
          out.add(ColumnSource.always("project_mapping project_name"));
        }
      }
      case DEPLOYMENTS -> {
        switch (column) {
          case "deployment_id", "name" ->
              out.add(ColumnSource.always("project_mapping project_name"));
          default -> out.addAll(ColumnSource.defaulted(defaults, column));
        }
      }
      case DEPLOYMENT_CHANGES -> {
        switch (column) {
          case "change_id" -> out.add(ColumnSource.always("cicd_deployment_commits.id"));
          case "deployment_id" ->
              out.add(
                  ColumnSource.always(
                      projectGrain
                          ? "project of cicd_scope_id (else REJECT no_deployment)"
                          : "cicd_scope_id|repo_url"));
          case "deployed_at" ->
              out.add(ColumnSource.always("finished_date (else REJECT no_deployed_at)"));
          case "outcome" ->
              out.add(ColumnSource.always("result SUCCESS/FAILURE (else REJECT unmapped_result)"));
          case "first_commit_at" ->
              out.add(ColumnSource.sometimes("min(project_pr_metrics.first_commit_authored_date)"));
          default -> out.addAll(ColumnSource.defaulted(defaults, column));
        }
      }
      case INCIDENTS -> {
        switch (column) {
          case "incident_id" -> out.add(ColumnSource.always("incidents.id"));
          case "opened_at" -> out.add(ColumnSource.always("incidents.created_date"));
          case "resolved_at" -> out.add(ColumnSource.sometimes("incidents.resolution_date"));
          case "deployment_id" ->
              out.add(
                  ColumnSource.sometimes(
                      projectGrain ? "project of (table, scope_id)" : "<table>:<scope_id>"));
          default -> out.addAll(ColumnSource.defaulted(defaults, column));
        }
      }
      default -> {}
    }
    return out;
  }
}
