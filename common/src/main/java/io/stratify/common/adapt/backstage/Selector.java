package io.stratify.common.adapt.backstage;

import io.stratify.common.adapt.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code deployments.select}: terms joined by {@code or}: {@code tag:X}, {@code label:K=V}, {@code
 * annotation:K=V} or {@code annotation:K} (present).
 */
final class Selector {
  private record Term(String kind, String key, String value) {}

  private final List<Term> terms;

  private Selector(List<Term> terms) {
    this.terms = terms;
  }

  static Selector parse(String text, ConfigNode node) {
    List<Term> terms = new ArrayList<>();
    for (String part : text.split("\\s+or\\s+")) {
      String p = part.trim();
      int colon = p.indexOf(':');
      String kind = colon < 0 ? "" : p.substring(0, colon);
      String rest = colon < 0 ? "" : p.substring(colon + 1);
      if (!List.of("tag", "label", "annotation").contains(kind) || rest.isEmpty()) {
        throw node.error(
            "cannot read selector term '" + p + "'; expected tag:X, label:K=V or annotation:K=V");
      }
      int eq = rest.indexOf('=');
      terms.add(
          eq < 0
              ? new Term(kind, rest, null)
              : new Term(kind, rest.substring(0, eq), rest.substring(eq + 1)));
    }
    return new Selector(terms);
  }

  static Selector parse(String text) {
    return parse(text, null);
  }

  @SuppressWarnings("unchecked")
  boolean matches(Map<String, Object> metadata) {
    for (Term t : terms) {
      switch (t.kind) {
        case "tag" -> {
          Object tags = metadata.get("tags");
          if (tags instanceof List<?> l
              && l.stream().anyMatch(x -> t.key.equals(String.valueOf(x)))) {
            return true;
          }
        }
        default -> {
          Object m = metadata.get(t.kind.equals("label") ? "labels" : "annotations");
          if (m instanceof Map<?, ?> map && map.containsKey(t.key)) {
            if (t.value == null || t.value.equals(String.valueOf(map.get(t.key)))) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}
