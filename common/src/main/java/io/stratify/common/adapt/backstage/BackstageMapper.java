package io.stratify.common.adapt.backstage;

import static io.stratify.common.adapt.backstage.BackstageFormat.map;
import static io.stratify.common.adapt.backstage.BackstageFormat.strings;
import static io.stratify.common.adapt.backstage.BackstageFormat.text;

import io.stratify.common.adapt.AdapterException;
import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.backstage.BackstageFormat.Entity;
import io.stratify.common.contract.LandingDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The mapping of ADAPTERS.md section 6.2 over every entity of the run. */
final class BackstageMapper {
  private static final Set<String> DEPLOYABLE = Set.of("component", "resource", "system", "api");

  private final AdapterRun run;
  private final BackstageSection s;
  private final List<Entity> entities;
  private final Map<Ref, List<Entity>> byRef = new HashMap<>();
  private final Selector selector;

  /** on_call comes from owners.people.on_call, filled by the runner once every person is known. */
  private final boolean onCallFromVendor;

  BackstageMapper(AdapterRun run, BackstageSection s, List<Entity> entities) {
    this.run = run;
    this.s = s;
    this.entities = entities;
    for (Entity e : entities) {
      if (e.ref() != null) {
        byRef.computeIfAbsent(e.ref(), k -> new ArrayList<>()).add(e);
      }
    }
    this.selector = s.select() == null ? null : Selector.parse(s.select());
    this.onCallFromVendor = run.onCallOwner().isPresent();
  }

  void convert() {
    Map<Ref, Map<String, Object>> written = new HashMap<>();
    Set<Ref> conflictWarned = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    for (Entity e : entities) {
      LandingDataset ds = datasetOf(e);
      AdapterReport.Account acc =
          run.report()
              .account(e.file().name(), ds == null ? BackstageFormat.UNMAPPED : ds.folder());
      acc.read();
      if (e.ref() == null) {
        run.report().reject(acc, e.position(), null, List.of("no_key"), BackstageFormat.excerpt(e));
        continue;
      }
      if (ds == null) {
        acc.skipped("kind:" + e.kind());
        continue;
      }
      if (!run.writes(ds)) {
        acc.skipped("not_owned:" + ds.folder());
        continue;
      }
      if (ds == LandingDataset.DEPLOYMENTS && selector != null && !selector.matches(e.metadata())) {
        acc.skipped("not_selected");
        continue;
      }
      Map<String, Object> previous = written.get(e.ref());
      if (previous != null) {
        if (previous.equals(e.doc())) {
          acc.merged();
          continue;
        }
        if (conflictWarned.add(e.ref())) {
          run.report().warn("conflicting_entity", e.ref().toString());
        }
      }
      boolean ok =
          switch (ds) {
            case TEAMS -> team(e, acc);
            case PEOPLE -> person(e, acc);
            default -> deployment(e, acc);
          };
      if (ok) {
        acc.written().rows(1);
        written.putIfAbsent(e.ref(), e.doc());
      }
    }
    if (run.writes(LandingDataset.ORGS)) {
      org();
    }
  }

  private LandingDataset datasetOf(Entity e) {
    if (e.kind() == null) {
      return null;
    }
    return switch (e.kind()) {
      case "group" -> LandingDataset.TEAMS;
      case "user" -> LandingDataset.PEOPLE;
      default ->
          s.kinds().contains(e.kind()) && DEPLOYABLE.contains(e.kind())
              ? LandingDataset.DEPLOYMENTS
              : null;
    };
  }

  private boolean isTeam(Entity g) {
    return s.teamTypes() == null || s.teamTypes().contains(String.valueOf(g.spec().get("type")));
  }

