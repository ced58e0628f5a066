package io.stratify.common.adapt.backstage;

import io.stratify.common.adapt.AdapterConfig;
import io.stratify.common.adapt.ColumnSource;
import io.stratify.common.adapt.ConfigNode;
import io.stratify.common.adapt.FormatSection;
import io.stratify.common.adapt.ValueMap;
import io.stratify.common.contract.LandingDataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code backstage:} configuration section (ADAPTERS.md sections 4.1 and 6.2). */
record BackstageSection(
    List<String> kinds,
    String select,
    boolean apiEdges,
    boolean ownerUserMemberTeam,
    List<String> teamTypes,
    Pattern teamRule,
    ValueMap lifecycle,
    String criticalityLabel,
    ValueMap criticality,
    ValueMap teamFunction,
    Map<String, String> defaults)
    implements FormatSection {

  static final List<String> DEFAULT_KEYS =
      List.of(
          "function",
          "business_criticality",
          "dependent_business_units",
          "monitored",
          "has_runbook",
          "human_fallback",
          "role",
          "on_call",
          "team_id");

  static BackstageSection parse(ConfigNode section) {
    List<String> kinds = List.of("component");
    String select = null;
    boolean apiEdges = true;
    boolean ownerUser = false;
    List<String> teamTypes = null;
    Pattern teamRule = null;
    ValueMap lifecycle = ValueMap.empty();
    String critLabel = null;
    ValueMap crit = ValueMap.empty();
    ValueMap teamFunction = ValueMap.empty();
    Map<String, String> defaults = new LinkedHashMap<>();
    if (section != null && !section.isNull()) {
      Map<String, ConfigNode> e =
          section.entries("deployments", "owner_user", "teams", "team_rule", "map", "defaults");
      if (e.containsKey("deployments")) {
        Map<String, ConfigNode> d = e.get("deployments").entries("kinds", "select", "api_edges");
        if (d.containsKey("kinds")) {
          List<String> k = new ArrayList<>();
          for (ConfigNode n : d.get("kinds").list()) {
            k.add(n.oneOf("component", "resource", "system", "api").toLowerCase());
          }
          kinds = List.copyOf(k);
        }
        if (d.containsKey("select")) {
          select = d.get("select").string();
          Selector.parse(select, d.get("select"));
        }
        if (d.containsKey("api_edges")) {
          apiEdges = d.get("api_edges").bool();
        }
      }
      if (e.containsKey("owner_user") && !e.get("owner_user").isNull()) {
        ownerUser = e.get("owner_user").oneOf("member-team").equals("member-team");
      }
      if (e.containsKey("teams")) {
        ConfigNode t = e.get("teams").entries("include_types").get("include_types");
        teamTypes = t == null ? null : t.stringList();
      }
      if (e.containsKey("team_rule")) {
        teamRule = e.get("team_rule").regex();
      }
      if (e.containsKey("map")) {
        Map<String, ConfigNode> m =
            e.get("map").entries("lifecycle", "criticality", "team_function");
        if (m.containsKey("lifecycle")) {
          lifecycle = ValueMap.parse(m.get("lifecycle"));
        }
        if (m.containsKey("team_function")) {
          teamFunction = ValueMap.parse(m.get("team_function"));
        }
        if (m.containsKey("criticality")) {
          Map<String, ConfigNode> c = m.get("criticality").entries("from", "values");
          if (!c.containsKey("from") || !c.containsKey("values")) {
            throw m.get("criticality").error("needs from: 'label:NAME' and values:");
          }
          String from = c.get("from").string();
          if (!from.startsWith("label:")) {
            throw c.get("from").error("expected 'label:NAME'");
          }
          critLabel = from.substring("label:".length());
          crit = ValueMap.parse(c.get("values"));
        }
      }
      if (e.containsKey("defaults")) {
        for (Map.Entry<String, ConfigNode> d :
            e.get("defaults").entries(DEFAULT_KEYS.toArray(String[]::new)).entrySet()) {
          ConfigNode v = d.getValue();
          String text =
              switch (d.getKey()) {
                case "monitored", "has_runbook", "human_fallback", "on_call" ->
                    String.valueOf(v.bool());
                case "business_criticality", "dependent_business_units" ->
                    String.valueOf(v.integer());
                default -> v.string();
              };
          defaults.put(d.getKey(), text);
        }
      }
    }
    return new BackstageSection(
        kinds,
        select,
        apiEdges,
        ownerUser,
        teamTypes,
        teamRule,
        lifecycle,
        critLabel,
        crit,
        teamFunction,
        Map.copyOf(defaults));
  }

  @Override
  public List<ColumnSource> sources(LandingDataset ds, String column, AdapterConfig config) {
    List<ColumnSource> out = new ArrayList<>();
    switch (ds) {
      case ORGS -> {
        if (column.equals("org_name")) {
          out.add(ColumnSource.always("organization Group profile.displayName (else exit 2)"));
        }
      }
      case TEAMS -> {
        switch (column) {
          case "team_id" -> out.add(ColumnSource.always("Group metadata.name (+namespace)"));
          case "team_name" ->
              out.add(ColumnSource.always("profile.displayName > metadata.title > name"));
          case "parent_team_id" -> out.add(ColumnSource.sometimes("spec.parent"));
          case "function" -> {
            out.add(ColumnSource.sometimes("annotation stratify.io/function"));
            if (!teamFunction.isEmpty()) {
              out.add(ColumnSource.sometimes("map.team_function"));
            }
            out.addAll(ColumnSource.defaulted(defaults, "function"));
          }
          default -> {}
        }
      }
      case PEOPLE -> {
        switch (column) {
          case "person_id" -> out.add(ColumnSource.always("User metadata.name (+namespace)"));
          case "full_name" -> out.add(ColumnSource.sometimes("profile.displayName"));
          case "email" -> out.add(ColumnSource.sometimes("profile.email"));
          case "team_id" -> {
            out.add(ColumnSource.always("spec.memberOf (else REJECT no_team)"));
            out.addAll(ColumnSource.defaulted(defaults, "team_id"));
          }
          case "role" -> {
            out.add(ColumnSource.sometimes("annotation stratify.io/role"));
            out.addAll(ColumnSource.defaulted(defaults, "role"));
          }
          case "on_call" -> {
            String vendor = config.owners().get(AdapterConfig.ON_CALL_OWNER);
            if (vendor != null) {
              out.add(ColumnSource.always("owners.people.on_call: " + vendor));
            }
            out.addAll(ColumnSource.defaulted(defaults, "on_call"));
          }
          default -> {}
        }
      }
      case DEPLOYMENTS -> {
        switch (column) {
          case "deployment_id" -> out.add(ColumnSource.always("metadata.name (+namespace)"));
          case "name" -> out.add(ColumnSource.always("metadata.title > name"));
          case "owner_team_id" -> out.add(ColumnSource.sometimes("spec.owner"));
          case "lifecycle_stage" ->
              out.add(ColumnSource.always("spec.lifecycle (else REJECT) > map.lifecycle"));
          case "business_criticality" -> {
            out.add(ColumnSource.sometimes("annotation stratify.io/business-criticality"));
            if (criticalityLabel != null) {
              out.add(ColumnSource.sometimes("map.criticality (label " + criticalityLabel + ")"));
            }
            out.addAll(ColumnSource.defaulted(defaults, column));
          }
          case "dependent_business_units" -> {
            out.add(ColumnSource.sometimes("annotation stratify.io/dependent-business-units"));
            out.addAll(ColumnSource.defaulted(defaults, column));
          }
          case "depends_on" ->
              out.add(
                  ColumnSource.sometimes(
                      "spec.dependsOn" + (apiEdges ? " + consumesApis/providesApis" : "")));
          case "model_provider", "model_name", "model_tier" ->
              out.add(
                  ColumnSource.sometimes(
                      "annotation stratify.io/"
                          + column.replace('_', '-').replace("model-", "model-")));
          case "monitored" -> {
            out.add(
                ColumnSource.sometimes(
                    "annotation pagerduty.com/service-id | opsgenie.com/component-selector"));
            out.addAll(ColumnSource.defaulted(defaults, column));
          }
          case "has_runbook" -> {
            out.add(ColumnSource.sometimes("links[] titled or typed runbook"));
            out.addAll(ColumnSource.defaulted(defaults, column));
          }
          case "human_fallback" -> {
            out.add(ColumnSource.sometimes("annotation stratify.io/human-fallback"));
            out.addAll(ColumnSource.defaulted(defaults, column));
          }
          case "launched_on" ->
              out.add(ColumnSource.sometimes("annotation stratify.io/launched-on"));
          default -> {}
        }
      }
      default -> {}
    }
    return out;
  }
}
