package io.stratify.common.adapt.scim;

import static io.stratify.common.adapt.scim.ScimFormat.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.Redaction;
import io.stratify.common.adapt.scim.ScimFormat.Resource;
import io.stratify.common.adapt.scim.ScimFormat.Section;
import io.stratify.common.contract.LandingDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The mapping of ADAPTERS.md section 7 over every User and Group read. */
final class ScimMapper {
  private final AdapterRun run;
  private final Section s;
  private final List<Resource> users;
  private final List<Resource> groups;
  private final Map<String, String> groupNames = new HashMap<>();
  private final Map<String, Set<String>> memberOf = new HashMap<>();
  private final Map<String, Set<String>> parentsOf = new HashMap<>();

  /** on_call comes from owners.people.on_call, filled by the runner once every person is known. */
  private final boolean onCallFromVendor;

  ScimMapper(AdapterRun run, Section s, List<Resource> users, List<Resource> groups) {
    this.run = run;
    this.s = s;
    this.users = users;
    this.groups = groups;
    for (Resource g : groups) {
      String id = text(g.node(), "id");
      if (id == null) {
        continue;
      }
      groupNames.putIfAbsent(id, text(g.node(), "displayName"));
      for (JsonNode m : g.node().path("members")) {
        String v = text(m, "value");
        String ref = text(m, "$ref");
        boolean group =
            "Group".equals(text(m, "type")) || (ref != null && ref.contains("/Groups/"));
        (group ? parentsOf : memberOf).computeIfAbsent(v, k -> new TreeSet<>()).add(id);
      }
    }
    for (Resource u : users) {
      for (JsonNode g : u.node().path("groups")) {
        String v = text(g, "value");
        if (v != null) {
          groupNames.putIfAbsent(v, text(g, "display"));
          memberOf.computeIfAbsent(text(u.node(), "id"), k -> new TreeSet<>()).add(v);
        }
      }
    }
    this.onCallFromVendor = run.onCallOwner().isPresent();
  }

  private boolean isTeam(String groupId) {
    String name = groupNames.get(groupId);
    return s.teamGroups() == null || (name != null && s.teamGroups().matcher(name).find());
  }

  void convert() {
    if (run.writes(LandingDataset.TEAMS)) {
      teams();
    }
    if (run.writes(LandingDataset.PEOPLE)) {
      people();
    }
  }

  private void teams() {
    Map<String, JsonNode> seen = new HashMap<>();
    Set<String> warned = new HashSet<>();
    for (Resource g : groups) {
      AdapterReport.Account acc = run.account(g.file(), LandingDataset.TEAMS).read();
      String id = text(g.node(), "id");
      if (id == null) {
        run.report().reject(acc, g.pointer(), null, List.of("no_key"), Redaction.excerpt(g.node()));
        continue;
      }
      if (!isTeam(id)) {
        acc.skipped("not_team");
        continue;
      }
      if (duplicate(seen, warned, id, g.node(), acc)) {
        continue;
      }
      Map<String, Object> row = ScimFormat.row();
      row.put("org_id", run.org());
      row.put("team_id", id);
      String name = text(g.node(), "displayName");
      row.put("team_name", name);
      row.put("parent_team_id", parent(id));
      String function = s.teamFunction().apply(name).orElse(null);
      if (function == null) {
        function = s.defaults().get("function");
        run.report().defaulted("teams", "function", id);
      }
      row.put("function", function);
      run.emit(LandingDataset.TEAMS, row);
      acc.written().rows(1);
    }
  }

  private String parent(String id) {
    List<String> parents =
        parentsOf.getOrDefault(id, Set.of()).stream().filter(this::isTeam).toList();
    if (parents.isEmpty()) {
      return null;
    }
    if (onCycle(id)) {
      run.report().warn("hierarchy_cycle", id);
      return null;
    }
    if (parents.size() > 1) {
      run.report().warn("multiple_parents", id + " in " + parents);
      return null;
    }
    return parents.get(0);
  }

  private boolean onCycle(String start) {
    Set<String> visited = new HashSet<>();
    List<String> frontier = new ArrayList<>(parentsOf.getOrDefault(start, Set.of()));
    while (!frontier.isEmpty()) {
      String g = frontier.remove(frontier.size() - 1);
      if (g.equals(start)) {
        return true;
      }
      if (visited.add(g)) {
        frontier.addAll(parentsOf.getOrDefault(g, Set.of()));
      }
    }
    return false;
  }

