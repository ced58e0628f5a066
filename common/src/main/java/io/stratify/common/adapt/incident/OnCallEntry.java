package io.stratify.common.adapt.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One on-call entry of a vendor (ADAPTERS §8.2): who (vendor user id and/or email), at which
 * escalation level, from when to when. Null {@code start}/{@code end} mean open-ended (PagerDuty
 * permanent on-calls; Opsgenie's current on-call recipients, on call when exported).
 */
public record OnCallEntry(
    String vendor, String userId, String email, int escalationLevel, Instant start, Instant end) {

  /** A PagerDuty {@code /oncalls} object, or null when it names no user. */
  static OnCallEntry fromPagerDuty(JsonNode oncall) {
    JsonNode user = oncall.path("user");
    String id = VendorJson.text(user, "id");
    String email = VendorJson.text(user, "email");
    if (id == null && email == null) {
      return null;
    }
    int level = oncall.path("escalation_level").asInt(1);
    VendorTime.Parsed start = VendorTime.parse(VendorJson.text(oncall, "start"));
    VendorTime.Parsed end = VendorTime.parse(VendorJson.text(oncall, "end"));
    return new OnCallEntry(
        "pagerduty",
        id,
        email,
        level,
        start == null ? null : start.instant(),
        end == null ? null : end.instant());
  }

  /** True when the entry's level is at most {@code maxLevel} and it overlaps [from, to]. */
  boolean counts(int maxLevel, Instant from, Instant to) {
    return escalationLevel <= maxLevel
        && (start == null || !start.isAfter(to))
        && (end == null || !end.isBefore(from));
  }
}
