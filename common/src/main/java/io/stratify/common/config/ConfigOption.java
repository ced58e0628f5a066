package io.stratify.common.config;

import java.util.function.Function;

/**
 * A named setting with its default. Keys are kebab-case, grouped by a dotted prefix ({@code
 * metrics.points-per-oncall-engineer}).
 *
 * @param key the key in config files and {@code --conf key=value}
 * @param defaultValue the value when nothing sets it, as text
 * @param description what it controls, for the docs and {@code --help}
 * @param parser text -> typed value; throws IllegalArgumentException saying what is wrong
 */
public record ConfigOption<T>(
    String key, String defaultValue, String description, Function<String, T> parser) {

  T parse(String text) {
    try {
      return parser.apply(text.trim());
    } catch (RuntimeException e) {
      // A parser's own "Cannot use ...: why" would repeat the head of this message.
      String why = String.valueOf(e.getMessage());
      if (why.startsWith("Cannot ") && why.contains(": ")) {
        why = why.substring(why.indexOf(": ") + 2);
      }
      throw new IllegalArgumentException("Cannot use " + key + "=" + text + ": " + why, e);
    }
  }
}
