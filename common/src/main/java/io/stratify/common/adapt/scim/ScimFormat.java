package io.stratify.common.adapt.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratify.common.adapt.AdapterConfig;
import io.stratify.common.adapt.AdapterException;
import io.stratify.common.adapt.AdapterFormat;
import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.ColumnSource;
import io.stratify.common.adapt.ConfigNode;
import io.stratify.common.adapt.FormatSection;
import io.stratify.common.adapt.JsonStream;
import io.stratify.common.adapt.Redaction;
import io.stratify.common.adapt.ValueMap;
import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** SCIM 2.0 exports (RFC 7643/7644) to people and teams (ADAPTERS.md section 7). */
public final class ScimFormat implements AdapterFormat {
  private static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:";
  private static final String MSG = "urn:ietf:params:scim:api:messages:2.0:";
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The {@code scim:} section. */
  record Section(
      String personId,
      Pattern teamGroups,
      ValueMap role,
      ValueMap teamFunction,
      Map<String, String> defaults)
      implements FormatSection {
    @Override
    public List<ColumnSource> sources(LandingDataset ds, String column, AdapterConfig config) {
      List<ColumnSource> out = new ArrayList<>();
      switch (ds.folder() + "." + column) {
        case "people.person_id" -> out.add(ColumnSource.always("User " + personId));
        case "people.full_name" ->
            out.add(ColumnSource.sometimes("displayName > name.formatted > givenName familyName"));
        case "people.email" -> out.add(ColumnSource.sometimes("emails[primary] > [work] > first"));
        case "people.manager_id" -> out.add(ColumnSource.sometimes("enterprise manager.value"));
        case "people.team_id" -> {
          out.add(ColumnSource.always("groups[] / Group members[] (else REJECT no_team)"));
          out.addAll(ColumnSource.defaulted(defaults, "team_id"));
        }
        case "people.role" -> {
          if (!role.isEmpty()) {
            out.add(ColumnSource.sometimes("map.role on title"));
          }
          out.addAll(ColumnSource.defaulted(defaults, "role"));
        }
        case "people.on_call" -> {
          String v = config.owners().get(AdapterConfig.ON_CALL_OWNER);
          if (v != null) {
            out.add(ColumnSource.always("owners.people.on_call: " + v));
          }
          out.addAll(ColumnSource.defaulted(defaults, "on_call"));
        }
        case "teams.team_id" -> out.add(ColumnSource.always("Group id"));
        case "teams.team_name" -> out.add(ColumnSource.always("Group displayName"));
        case "teams.parent_team_id" -> out.add(ColumnSource.sometimes("containing Group"));
        case "teams.function" -> {
          if (!teamFunction.isEmpty()) {
            out.add(ColumnSource.sometimes("map.team_function"));
          }
          out.addAll(ColumnSource.defaulted(defaults, "function"));
        }
        default -> {}
      }
      return out;
    }
  }

  @Override
  public String name() {
    return "scim";
  }

  @Override
  public Set<LandingDataset> datasets() {
    return Set.of(LandingDataset.PEOPLE, LandingDataset.TEAMS);
  }

  @Override
  public FormatSection parseSection(ConfigNode section) {
    String personId = "id";
    Pattern teamGroups = null;
    ValueMap role = ValueMap.empty();
    ValueMap function = ValueMap.empty();
    Map<String, String> defaults = new HashMap<>();
    if (section != null && !section.isNull()) {
      Map<String, ConfigNode> e = section.entries("person_id", "team_groups", "map", "defaults");
      if (e.containsKey("person_id")) {
        personId = e.get("person_id").oneOf("id", "externalId", "userName");
      }
      if (e.containsKey("team_groups")) {
        ConfigNode t = e.get("team_groups");
        if (t.isList()) {
          List<String> names = t.stringList();
          teamGroups =
              Pattern.compile(
                  String.join("|", names.stream().map(n -> "^" + Pattern.quote(n) + "$").toList()));
        } else {
          teamGroups = t.regex();
        }
      }
      if (e.containsKey("map")) {
        Map<String, ConfigNode> m = e.get("map").entries("role", "team_function");
        if (m.containsKey("role")) {
          role = ValueMap.parse(m.get("role"));
        }
        if (m.containsKey("team_function")) {
          function = ValueMap.parse(m.get("team_function"));
        }
      }
      if (e.containsKey("defaults")) {
        for (Map.Entry<String, ConfigNode> d :
            e.get("defaults").entries("role", "function", "team_id", "on_call").entrySet()) {
          defaults.put(
              d.getKey(),
              d.getKey().equals("on_call")
                  ? String.valueOf(d.getValue().bool())
                  : d.getValue().string());
        }
      }
    }
    return new Section(personId, teamGroups, role, function, Map.copyOf(defaults));
  }