  private boolean team(Entity e, AdapterReport.Account acc) {
    if (!isTeam(e)) {
      acc.skipped("team_type");
      return false;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("org_id", run.org());
    row.put("team_id", e.ref().landingId("group"));
    row.put("team_name", displayName(e));
    Ref parent = null;
    List<Ref> childOf = e.relations("childOf");
    if (childOf != null && !childOf.isEmpty()) {
      parent = childOf.get(0);
    } else if (text(e.spec().get("parent")).isPresent()) {
      parent = Ref.parse(String.valueOf(e.spec().get("parent")), "group", e.ref().namespace());
    }
    if (parent != null) {
      row.put("parent_team_id", parent.landingId("group"));
      List<Entity> p = byRef.get(parent);
      if (p == null) {
        run.report().warn("dangling_ref", e.ref() + " parent " + parent);
      } else {
        Set<Ref> children = new java.util.HashSet<>();
        for (String c : strings(p.get(0).spec().get("children"))) {
          children.add(Ref.parse(c, "group", parent.namespace()));
        }
        if (!children.contains(e.ref())) {
          run.report().warn("children_mismatch", e.ref() + " not in children of " + parent);
        }
      }
    }
    String function = e.annotation("stratify.io/function");
    if (function == null) {
      function = s.teamFunction().apply(e.ref().name()).orElse(null);
    }
    if (function == null) {
      function = s.defaults().get("function");
      run.report().defaulted("teams", "function", e.ref().toString());
    }
    row.put("function", function);
    row.put("x_backstage_type", text(e.spec().get("type")).orElse(null));
    run.emit(LandingDataset.TEAMS, row);
    return true;
  }

  private boolean person(Entity e, AdapterReport.Account acc) {
    Map<String, Object> profile = map(e.spec().get("profile"));
    String personId = e.ref().landingId("user");
    List<Ref> member = e.relations("memberOf");
    if (member == null) {
      member = new ArrayList<>();
      for (String m : strings(e.spec().get("memberOf"))) {
        member.add(Ref.parse(m, "group", e.ref().namespace()));
      }
    }
    String team;
    if (member.size() == 1) {
      team = member.get(0).landingId("group");
    } else if (member.isEmpty()) {
      team = s.defaults().get("team_id");
      if (team == null) {
        run.report().reject(acc, e.position(), e.ref().toString(), List.of("no_team"), "");
        return false;
      }
      run.report().defaulted("people", "team_id", e.ref().toString());
    } else {
      team = chooseTeam(member).orElse(null);
      if (team == null) {
        run.report()
            .reject(
                acc,
                e.position(),
                e.ref().toString(),
                List.of("ambiguous_team"),
                member.toString());
        return false;
      }
    }
    String email = text(profile.get("email")).orElse(null);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("org_id", run.org());
    row.put("person_id", personId);
    row.put("full_name", text(profile.get("displayName")).orElse(null));
    row.put("email", email);
    row.put("team_id", team);
    row.put("manager_id", null);
    String role = e.annotation("stratify.io/role");
    if (role == null) {
      role = s.defaults().get("role");
      run.report().defaulted("people", "role", e.ref().toString());
    }
    row.put("role", role);
    Boolean onCallValue = null;
    if (!onCallFromVendor) {
      onCallValue = Boolean.valueOf(s.defaults().get("on_call"));
      run.report().defaulted("people", "on_call", e.ref().toString());
    }
    row.put("on_call", onCallValue);
    run.emit(LandingDataset.PEOPLE, row);
    return true;
  }

  private Optional<String> chooseTeam(List<Ref> member) {
    for (Ref m : member) {
      if (s.teamRule() != null) {
        if (s.teamRule().matcher(m.name()).find()) {
          return Optional.of(m.landingId("group"));
        }
      } else {
        List<Entity> g = byRef.get(m);
        if (g != null && "team".equals(String.valueOf(g.get(0).spec().get("type")))) {
          return Optional.of(m.landingId("group"));
        }
      }
    }
    return Optional.empty();
  }

  private boolean deployment(Entity e, AdapterReport.Account acc) {
    Optional<String> lifecycle = text(e.spec().get("lifecycle"));
    if (lifecycle.isEmpty()) {
      run.report().reject(acc, e.position(), e.ref().toString(), List.of("no_lifecycle"), "");
      return false;
    }
    String stage =
        switch (lifecycle.get()) {
          case "experimental" -> "pilot";
          case "production", "deprecated" -> lifecycle.get();
          default -> s.lifecycle().apply(lifecycle.get()).orElse(null);
        };
    if (stage == null) {
      run.report()
          .reject(
              acc,
              e.position(),
              e.ref().toString(),
              List.of("unmapped_lifecycle"),
              lifecycle.get());
      return false;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("org_id", run.org());
    row.put("deployment_id", e.ref().landingId("component"));
    row.put("name", text(e.metadata().get("title")).orElse(e.ref().name()));
    row.put("owner_team_id", owner(e));
    row.put("lifecycle_stage", stage);
    row.put("business_criticality", intColumn(e, "business_criticality", criticality(e)));
    row.put(
        "dependent_business_units",
        intColumn(
            e,
            "dependent_business_units",
            text(e.annotation("stratify.io/dependent-business-units"))));
    row.put("depends_on", dependsOn(e));
    row.put("model_provider", e.annotation("stratify.io/model-provider"));
    row.put("model_name", e.annotation("stratify.io/model-name"));
    row.put("model_tier", e.annotation("stratify.io/model-tier"));
    boolean monitored =
        e.annotation("pagerduty.com/service-id") != null
            || e.annotation("opsgenie.com/component-selector") != null;
    row.put("monitored", monitored ? Boolean.TRUE : boolDefault(e, "monitored"));
    row.put("has_runbook", hasRunbook(e) ? Boolean.TRUE : boolDefault(e, "has_runbook"));
    String fallback = e.annotation("stratify.io/human-fallback");
    row.put(
        "human_fallback",
        fallback != null ? Boolean.valueOf(fallback) : boolDefault(e, "human_fallback"));
    String launched = e.annotation("stratify.io/launched-on");
    row.put("launched_on", launched);
    row.put("x_pagerduty_service_id", e.annotation("pagerduty.com/service-id"));
    row.put("x_opsgenie_component_selector", e.annotation("opsgenie.com/component-selector"));
    row.put("x_github_project_slug", e.annotation("github.com/project-slug"));
    row.put("x_argocd_app_name", e.annotation("argocd/app-name"));
    row.put("x_backstage_ref", e.ref().toString());
    run.emit(LandingDataset.DEPLOYMENTS, row);
    return true;
  }

  private Optional<String> criticality(Entity e) {
    Optional<String> a = text(e.annotation("stratify.io/business-criticality"));
    if (a.isPresent() || s.criticalityLabel() == null) {
      return a;
    }
    Object label = map(e.metadata().get("labels")).get(s.criticalityLabel());
    return label == null ? Optional.empty() : s.criticality().apply(String.valueOf(label));
  }

  private Object intColumn(Entity e, String column, Optional<String> value) {
    if (value.isPresent()) {
      return value.get();
    }
    run.report().defaulted("deployments", column, e.ref().toString());
    return s.defaults().get(column);
  }

  private Boolean boolDefault(Entity e, String column) {
    String d = s.defaults().get(column);
    if (d == null) {
      throw AdapterException.unusable(
          "deployments." + column + " has no source for " + e.ref() + ": set backstage.defaults");
    }
    run.report().defaulted("deployments", column, e.ref().toString());
    return Boolean.valueOf(d);
  }

  private boolean hasRunbook(Entity e) {
    for (Object l : e.metadata().get("links") instanceof List<?> list ? list : List.of()) {
      Map<String, Object> link = map(l);
      for (String k : List.of("title", "type")) {
        if (String.valueOf(link.get(k)).toLowerCase(java.util.Locale.ROOT).contains("runbook")) {
          return true;
        }
      }
    }
    return false;
  }

  private String owner(Entity e) {
    Ref owner;
    List<Ref> ownedBy = e.relations("ownedBy");
    if (ownedBy != null && !ownedBy.isEmpty()) {
      owner = ownedBy.get(0);
    } else {
      Optional<String> o = text(e.spec().get("owner"));
      if (o.isEmpty()) {
        return null;
      }
      owner = Ref.parse(o.get(), "group", e.ref().namespace());
    }
    if (owner.kind().equals("user")) {
      if (s.ownerUserMemberTeam()) {
        List<Entity> u = byRef.get(owner);
        List<String> member = u == null ? List.of() : strings(u.get(0).spec().get("memberOf"));
        if (member.size() == 1) {
          return Ref.parse(member.get(0), "group", owner.namespace()).landingId("group");
        }
      }
      run.report().warn("owner_is_user", e.ref() + " owned by " + owner);
      return null;
    }
    if (!byRef.containsKey(owner)) {
      run.report().warn("dangling_ref", e.ref() + " owner " + owner);
    }
    return owner.landingId("group");
  }

  private List<String> dependsOn(Entity e) {
    Set<String> out = new TreeSet<>();
    List<Ref> rel = e.relations("dependsOn");
    if (rel != null) {
      rel.forEach(r -> out.add(r.landingId("component")));
    } else {
      for (String d : strings(e.spec().get("dependsOn"))) {
        out.add(Ref.parse(d, "component", e.ref().namespace()).landingId("component"));
      }
    }
    if (s.apiEdges()) {
      for (String api : strings(e.spec().get("consumesApis"))) {
        Ref apiRef = Ref.parse(api, "api", e.ref().namespace());
        boolean provided = false;
        for (Entity other : entities) {
          if (other == e || other.ref() == null || !"component".equals(other.kind())) {
            continue;
          }
          for (String p : strings(other.spec().get("providesApis"))) {
            if (Ref.parse(p, "api", other.ref().namespace()).equals(apiRef)) {
              out.add(other.ref().landingId("component"));
              provided = true;
            }
          }
        }
        if (!provided) {
          run.report().warn("dangling_ref", e.ref() + " consumes unprovided " + apiRef);
        }
      }
    }
    return out.isEmpty() ? null : List.copyOf(out);
  }

  private void org() {
    Map<String, String> cfg = run.config().orgs();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("org_id", run.org());
    String name = null;
    for (Entity e : entities) {
      if ("group".equals(e.kind()) && "organization".equals(String.valueOf(e.spec().get("type")))) {
        name = BackstageMapper.displayName(e);
        break;
      }
    }
    if (name == null) {
      name = cfg.get("org_name");
    }
    if (name == null) {
      throw AdapterException.unusable(
          "orgs.org_name: the catalog has no Group of type organization; set orgs: {org_name: ...}");
    }
    row.put("org_name", name);
    for (String c :
        List.of(
            "industry",
            "size_band",
            "region",
            "timezone",
            "benchmark_consent",
            "loaded_hourly_cost_usd")) {
      row.put(c, cfg.get(c));
    }
    run.emit(LandingDataset.ORGS, row);
    run.report().account("(organization Group + orgs:)", "orgs").read().written().rows(1);
  }

  static String displayName(Entity e) {
    return text(map(e.spec().get("profile")).get("displayName"))
        .or(() -> text(e.metadata().get("title")))
        .orElse(e.ref().name());
  }
}
