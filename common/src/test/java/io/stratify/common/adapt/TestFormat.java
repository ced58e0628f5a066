package io.stratify.common.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A minimal format for the framework tests: a JSON array of {@code {id, name, parent, function}}
 * objects becomes teams rows. Section: {@code test: {defaults: {function: X}, skip_prefix: P}}.
 */
final class TestFormat implements AdapterFormat {
  static final String NAME = "testfmt";

  static final String OTHER = "testother";

  static {
    AdapterRegistry.register(NAME, () -> new TestFormat(NAME));
    AdapterRegistry.register(OTHER, () -> new TestFormat(OTHER));
  }

  private final String name;

  TestFormat(String name) {
    this.name = name;
  }

  static void ensureRegistered() {}

  record Section(String defaultFunction, String skipPrefix, ValueMap functions)
      implements FormatSection {
    @Override
    public List<ColumnSource> sources(LandingDataset ds, String column, AdapterConfig config) {
      List<ColumnSource> out = new ArrayList<>();
      switch (column) {
        case "team_id" -> out.add(ColumnSource.always("id"));
        case "team_name" -> out.add(ColumnSource.always("name"));
        case "parent_team_id" -> out.add(ColumnSource.sometimes("parent"));
        case "function" -> {
          out.add(ColumnSource.sometimes("function"));
          if (!functions.isEmpty()) {
            out.add(ColumnSource.sometimes("map.function"));
          }
          if (defaultFunction != null) {
            out.add(ColumnSource.always("defaults: " + defaultFunction));
          }
        }
        default -> {}
      }
      return out;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<LandingDataset> datasets() {
    return Set.of(LandingDataset.TEAMS);
  }

  @Override
  public FormatSection parseSection(ConfigNode section) {
    if (section == null) {
      return new Section(null, null, ValueMap.empty());
    }
    Map<String, ConfigNode> e = section.entries("defaults", "skip_prefix", "map");
    String def = null;
    if (e.containsKey("defaults")) {
      ConfigNode f = e.get("defaults").entries("function").get("function");
      def = f == null ? null : f.string();
    }
    ValueMap map = ValueMap.empty();
    if (e.containsKey("map")) {
      ConfigNode f = e.get("map").entries("function").get("function");
      map = f == null ? map : ValueMap.parse(f);
    }
    return new Section(
        def, e.containsKey("skip_prefix") ? e.get("skip_prefix").string() : null, map);
  }

  @Override
  public void convert(AdapterRun run) throws IOException {
    Section s = run.section();
    if (!run.writes(LandingDataset.TEAMS)) {
      return;
    }
    for (AdapterRun.Input in : run.inputs()) {
      AdapterReport.Account acc = run.account(in, LandingDataset.TEAMS);
      JsonStream.elements(
          in.path(),
          "teams",
          (pointer, node) -> {
            acc.read();
            String id = text(node, "id");
            if (id == null) {
              run.report().reject(acc, pointer, null, List.of("no_key"), Redaction.excerpt(node));
              return;
            }
            if (s.skipPrefix() != null && id.startsWith(s.skipPrefix())) {
              acc.skipped("skip_prefix");
              return;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("org_id", run.org());
            row.put("team_id", id.toLowerCase(java.util.Locale.ROOT));
            row.put("team_name", text(node, "name"));
            row.put("parent_team_id", text(node, "parent"));
            String function = text(node, "function");
            if (function != null) {
              function = s.functions().apply(function).orElse(function);
            } else {
              function = s.defaultFunction();
              run.report().defaulted("teams", "function", id);
            }
            row.put("function", function);
            row.put("x_source_pointer", pointer);
            run.emit(LandingDataset.TEAMS, row);
            acc.written().rows(1);
          },
          null);
    }
  }

  private static String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }
}