  private boolean duplicate(
      Map<String, JsonNode> seen,
      Set<String> warned,
      String key,
      JsonNode node,
      AdapterReport.Account acc) {
    JsonNode previous = seen.putIfAbsent(key, node);
    if (previous == null) {
      return false;
    }
    if (previous.equals(node)) {
      acc.merged();
      return true;
    }
    if (warned.add(key)) {
      run.report().warn("conflicting_entity", key);
    }
    return false;
  }

  private void people() {
    Map<String, String> personIdById = new HashMap<>();
    for (Resource u : users) {
      String id = text(u.node(), "id");
      String pid = text(u.node(), s.personId());
      if (id != null && pid != null) {
        personIdById.putIfAbsent(id, pid);
      }
    }
    Map<String, JsonNode> seen = new HashMap<>();
    Set<String> warned = new HashSet<>();
    for (Resource u : users) {
      JsonNode n = u.node();
      AdapterReport.Account acc = run.account(u.file(), LandingDataset.PEOPLE).read();
      String id = text(n, "id");
      String personId = text(n, s.personId());
      if (id == null || personId == null) {
        run.report().reject(acc, u.pointer(), null, List.of("no_key"), Redaction.excerpt(n));
        continue;
      }
      if (n.has("active") && !n.path("active").asBoolean(true)) {
        acc.skipped("inactive");
        continue;
      }
      List<String> teams =
          memberOf.getOrDefault(id, Set.of()).stream().filter(this::isTeam).toList();
      String team;
      if (teams.size() == 1) {
        team = teams.get(0);
      } else if (teams.size() > 1) {
        List<String> names = teams.stream().map(t -> groupNames.getOrDefault(t, t)).toList();
        run.report().reject(acc, u.pointer(), id, List.of("ambiguous_team"), names.toString());
        continue;
      } else if (s.defaults().containsKey("team_id")) {
        team = s.defaults().get("team_id");
        run.report().defaulted("people", "team_id", id);
      } else {
        run.report().reject(acc, u.pointer(), id, List.of("no_team"), "");
        continue;
      }
      if (duplicate(seen, warned, personId, n, acc)) {
        continue;
      }
      String email = email(n);
      Map<String, Object> row = ScimFormat.row();
      row.put("org_id", run.org());
      row.put("person_id", personId);
      row.put("full_name", fullName(n));
      row.put("email", email);
      row.put("team_id", team);
      row.put("manager_id", manager(n, id, personIdById));
      String role = s.role().apply(text(n, "title")).orElse(null);
      if (role == null) {
        role = s.defaults().get("role");
        run.report().defaulted("people", "role", id);
      }
      row.put("role", role);
      if (onCallFromVendor) {
        row.put("on_call", null);
      } else {
        row.put("on_call", Boolean.valueOf(s.defaults().get("on_call")));
        run.report().defaulted("people", "on_call", id);
      }
      run.emit(LandingDataset.PEOPLE, row);
      acc.written().rows(1);
    }
  }

  private String manager(JsonNode n, String id, Map<String, String> personIdById) {
    String m = text(ScimFormat.enterprise(n).path("manager"), "value");
    if (m == null) {
      return null;
    }
    if (m.startsWith("bulkId:")) {
      run.report().warn("manager_unresolved", id + " manager " + m);
      return null;
    }
    String pid = personIdById.get(m);
    if (pid != null) {
      return pid;
    }
    if (s.personId().equals("id")) {
      run.report().warn("dangling_ref", id + " manager " + m);
      return m;
    }
    run.report().warn("manager_unresolved", id + " manager " + m);
    return null;
  }

  private static String fullName(JsonNode n) {
    String d = text(n, "displayName");
    if (d != null) {
      return d;
    }
    JsonNode name = n.path("name");
    String f = text(name, "formatted");
    if (f != null) {
      return f;
    }
    String given = text(name, "givenName");
    String family = text(name, "familyName");
    String joined = ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
    return joined.isEmpty() ? null : joined;
  }

  private static String email(JsonNode n) {
    JsonNode emails = n.path("emails");
    for (JsonNode e : emails) {
      if (e.path("primary").asBoolean(false) && text(e, "value") != null) {
        return text(e, "value");
      }
    }
    for (JsonNode e : emails) {
      if ("work".equals(text(e, "type")) && text(e, "value") != null) {
        return text(e, "value");
      }
    }
    for (JsonNode e : emails) {
      if (text(e, "value") != null) {
        return text(e, "value");
      }
    }
    return null;
  }
}
