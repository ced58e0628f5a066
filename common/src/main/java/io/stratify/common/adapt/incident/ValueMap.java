package io.stratify.common.adapt.incident;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code map:} setting (ADAPTERS §4.1): vendor value -> landing value, keys matched in written
 * order, first match wins. A key is a regex when it starts with {@code ^} or {@code (?}, a glob
 * when it holds {@code *} or {@code ?}, else an exact value.
 */
public final class ValueMap {

  private record Entry(String key, Pattern pattern, String value) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, String> exact = new LinkedHashMap<>();

  /**
   * Builds the map; throws IllegalArgumentException naming a key whose pattern does not compile.
   */
  public static ValueMap of(Map<String, ?> written) {
    ValueMap map = new ValueMap();
    if (written != null) {
      written.forEach((k, v) -> map.put(k, v == null ? null : String.valueOf(v)));
    }
    return map;
  }

  private void put(String key, String value) {
    Pattern pattern = null;
    try {
      if (key.startsWith("^") || key.startsWith("(?")) {
        pattern = Pattern.compile(key);
      } else if (key.indexOf('*') >= 0 || key.indexOf('?') >= 0) {
        pattern = Pattern.compile(globToRegex(key));
      }
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "Cannot compile map key '" + key + "': " + e.getDescription(), e);
    }
    entries.add(new Entry(key, pattern, value));
    if (pattern == null) {
      exact.putIfAbsent(key, value);
    }
  }

  private static String globToRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> sb.append(".*");
        case '?' -> sb.append('.');
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }

  /** The mapped value, or null when no key matches (or the value is null). */
  public String apply(String vendorValue) {
    if (vendorValue == null) {
      return null;
    }
    if (entries.size() == exact.size()) {
      return exact.get(vendorValue);
    }
    for (Entry e : entries) {
      if (e.pattern == null
          ? e.key.equals(vendorValue)
          : e.key.startsWith("^") || e.key.startsWith("(?")
              ? e.pattern.matcher(vendorValue).find()
              : e.pattern.matcher(vendorValue).matches()) {
        return e.value;
      }
    }
    return null;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }
}
