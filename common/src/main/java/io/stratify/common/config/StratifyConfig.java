package io.stratify.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Resolved settings: defaults, overridden by a properties file, overridden by {@code --conf
 * key=value}; the pseudonymisation key from the environment wins over both. Keys starting with
 * {@code spark.} are passed through to Spark; any other unknown key is refused, so a typo cannot
 * silently leave a default in place.
 */
public final class StratifyConfig {

  private final Map<String, String> raw;
  private final Map<String, String> env;
  private final Map<String, String> values;
  private final Map<String, String> sparkConf;
  private final String pseudonymisationKey;
  private final boolean developmentKey;

  private final Map<String, String> origins;

  private StratifyConfig(
      Map<String, String> raw, Map<String, String> env, Map<String, String> origins) {
    this.raw = Map.copyOf(raw);
    this.env = Map.copyOf(env);
    this.origins = Map.copyOf(origins);
    Map<String, String> known = new LinkedHashMap<>();
    Map<String, String> spark = new TreeMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      String key = e.getKey().trim();
      if (key.startsWith("spark.")) {
        spark.put(key, e.getValue());
      } else if (StratifyOptions.ALL.stream().anyMatch(o -> o.key().equals(key))) {
        known.put(key, e.getValue());
      } else {
        throw new IllegalArgumentException(
            "Cannot use setting '"
                + key
                + "'"
                + origin(key)
                + ": unknown. Known settings: "
                + StratifyOptions.ALL.stream()
                    .map(ConfigOption::key)
                    .collect(Collectors.joining(", "))
                + " (and spark.* for Spark)");
      }
    }
    this.values = known;
    this.sparkConf = spark;
    for (ConfigOption<?> option : StratifyOptions.ALL) {
      try {
        get(option);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + origin(option.key()), e);
      }
    }
    double approaching = get(StratifyOptions.BOUNDARY_APPROACHING_RATIO);
    double exceeded = get(StratifyOptions.BOUNDARY_EXCEEDED_RATIO);
    if (approaching > exceeded) {
      throw new IllegalArgumentException(
          "Cannot use "
              + StratifyOptions.BOUNDARY_APPROACHING_RATIO.key()
              + "="
              + approaching
              + " with "
              + StratifyOptions.BOUNDARY_EXCEEDED_RATIO.key()
              + "="
              + exceeded
              + ": 'approaching' must start at or below 'exceeded'");
    }
    String fromEnv = env.get(StratifyOptions.PSEUDONYMISATION_KEY_ENV);
    this.pseudonymisationKey =
        fromEnv != null && !fromEnv.isEmpty() ? fromEnv : get(StratifyOptions.PSEUDONYMISATION_KEY);
    this.developmentKey = pseudonymisationKey.equals(StratifyOptions.PSEUDONYMISATION_KEY_DEFAULT);
  }

  /** Defaults only (tests, and runs with no settings). */
  public static StratifyConfig defaults() {
    return new StratifyConfig(Map.of(), Map.of(), Map.of());
  }

  /**
   * @param file a Java properties file, or null
   * @param overrides {@code key=value} pairs from the command line, applied last
   * @param env the process environment
   */
  public static StratifyConfig load(
      Path file, Map<String, String> overrides, Map<String, String> env) throws IOException {
    Map<String, String> raw = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("Cannot read config file " + file + ": no such file");
      }
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (String k : p.stringPropertyNames()) {
        raw.put(k, p.getProperty(k));
        origins.put(k.trim(), " (" + file + lineOf(lines, k) + ")");
      }
    }
    raw.putAll(overrides);
    overrides.keySet().forEach(k -> origins.remove(k.trim()));
    return new StratifyConfig(raw, env, origins);
  }

  /** ":N", the line of the file that sets {@code key}; empty when it cannot be told. */
  private static String lineOf(List<String> lines, String key) {
    String found = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).stripLeading();
      if (line.startsWith(key)
          && (line.length() == key.length() || "=: \t".indexOf(line.charAt(key.length())) >= 0)) {
        found = ":" + (i + 1); // the last one wins, as in Properties
      }
    }
    return found;
  }

  /** Where a key was set, for error messages: " (file:line)", or "" for --conf. */
  private String origin(String key) {
    return origins.getOrDefault(key, "");
  }

  /** A copy with one more override, for tests and programmatic use. */
  public StratifyConfig with(String key, String value) {
    Map<String, String> changed = new LinkedHashMap<>(raw);
    changed.put(key, value);
    return new StratifyConfig(changed, env, origins);
  }

  public <T> T get(ConfigOption<T> option) {
    return option.parse(values.getOrDefault(option.key(), option.defaultValue()));
  }

  /** Settings for Spark ({@code spark.*} keys). */
  public Map<String, String> sparkConf() {
    return Map.copyOf(sparkConf);
  }

  public String pseudonymisationKey() {
    return pseudonymisationKey;
  }

  /** Whether the documented development key is in use (runs warn about it). */
  public boolean usesDevelopmentKey() {
    return developmentKey;
  }

  /**
   * Every effective {@code metrics.*} setting, defaults included: full key -> value as text, in the
   * order of {@link StratifyOptions#ALL}. Recorded with each published marts version.
   */
  public Map<String, String> metricSettingsByKey() {
    Map<String, String> settings = new LinkedHashMap<>();
    for (ConfigOption<?> option : StratifyOptions.ALL) {
      if (option.key().startsWith(StratifyOptions.METRICS_PREFIX)) {
        settings.put(option.key(), values.getOrDefault(option.key(), option.defaultValue()).trim());
      }
    }
    return settings;
  }

  public MetricSettings metricSettings() {
    return new MetricSettings(
        get(StratifyOptions.POINTS_PER_ONCALL_ENGINEER),
        get(StratifyOptions.BOUNDARY_APPROACHING_RATIO),
        get(StratifyOptions.BOUNDARY_EXCEEDED_RATIO),
        get(StratifyOptions.OWNERSHIP_ASSIGNMENT_WINDOW_MINUTES),
        get(StratifyOptions.DEFAULT_LOADED_HOURLY_COST_USD),
        get(StratifyOptions.ATTRIBUTION_WINDOW_DAYS).isPresent()
            ? get(StratifyOptions.ATTRIBUTION_WINDOW_DAYS).getAsInt()
            : null,
        get(StratifyOptions.DEGRADED_LATENCY_DRIFT),
        get(StratifyOptions.DEGRADED_ERROR_RATE_DRIFT));
  }
}
