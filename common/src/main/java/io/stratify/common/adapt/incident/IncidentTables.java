package io.stratify.common.adapt.incident;

import java.util.List;

/**
 * The two landing datasets every incident format writes, with their column order (LANDING v1.1).
 */
final class IncidentTables {

  static final String INCIDENTS = "incidents";
  static final String EVENTS = "incident_events";

  static final List<String> INCIDENT_COLUMNS =
      List.of(
          "org_id",
          "incident_id",
          "deployment_id",
          "change_id",
          "title",
          "severity",
          "opened_at",
          "acknowledged_at",
          "resolved_at",
          "detected_by",
          "root_cause",
          "customer_impact");

  static final List<String> EVENT_COLUMNS =
      List.of(
          "org_id", "incident_id", "event_id", "event_at", "event_type", "team_id", "person_id");

  private IncidentTables() {}

  /** The incidents table with the format's {@code x_} columns (sorted here). */
  static OutputTable incidents(String... extraColumns) {
    List<String> extras = java.util.Arrays.stream(extraColumns).sorted().toList();
    return new OutputTable(
        INCIDENTS,
        java.util.stream.Stream.concat(INCIDENT_COLUMNS.stream(), extras.stream()).toList(),
        2);
  }

  static OutputTable events() {
    return new OutputTable(EVENTS, EVENT_COLUMNS, 3);
  }
}