  /** One resource read, with its position. */
  record Resource(AdapterRun.Input file, String pointer, String type, JsonNode node) {}

  @Override
  public void convert(AdapterRun run) throws IOException {
    Section s = run.section();
    List<Resource> users = new ArrayList<>();
    List<Resource> groups = new ArrayList<>();
    for (AdapterRun.Input in : run.inputs()) {
      read(run, in, users, groups);
    }
    if (users.isEmpty() && groups.isEmpty()) {
      throw AdapterException.unusable(
          "No SCIM User or Group resource in the input: a snapshot needs a full GET /Users and"
              + " GET /Groups export (change streams are refused)");
    }
    new ScimMapper(run, s, users, groups).convert();
  }

  private static void read(
      AdapterRun run, AdapterRun.Input in, List<Resource> users, List<Resource> groups)
      throws IOException {
    ObjectNode top = JSON.createObjectNode();
    List<Resource> listed = new ArrayList<>();
    try {
      JsonStream.elements(
          in.path(),
          "Resources",
          (pointer, node) -> listed.add(new Resource(in, pointer, null, node)),
          top::set);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      run.report()
          .unparseable(
              in.name(), "-", "line " + e.getLocation().getLineNr(), e.getOriginalMessage());
      return;
    }
    Set<String> schemas = schemas(top);
    if (schemas.contains(MSG + "PatchOp")
        || schemas.contains(MSG + "BulkRequest")
        || schemas.contains(MSG + "BulkResponse")) {
      AdapterReport.Account acc = run.report().account(in.name(), "-").read();
      run.report()
          .reject(
              acc,
              "",
              null,
              List.of("change_stream"),
              "needs a full GET /Users and /Groups export");
      return;
    }
    if (schemas.contains(MSG + "Error")
        || schemas.contains(MSG + "SearchRequest")
        || schemas.contains(CORE + "Schema")
        || schemas.contains(CORE + "ResourceType")
        || schemas.contains(CORE + "ServiceProviderConfig")) {
      run.report().account(in.name(), "-").read().skipped("not_data");
      return;
    }
    List<Resource> resources;
    if (schemas.contains(MSG + "ListResponse")) {
      long total = top.path("totalResults").asLong(listed.size());
      if (total > listed.size()) {
        throw AdapterException.unusable(
            in.name()
                + ": ListResponse totalResults "
                + total
                + " but "
                + listed.size()
                + " resources received: export every page (incomplete snapshot)");
      }
      resources = listed;
    } else {
      resources = List.of(new Resource(in, "", null, top));
    }
    for (Resource r : resources) {
      String type = type(r.node());
      if (type == null) {
        AdapterReport.Account acc = run.report().account(in.name(), "-").read();
        run.report()
            .reject(
                acc,
                r.pointer(),
                text(r.node(), "id"),
                List.of("unknown_resource_type"),
                Redaction.excerpt(r.node()));
        continue;
      }
      switch (type) {
        case "User" -> users.add(new Resource(in, r.pointer(), type, r.node()));
        case "Group" -> groups.add(new Resource(in, r.pointer(), type, r.node()));
        default -> run.report().account(in.name(), "-").read().skipped("not_data");
      }
    }
  }

  static Set<String> schemas(JsonNode n) {
    Set<String> out = new LinkedHashSet<>();
    n.path("schemas").forEach(x -> out.add(x.asText()));
    return out;
  }

  static String type(JsonNode n) {
    Set<String> s = schemas(n);
    if (s.contains(CORE + "User")) {
      return "User";
    }
    if (s.contains(CORE + "Group")) {
      return "Group";
    }
    if (s.stream().anyMatch(x -> x.startsWith(CORE) || x.startsWith(MSG))) {
      return "other";
    }
    String rt = text(n.path("meta"), "resourceType");
    if (rt != null) {
      return rt.equals("User") || rt.equals("Group") ? rt : "other";
    }
    return null;
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  static JsonNode enterprise(JsonNode user) {
    return user.path(ENTERPRISE);
  }

  static Map<String, Object> row() {
    return new LinkedHashMap<>();
  }
}
