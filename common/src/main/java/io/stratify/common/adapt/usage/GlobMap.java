package io.stratify.common.adapt.usage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A configured {@code map:} of vendor values: glob keys ({@code gpt-4o*}) or, when the key starts
 * with {@code (?} or {@code ^}, regular expressions; the first match in written order wins.
 */
public final class GlobMap {
  private record Entry(Pattern pattern, String value) {}

  private final List<Entry> entries = new ArrayList<>();

  /**
   * @param name the config key, named in errors
   * @param entries pattern to value, in written order
   * @throws UsageConfigException if a pattern does not compile
   */
  public GlobMap(String name, Map<String, String> entries) {
    for (Map.Entry<String, String> e : new LinkedHashMap<>(entries).entrySet()) {
      this.entries.add(new Entry(compile(name, e.getKey()), e.getValue()));
    }
  }

  public static GlobMap empty() {
    return new GlobMap("", Map.of());
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  static Pattern compile(String name, String key) {
    try {
      if (key.startsWith("(?") || key.startsWith("^")) {
        return Pattern.compile(key);
      }
      StringBuilder regex = new StringBuilder();
      for (char c : key.toCharArray()) {
        switch (c) {
          case '*' -> regex.append(".*");
          case '?' -> regex.append('.');
          default -> regex.append(Pattern.quote(String.valueOf(c)));
        }
      }
      return Pattern.compile(regex.toString());
    } catch (PatternSyntaxException e) {
      throw new UsageConfigException(
          "Cannot use " + name + " pattern '" + key + "': " + e.getDescription());
    }
  }

  /** The value of the first pattern matching the whole of {@code vendorValue}. */
  public Optional<String> lookup(String vendorValue) {
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
}
