package io.stratify.common.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Report excerpts without the fields of principle 5 (ADAPTERS.md section 2): passwords,
 * certificates, phone numbers, addresses, prompts and completions, contact methods.
 */
public final class Redaction {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REDACTED =
      Set.of(
          "password",
          "x509certificates",
          "phonenumbers",
          "addresses",
          "messages",
          "response",
          "input",
          "output",
          "gen_ai.input.messages",
          "gen_ai.output.messages",
          "contact_methods",
          "ims",
          "photos");
  private static final int MAX = 300;

  private Redaction() {}

  /** True for a field name that never leaves an adapter. */
  public static boolean isRedacted(String field) {
    return REDACTED.contains(field.toLowerCase(Locale.ROOT));
  }

  /** A JSON excerpt with redacted fields replaced by {@code "[redacted]"}, at most 300 chars. */
  public static String excerpt(JsonNode node) {
    if (node == null) {
      return "";
    }
    JsonNode copy = node.deepCopy();
    scrub(copy);
    String s = copy.toString();
    return s.length() > MAX ? s.substring(0, MAX) + "..." : s;
  }

  /** An excerpt of a plain map (e.g. a YAML document). */
  public static String excerpt(Map<?, ?> map) {
    JsonNode tree = JSON.valueToTree(map);
    return excerpt(tree);
  }

  private static void scrub(JsonNode n) {
    if (n instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (isRedacted(e.getKey())) {
          e.setValue(o.textNode("[redacted]"));
        } else {
          scrub(e.getValue());
        }
      }
    } else if (n != null && n.isArray()) {
      n.forEach(Redaction::scrub);
    }
  }
}
