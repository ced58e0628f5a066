package io.stratify.common.adapt;

import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The adapter configuration (ADAPTERS.md section 4), validated at start: every problem exits 2 with
 * file, line and key. Format sections are parsed by their formats ({@link
 * AdapterFormat#parseSection}).
 */
public final class AdapterConfig {
  /** {@code owners.inference_usage: {merge: ...}}. */
  public record Merge(String usageFrom, String costFrom, List<String> key) {}

  public static final String ON_CALL_OWNER = "people.on_call";
  private static final List<String> ORGS_KEYS =
      List.of(
          "org_name",
          "industry",
          "size_band",
          "region",
          "timezone",
          "benchmark_consent",
          "loaded_hourly_cost_usd");

  private final Path file;
  private final String hash;
  private final String org;
  private final Map<String, String> orgs;
  private final Map<String, String> owners;
  private final Merge merge;
  private final Path identityFile;
  private final Double rejectedPct;
  private final Map<String, ConfigNode> sections;

  private AdapterConfig(
      Path file,
      String hash,
      String org,
      Map<String, String> orgs,
      Map<String, String> owners,
      Merge merge,
      Path identityFile,
      Double rejectedPct,
      Map<String, ConfigNode> sections) {
    this.file = file;
    this.hash = hash;
    this.org = org;
    this.orgs = orgs;
    this.owners = owners;
    this.merge = merge;
    this.identityFile = identityFile;
    this.rejectedPct = rejectedPct;
    this.sections = sections;
  }

  /** No configuration file: everything must come from vendor fields. */
  public static AdapterConfig none() {
    return new AdapterConfig(null, null, null, Map.of(), Map.of(), null, null, null, Map.of());
  }

  /** Loads and validates {@code file}; exit 2 (naming file, line and key) on any problem. */
  public static AdapterConfig load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw AdapterException.unusable("Cannot read adapter config " + file + ": " + e);
    }
    Node root;
    try (Reader r =
        new java.io.InputStreamReader(
            new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(true); // reported by ConfigNode with its line
      root = new Yaml(options).compose(r);
    } catch (MarkedYAMLException e) {
      throw AdapterException.unusable(
          file.getFileName()
              + ":"
              + (e.getProblemMark() == null ? "?" : e.getProblemMark().getLine() + 1)
              + ": not valid YAML: "
              + e.getProblem()
              + " (config "
              + file
              + ")");
    } catch (IOException | RuntimeException e) {
      throw AdapterException.unusable("Cannot parse adapter config " + file + ": " + e);
    }
    if (root == null) {
      throw AdapterException.unusable("Adapter config " + file + " is empty");
    }
    ConfigNode top = new ConfigNode(file, "", root);
    Map<String, ConfigNode> entries = top.entries();
    String org = null;
    Map<String, String> orgs = new LinkedHashMap<>();
    Map<String, String> owners = new LinkedHashMap<>();
    Merge merge = null;
    Path identity = null;
    Double rejectedPct = null;
    Map<String, ConfigNode> sections = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : entries.entrySet()) {
      ConfigNode n = e.getValue();
      switch (e.getKey()) {
        case "org" -> org = n.string();
        case "orgs" -> {
          for (Map.Entry<String, ConfigNode> o :
              n.entries(ORGS_KEYS.toArray(String[]::new)).entrySet()) {
            String v =
                o.getKey().equals("timezone") ? o.getValue().timezone() : o.getValue().string();
            if (o.getKey().equals("benchmark_consent")) {
              v = String.valueOf(o.getValue().bool());
            }
            orgs.put(o.getKey(), v);
          }
        }
        case "owners" -> {
          for (Map.Entry<String, ConfigNode> o : n.entries().entrySet()) {
            String ds = o.getKey();
            ConfigNode v = o.getValue();
            if (!ds.equals(ON_CALL_OWNER) && LandingDataset.fromFolder(ds).isEmpty()) {
              throw v.error("unknown dataset; expected a landing dataset or " + ON_CALL_OWNER);
            }
            if (v.isMap()) {
              ConfigNode m = v.entries("merge").get("merge");
              if (m == null || !ds.equals("inference_usage")) {
                throw v.error("only inference_usage takes {merge: ...}");
              }
              Map<String, ConfigNode> me = m.entries("usage_from", "cost_from", "key");
              for (String req : List.of("usage_from", "cost_from", "key")) {
                if (!me.containsKey(req)) {
                  throw m.error("merge needs " + req);
                }
              }
              merge =
                  new Merge(
                      knownFormat(me.get("usage_from")),
                      knownFormat(me.get("cost_from")),
                      me.get("key").stringList());
              owners.put(ds, merge.usageFrom());
            } else {
              owners.put(ds, knownFormat(v));
            }
          }
        }
        case "identity" -> {
          ConfigNode f = n.entries("file").get("file");
          if (f == null) {
            throw n.error("identity needs file:");
          }
          Path dir = file.toAbsolutePath().getParent();
          identity = dir.resolve(f.string());
        }
        case "fail_if" -> {
          ConfigNode p = n.entries("rejected_pct").get("rejected_pct");
          if (p != null) {
            double v = p.decimal().doubleValue();
            if (v < 0 || v > 100) {
              throw p.error("rejected_pct must be between 0 and 100");
            }
            rejectedPct = v;
          }
        }
        default -> {
          if (AdapterRegistry.find(e.getKey()).isEmpty()) {
            throw n.error(
                "unknown key; expected org, orgs, owners, identity, fail_if or a format name "
                    + AdapterRegistry.names());
          }
          sections.put(e.getKey(), n);
        }
      }
    }
    if (merge != null) {
      for (String f : List.of(merge.usageFrom(), merge.costFrom())) {
        if (!sections.containsKey(f)) {
          throw entries
              .get("owners")
              .error("the inference_usage merge names format " + f + ", which has no section");
        }
      }
    }
    return new AdapterConfig(
        file, sha256(bytes), org, orgs, owners, merge, identity, rejectedPct, sections);
  }

  private static String knownFormat(ConfigNode n) {
    String name = n.string();
    if (AdapterRegistry.find(name).isEmpty()) {
      throw n.error("unknown format '" + name + "'; known: " + AdapterRegistry.names());
    }
    return name;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The config file, or null without one. */
  public Path file() {
    return file;
  }

  /** SHA-256 of the file's bytes, or null. */
  public String hash() {
    return hash;
  }

  public Optional<String> org() {
    return Optional.ofNullable(org);
  }

  /** The {@code orgs:} values (strings; booleans as true/false). */
  public Map<String, String> orgs() {
    return orgs;
  }

  /** Dataset (or {@code people.on_call}) to owning format; a merge maps to its usage_from. */
  public Map<String, String> owners() {
    return owners;
  }

  public Optional<Merge> merge() {
    return Optional.ofNullable(merge);
  }

  public Optional<Path> identityFile() {
    return Optional.ofNullable(identityFile);
  }

  public Optional<Double> rejectedPct() {
    return Optional.ofNullable(rejectedPct);
  }

  /** The raw section of a format, or null; formats parse it in {@link AdapterFormat}. */
  public ConfigNode section(String format) {
    return sections.get(format);
  }

  /** The formats with a section, in written order. */
  public List<String> sectionNames() {
    return List.copyOf(sections.keySet());
  }

  /**
   * The datasets {@code format} writes: those it can write that no other format owns (principle 7).
   */
  public List<LandingDataset> datasetsWrittenBy(AdapterFormat format) {
    return format.datasets().stream()
        .filter(
            ds -> {
              String owner = owners.get(ds.folder());
              return owner == null
                  ? !format.datasetsOnlyWhenOwned().contains(ds)
                  : owner.equals(format.name());
            })
        .sorted()
        .toList();
  }
}
