package io.stratify.common.adapt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One node of an adapter configuration file with its position, so that every validation error names
 * file, line and key (ADAPTERS.md section 4.2). Formats read their own section through it.
 */
public final class ConfigNode {
  private final Path file;
  private final String key;
  private final Node node;

  ConfigNode(Path file, String key, Node node) {
    this.file = file;
    this.key = key;
    this.node = node;
  }

  /** The dotted key of this node, e.g. {@code backstage.map.lifecycle}. */
  public String key() {
    return key;
  }

  /** 1-based line of this node in its file. */
  public int line() {
    return node.getStartMark().getLine() + 1;
  }

  public Path file() {
    return file;
  }

  /** An exit-2 error naming file, line and this node's key. */
  public AdapterException error(String what) {
    return AdapterException.unusable(
        file.getFileName() + ":" + line() + ": " + key + ": " + what + " (config " + file + ")");
  }

  public boolean isNull() {
    return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
  }

  public boolean isMap() {
    return node instanceof MappingNode;
  }

  public boolean isList() {
    return node instanceof SequenceNode;
  }

  public boolean isScalar() {
    return node instanceof ScalarNode && !isNull();
  }

  /** The entries of a mapping in written order; exit 2 if this is not a mapping. */
  public Map<String, ConfigNode> entries() {
    if (!(node instanceof MappingNode m)) {
      throw error("expected a mapping (key: value)");
    }
    Map<String, ConfigNode> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw error("keys must be plain text");
      }
      String name = k.getValue();
      String child = key.isEmpty() ? name : key + "." + name;
      if (out.containsKey(name)) {
        throw new ConfigNode(file, child, t.getKeyNode()).error("key given twice");
      }
      out.put(name, new ConfigNode(file, child, t.getValueNode()));
    }
    return out;
  }

  /**
   * The entries of a mapping whose keys must all be among {@code allowed}; an unknown key exits 2
   * naming it and the allowed keys.
   */
  public Map<String, ConfigNode> entries(String... allowed) {
    Map<String, ConfigNode> out = entries();
    Set<String> ok = Set.of(allowed);
    for (ConfigNode child : out.values()) {
      String name = child.key.substring(child.key.lastIndexOf('.') + 1);
      if (!ok.contains(name)) {
        throw child.error("unknown key; allowed here: " + new TreeSet<>(Arrays.asList(allowed)));
      }
    }
    return out;
  }

  /** The elements of a sequence; a scalar counts as a one-element list. */
  public List<ConfigNode> list() {
    if (node instanceof SequenceNode s) {
      List<ConfigNode> out = new ArrayList<>();
      for (int i = 0; i < s.getValue().size(); i++) {
        out.add(new ConfigNode(file, key + "[" + i + "]", s.getValue().get(i)));
      }
      return out;
    }
    if (isScalar()) {
      return List.of(this);
    }
    throw error("expected a list");
  }

  public List<String> stringList() {
    return list().stream().map(ConfigNode::string).toList();
  }

  /** The scalar's text; exit 2 if this is a mapping, list or null. */
  public String string() {
    if (!(node instanceof ScalarNode s) || isNull()) {
      throw error("expected a value");
    }
    return s.getValue();
  }

  public boolean bool() {
    String v = string();
    return switch (v) {
      case "true", "True", "TRUE" -> true;
      case "false", "False", "FALSE" -> false;
      default -> throw error("expected true or false, got '" + v + "'");
    };
  }

  public long integer() {
    try {
      return Long.parseLong(string().trim());
    } catch (NumberFormatException e) {
      throw error("expected a whole number, got '" + string() + "'");
    }
  }

  public java.math.BigDecimal decimal() {
    try {
      return new java.math.BigDecimal(string().trim());
    } catch (NumberFormatException e) {
      throw error("expected a number, got '" + string() + "'");
    }
  }

  /** A string from a closed set of values. */
  public String oneOf(String... values) {
    String v = string();
    if (!Arrays.asList(values).contains(v)) {
      throw error("'" + v + "' is not one of " + Arrays.toString(values));
    }
    return v;
  }

  /** The scalar compiled as a regular expression; exit 2 if it does not compile. */
  public Pattern regex() {
    try {
      return Pattern.compile(string());
    } catch (PatternSyntaxException e) {
      throw error("regular expression does not compile: " + e.getDescription());
    }
  }

  /** The scalar as an IANA time zone id; exit 2 otherwise (e.g. "CET+1", "EST5"). */
  public String timezone() {
    String v = string();
    if (!ValueMap.isIanaZone(v)) {
      throw error("'" + v + "' is not an IANA time zone id (e.g. Europe/Berlin, UTC)");
    }
    return v;
  }
}
