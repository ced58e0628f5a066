package io.stratify.common.adapt;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A configured {@code map:} (ADAPTERS.md section 4.1): vendor value to landing value, keys are
 * globs or regular expressions, the first match in written order wins.
 *
 * <p>A key is a regular expression when it contains one of {@code ^$|()[]{}+\}; otherwise it is a
 * glob where {@code *} is any text and {@code ?} one character. Both match the whole value,
 * case-sensitively unless the regex says {@code (?i)}.
 */
public final class ValueMap {
  private record Entry(String key, Pattern pattern, String value) {}

  private final List<Entry> entries;

  private ValueMap(List<Entry> entries) {
    this.entries = entries;
  }

  public static ValueMap empty() {
    return new ValueMap(List.of());
  }

  /** A map built in code (built-in defaults, tests), keys in the map's iteration order. */
  public static ValueMap of(Map<String, String> written) {
    List<Entry> out = new ArrayList<>();
    written.forEach((k, v) -> out.add(new Entry(k, compile(k), v)));
    return new ValueMap(List.copyOf(out));
  }

  /** Parses a mapping node; exit 2 naming the key whose pattern does not compile. */
  public static ValueMap parse(ConfigNode node) {
    List<Entry> out = new ArrayList<>();
    for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
      String k = e.getKey();
      try {
        out.add(new Entry(k, compile(k), e.getValue().string()));
      } catch (PatternSyntaxException ex) {
        throw e.getValue().error("pattern '" + k + "' does not compile: " + ex.getDescription());
      }
    }
    return new ValueMap(List.copyOf(out));
  }

  static Pattern compile(String key) {
    if (key.matches(".*[\\^$|()\\[\\]{}+\\\\].*")) {
      return Pattern.compile(key);
    }
    StringBuilder re = new StringBuilder();
    for (char c : key.toCharArray()) {
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  /** The value of the first key matching {@code vendorValue}, if any. */
  public Optional<String> apply(String vendorValue) {
    if (vendorValue == null) {
      return Optional.empty();
    }
    for (Entry e : entries) {
      if (e.pattern.matcher(vendorValue).matches()) {
        return Optional.of(e.value);
      }
    }
    return Optional.empty();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The keys in written order (for {@code --explain}). */
  public List<String> keys() {
    return entries.stream().map(Entry::key).toList();
  }

  static boolean isIanaZone(String id) {
    return id != null && (id.equals("UTC") || ZoneId.getAvailableZoneIds().contains(id));
  }
}
