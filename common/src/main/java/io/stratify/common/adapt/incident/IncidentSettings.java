package io.stratify.common.adapt.incident;

import io.stratify.common.adapt.ValueMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The configuration an incident format reads (ADAPTERS §4.1, {@code pagerduty:}, {@code opsgenie:}
 * and {@code incidentio:} sections).
 *
 * @param org the org_id every row carries
 * @param service {@code map.service}: vendor service id -> deployment_id
 * @param escalationPolicyTeam {@code map.escalation_policy_team} (PagerDuty): policy id -> team_id
 * @param severityPriority {@code map.severity_priority}: P1..P5 -> 1..4
 * @param severityUrgency {@code map.severity_urgency} (PagerDuty): high/low -> 1..4
 * @param severityName {@code map.severity} (incident.io): severity name -> 1..4
 * @param detectedBy {@code map.detected_by}: trigger channel -> monitoring/customer/internal
 * @param timestamps {@code map.timestamps} (incident.io): landing column -> timestamp name
 * @param customField {@code map.custom_field} (incident.io): custom field value -> deployment_id
 * @param openedFromImpactStart Opsgenie {@code opened_from: impactStartDate}
 * @param identity vendor user id -> person_id (the {@code identity:} file, this vendor's rows)
 * @param defaultFunction {@code defaults.function} for the teams Opsgenie writes, or null
 */
public record IncidentSettings(
    String org,
    ValueMap service,
    ValueMap escalationPolicyTeam,
    ValueMap severityPriority,
    ValueMap severityUrgency,
    ValueMap severityName,
    ValueMap detectedBy,
    Map<String, String> timestamps,
    ValueMap customField,
    boolean openedFromImpactStart,
    Map<String, String> identity,
    String defaultFunction) {

  /** PagerDuty's default priority map (§8.1), which Opsgenie shares. */
  public static final Map<String, String> DEFAULT_SEVERITY_PRIORITY =
      Map.of("P1", "1", "P2", "2", "P3", "3", "P4", "4", "P5", "4");

  /** §8.1: high -> 2, low -> 4. */
  public static final Map<String, String> DEFAULT_SEVERITY_URGENCY =
      Map.of("high", "2", "low", "4");

  /** incident.io's default timestamp names (§8.5). */
  public static final Map<String, String> DEFAULT_TIMESTAMPS =
      Map.of(
          "opened_at", "Reported at",
          "acknowledged_at", "Accepted at",
          "resolved_at", "Resolved at");

  /** Settings with every map at its default and nothing mapped. */
  public static IncidentSettings defaults(String org) {
    return of(org, values -> {});
  }

  /**
   * Settings for {@code org} from the defaults with what differs assigned, e.g. {@code of(org, s ->
   * s.service = map)}: the one place settings are made.
   */
  public static IncidentSettings of(String org, Consumer<Values> set) {
    Values v = new Values();
    set.accept(v);
    return new IncidentSettings(
        org,
        v.service,
        v.escalationPolicyTeam,
        v.severityPriority,
        v.severityUrgency,
        v.severityName,
        v.detectedBy,
        Map.copyOf(v.timestamps),
        v.customField,
        v.openedFromImpactStart,
        Map.copyOf(v.identity),
        v.defaultFunction);
  }

  /** The values {@link #of} starts from (the defaults), each to assign where it differs. */
  public static final class Values {
    public ValueMap service = ValueMap.empty();
    public ValueMap escalationPolicyTeam = ValueMap.empty();
    public ValueMap severityPriority = ValueMap.of(DEFAULT_SEVERITY_PRIORITY);
    public ValueMap severityUrgency = ValueMap.of(DEFAULT_SEVERITY_URGENCY);
    public ValueMap severityName = ValueMap.empty();
    public ValueMap detectedBy = ValueMap.empty();
    public Map<String, String> timestamps = DEFAULT_TIMESTAMPS;
    public ValueMap customField = ValueMap.empty();
    public boolean openedFromImpactStart;
    public Map<String, String> identity = Map.of();
    public String defaultFunction;

    private Values() {}
  }

  /** The person_id of a vendor user id: the identity file's, else the vendor id itself. */
  String person(String vendorUserId) {
    if (vendorUserId == null || vendorUserId.isEmpty()) {
      return null;
    }
    return identity.getOrDefault(vendorUserId, vendorUserId);
  }
}
