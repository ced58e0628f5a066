package io.stratify.common.adapt.backstage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratify.common.adapt.AdapterFormat;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.ConfigNode;
import io.stratify.common.adapt.FormatSection;
import io.stratify.common.adapt.JsonStream;
import io.stratify.common.adapt.Redaction;
import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Backstage catalogs (YAML, catalog API JSON) to teams, people, deployments (ADAPTERS.md 6). */
public final class BackstageFormat implements AdapterFormat {
  /** Documents that are not mapped (counted per input file under this pseudo-dataset). */
  static final String UNMAPPED = "-";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One catalog entity with where it came from. */
  record Entity(
      AdapterRun.Input file, String position, Map<String, Object> doc, String kind, Ref ref) {
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata() {
      Object m = doc.get("metadata");
      return m instanceof Map<?, ?> ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> spec() {
      Object m = doc.get("spec");
      return m instanceof Map<?, ?> ? (Map<String, Object>) m : Map.of();
    }

    Map<String, Object> annotations() {
      return map(metadata().get("annotations"));
    }

    String annotation(String key) {
      Object v = annotations().get(key);
      return v == null ? null : String.valueOf(v);
    }

    /** Relation target refs of one type (catalog API JSON), or null without relations. */
    List<Ref> relations(String type) {
      Object r = doc.get("relations");
      if (!(r instanceof List<?> list)) {
        return null;
      }
      List<Ref> out = new ArrayList<>();
      for (Object o : list) {
        Map<String, Object> m = map(o);
        if (type.equals(m.get("type")) && m.get("targetRef") != null) {
          out.add(Ref.parse(String.valueOf(m.get("targetRef")), "component", "default"));
        }
      }
      return out;
    }
  }

  @Override
  public String name() {
    return "backstage";
  }

  @Override
  public Set<LandingDataset> datasets() {
    return Set.of(
        LandingDataset.ORGS,
        LandingDataset.TEAMS,
        LandingDataset.PEOPLE,
        LandingDataset.DEPLOYMENTS);
  }

  @Override
  public Set<LandingDataset> datasetsOnlyWhenOwned() {
    return Set.of(LandingDataset.ORGS);
  }

  @Override
  public FormatSection parseSection(ConfigNode section) {
    return BackstageSection.parse(section);
  }

  @Override
  public void convert(AdapterRun run) throws IOException {
    BackstageSection s = run.section();
    List<Entity> entities = new ArrayList<>();
    for (AdapterRun.Input in : run.inputs()) {
      String n = in.name().toLowerCase(Locale.ROOT);
      if (n.endsWith(".yaml") || n.endsWith(".yml")) {
        readYaml(run, in, entities);
      } else if (n.endsWith(".json")) {
        readJson(run, in, entities);
      } else {
        run.report().account(in.name(), UNMAPPED).read().skipped("not_a_catalog_file");
      }
    }
    new BackstageMapper(run, s, entities).convert();
  }

  private static void readYaml(AdapterRun run, AdapterRun.Input in, List<Entity> out)
      throws IOException {
    List<Entity> found = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(in.path())) {
      int i = 0;
      for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(r)) {
        if (doc == null) {
          continue;
        }
        found.add(entity(in, "document " + (i + 1), doc));
        i++;
      }
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      run.report().unparseable(in.name(), UNMAPPED, "line " + line, e.getProblem());
      return;
    }
    out.addAll(found);
  }

  private static void readJson(AdapterRun run, AdapterRun.Input in, List<Entity> out)
      throws IOException {
    try {
      JsonStream.elements(
          in.path(),
          "items",
          (pointer, node) -> out.add(entity(in, pointer, JSON.convertValue(node, Map.class))),
          null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      run.report()
          .unparseable(
              in.name(), UNMAPPED, "line " + e.getLocation().getLineNr(), e.getOriginalMessage());
    }
  }

  private static Entity entity(AdapterRun.Input in, String position, Object doc) {
    Map<String, Object> m = map(doc);
    Object kindObj = m.get("kind");
    String kind = kindObj == null ? null : String.valueOf(kindObj).toLowerCase(Locale.ROOT);
    Map<String, Object> meta = map(m.get("metadata"));
    Object name = meta.get("name");
    Object ns = meta.get("namespace");
    Ref ref =
        kind == null || name == null
            ? null
            : new Ref(kind, ns == null ? "default" : String.valueOf(ns), String.valueOf(name));
    return new Entity(in, position, m, kind, ref);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object x : l) {
        if (x != null) {
          out.add(String.valueOf(x));
        }
      }
    } else if (o != null) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  static String excerpt(Entity e) {
    return Redaction.excerpt(e.doc());
  }

  static Optional<String> text(Object o) {
    if (o == null) {
      return Optional.empty();
    }
    String s = String.valueOf(o).trim();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
