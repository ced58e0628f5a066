package io.stratify.common.adapt.incident;

import io.stratify.common.adapt.AdapterConfig;
import io.stratify.common.adapt.AdapterException;
import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.ColumnSource;
import io.stratify.common.adapt.ConfigNode;
import io.stratify.common.adapt.FormatSection;
import io.stratify.common.adapt.OnCallSource;
import io.stratify.common.adapt.ValueMap;
import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The parsed {@code pagerduty:}, {@code opsgenie:} or {@code incidentio:} section (ADAPTERS §4.1,
 * §8): the value maps, Opsgenie's {@code opened_from} and {@code defaults.function}, and the
 * on-call window ({@code oncall: {max_level, lookback_days}}).
 */
record IncidentSection(
    String format,
    Map<String, ValueMap> maps,
    Map<String, String> timestamps,
    boolean openedFromImpactStart,
    String defaultFunction,
    int maxLevel,
    int lookbackDays)
    implements FormatSection {

  /** Each {@code map.<key>} a section may hold, and the setting it gives. */
  private static final Map<String, BiConsumer<IncidentSettings.Values, ValueMap>> MAP_SETTINGS =
      Map.of(
          "service", (s, map) -> s.service = map,
          "escalation_policy_team", (s, map) -> s.escalationPolicyTeam = map,
          "severity_priority", (s, map) -> s.severityPriority = map,
          "severity_urgency", (s, map) -> s.severityUrgency = map,
          "severity", (s, map) -> s.severityName = map,
          "detected_by", (s, map) -> s.detectedBy = map,
          "custom_field", (s, map) -> s.customField = map);

  static IncidentSection parse(String format, ConfigNode section, String... mapKeys) {
    Map<String, ValueMap> maps = new HashMap<>();
    Map<String, String> timestamps = new LinkedHashMap<>(IncidentSettings.DEFAULT_TIMESTAMPS);
    boolean impactStart = false;
    String function = null;
    int maxLevel = OnCallRoster.MAX_LEVEL_DEFAULT;
    int lookback = OnCallRoster.LOOKBACK_DAYS_DEFAULT;
    if (section != null && !section.isNull()) {
      List<String> allowed = new ArrayList<>(List.of("map"));
      if (!format.equals(IncidentIoIncidents.FORMAT)) {
        allowed.add("oncall");
      }
      if (format.equals(OpsgenieIncidents.FORMAT)) {
        allowed.addAll(List.of("opened_from", "defaults"));
      }
      Map<String, ConfigNode> e = section.entries(allowed.toArray(String[]::new));
      if (e.containsKey("map")) {
        List<String> keys = new ArrayList<>(List.of(mapKeys));
        Map<String, ConfigNode> m = e.get("map").entries(keys.toArray(String[]::new));
        for (Map.Entry<String, ConfigNode> me : m.entrySet()) {
          if (me.getKey().equals("timestamps")) {
            me.getValue()
                .entries("opened_at", "acknowledged_at", "resolved_at")
                .forEach((col, name) -> timestamps.put(col, name.string()));
          } else {
            maps.put(me.getKey(), ValueMap.parse(me.getValue()));
          }
        }
      }
      if (e.containsKey("oncall")) {
        Map<String, ConfigNode> o = e.get("oncall").entries("max_level", "lookback_days");
        if (o.containsKey("max_level")) {
          maxLevel = (int) o.get("max_level").integer();
        }
        if (o.containsKey("lookback_days")) {
          lookback = (int) o.get("lookback_days").integer();
        }
      }
      if (e.containsKey("opened_from")) {
        impactStart =
            e.get("opened_from").oneOf("createdAt", "impactStartDate").equals("impactStartDate");
      }
      if (e.containsKey("defaults")) {
        ConfigNode f = e.get("defaults").entries("function").get("function");
        function = f == null ? null : f.string();
      }
    }
    return new IncidentSection(
        format,
        Map.copyOf(maps),
        Map.copyOf(timestamps),
        impactStart,
        function,
        maxLevel,
        lookback);
  }

  /** The converter settings for one run's org, with the identity file's rows for this vendor. */
  IncidentSettings settings(String org, AdapterConfig config) {
    return IncidentSettings.of(
        org,
        s -> {
          maps.forEach((key, map) -> MAP_SETTINGS.get(key).accept(s, map));
          s.timestamps = timestamps;
          s.openedFromImpactStart = openedFromImpactStart;
          s.identity = identity(config, format);
          s.defaultFunction = defaultFunction;
        });
  }

  /**
   * {@code on_call} for {@code people} (§8.2) from the on-call entries and users of this vendor's
   * converted drop, over the {@code oncall:} window, matched by the identity file's rows first.
   */
  Map<String, Boolean> onCall(
      LocalDate dt,
      List<OnCallEntry> oncalls,
      List<VendorUser> users,
      AdapterConfig config,
      List<OnCallSource.Person> people,
      AdapterReport report) {
    return new OnCallRoster(format, maxLevel, lookbackDays)
        .answer(dt, oncalls, users, identity(config, format), people, report);
  }

  /** The identity file's rows ({@code vendor,vendor_user_id,person_id}) for {@code vendor}. */
  private static Map<String, String> identity(AdapterConfig config, String vendor) {
    Path file = config.identityFile().orElse(null);
    if (file == null) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = format.parse(reader)) {
      if (!parser.getHeaderNames().containsAll(List.of("vendor", "vendor_user_id", "person_id"))) {
        throw AdapterException.unusable(
            "Cannot read identity file "
                + file
                + ": its header must be vendor,vendor_user_id,person_id");
      }
      for (CSVRecord r : parser) {
        if (vendor.equals(r.get("vendor"))) {
          out.put(r.get("vendor_user_id"), r.get("person_id"));
        }
      }
    } catch (IOException e) {
      throw AdapterException.unusable("Cannot read identity file " + file + ": " + e.getMessage());
    }
    return out;
  }

  @Override
  public List<ColumnSource> sources(LandingDataset ds, String column, AdapterConfig config) {
    List<ColumnSource> out = new ArrayList<>();
    switch (ds) {
      case INCIDENTS -> incidentSources(column, out);
      case INCIDENT_EVENTS -> {
        switch (column) {
          case "incident_id", "event_at", "event_type" -> out.add(ColumnSource.always("vendor"));
          case "event_id" -> out.add(ColumnSource.always("vendor event id or <type>:<id>"));
          case "team_id" -> out.add(ColumnSource.sometimes("teams / responder team"));
          case "person_id" -> out.add(ColumnSource.sometimes("user id > identity file"));
          default -> {}
        }
      }
      case TEAMS -> {
        switch (column) {
          case "team_id" -> out.add(ColumnSource.always("id"));
          case "team_name" -> out.add(ColumnSource.always("name"));
          case "function" -> {
            if (defaultFunction != null) {
              out.add(ColumnSource.always("defaults: " + defaultFunction));
            }
          }
          default -> {}
        }
      }
      default -> {}
    }
    return out;
  }

  private void incidentSources(String column, List<ColumnSource> out) {
    boolean pd = format.equals(PagerDutyIncidents.FORMAT);
    boolean og = format.equals(OpsgenieIncidents.FORMAT);
    switch (column) {
      case "incident_id" -> out.add(ColumnSource.always("id"));
      case "title" -> out.add(ColumnSource.sometimes(pd ? "title" : og ? "message" : "name"));
      case "severity" ->
          out.add(
              ColumnSource.always(
                  pd
                      ? "priority.name (map.severity_priority) > urgency (map.severity_urgency),"
                          + " else REJECT no_severity"
                      : og
                          ? "priority (map.severity_priority), else REJECT no_severity"
                          : "severity.name (map.severity) > severity.rank inverted, else REJECT"
                              + " no_severity"));
      case "opened_at" ->
          out.add(
              ColumnSource.always(
                  pd
                      ? "created_at"
                      : og
                          ? (openedFromImpactStart ? "impactStartDate" : "createdAt")
                          : "timestamp '" + timestamps.get("opened_at") + "' > created_at"));
      case "deployment_id" ->
          out.add(
              ColumnSource.sometimes(
                  pd
                      ? "service.id (map.service)"
                      : og ? "impactedServices (map.service)" : "custom field (map.custom_field)"));
      case "acknowledged_at" -> {
        if (!og) {
          out.add(
              ColumnSource.sometimes(
                  pd ? "first acknowledgement" : "timestamp '" + timestamps.get(column) + "'"));
        }
      }
      case "resolved_at" ->
          out.add(
              ColumnSource.sometimes(
                  pd
                      ? "resolved_at > last resolve log entry > last_status_change_at"
                      : og
                          ? "impactEndDate when resolved/closed"
                          : "timestamp '" + timestamps.get(column) + "'"));
      case "detected_by" -> {
        if (pd && maps.containsKey("detected_by")) {
          out.add(ColumnSource.sometimes("first trigger channel (map.detected_by)"));
        }
      }
      default -> {}
    }
  }
}
