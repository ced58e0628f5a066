package io.stratify.common.adapt.incident;

import static io.stratify.common.adapt.incident.LandingCheck.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ADAPTERS §8.2: on-call window and identity matching, on the Port examples' ambiguities. */
class OnCallRosterTest {

  private static final List<OnCallRoster.Person> PEOPLE =
      List.of(
          new OnCallRoster.Person("p-jdoe", "JDoe@GetPort.io"),
          new OnCallRoster.Person("p-jsmith", "jsmith@getport.io"),
          new OnCallRoster.Person("p-idle", "idle@getport.io"));

  private static PagerDutyIncidents.Result port() throws Exception {
    return new PagerDutyIncidents(IncidentSettings.defaults("acme"))
        .convert(resource("pagerduty/port"));
  }

  @Test
  void emailAloneIsAmbiguousInThePortExamples() throws Exception {
    PagerDutyIncidents.Result pd = port();
    // dt 2026-04-27 with a long lookback: all four oncalls (levels 1) overlap.
    OnCallRoster.Result r =
        new OnCallRoster("pagerduty", 1, 150)
            .decide(LocalDate.parse("2026-04-27"), pd.oncalls(), pd.users(), Map.of(), PEOPLE);
    // PJCRRLH is jdoe@ in oncalls/a.json and jsmith@ in oncalls/c.json; P4K4DLP is
    // jdoe@getport.io in users/a.json but jdoe@port.io in incidents/a.json.
    assertThat(r.accounting().warnings()).containsOnly(entry("ambiguous_identity", 2L));
    assertThat(r.accounting().warningExamples().get("ambiguous_identity"))
        .containsExactlyInAnyOrder("id PJCRRLH has 2 emails", "id P4K4DLP has 2 emails");
    assertThat(r.onCall())
        .containsOnly(entry("p-idle", false), entry("p-jdoe", false), entry("p-jsmith", false));
    assertThat(r.unmatchedEntries()).isEqualTo(4);
  }

  @Test
  void theIdentityFileWinsAndTheWindowDecides() throws Exception {
    PagerDutyIncidents.Result pd = port();
    Map<String, String> identity = Map.of("PJCRRLH", "p-jsmith", "P4K4DLP", "p-jdoe");
    OnCallRoster roster = new OnCallRoster("pagerduty", 1, 7);
    // [2026-04-03, 2026-04-10]: b (P4K4DLP to 04-06) and c (PJCRRLH from 04-06) overlap.
    assertThat(
            roster
                .decide(LocalDate.parse("2026-04-10"), pd.oncalls(), pd.users(), identity, PEOPLE)
                .onCall())
        .containsOnly(entry("p-idle", false), entry("p-jdoe", true), entry("p-jsmith", true));
    // [2026-03-15, 2026-03-22]: nobody.
    OnCallRoster.Result march =
        roster.decide(LocalDate.parse("2026-03-22"), pd.oncalls(), pd.users(), identity, PEOPLE);
    assertThat(march.onCall()).doesNotContainValue(true);
    assertThat(march.accounting().warnings()).isEmpty();
  }

  @Test
  void anEmailSeenWithSeveralIdsMatchesNobody() {
    List<OnCallEntry> entries =
        List.of(new OnCallEntry("opsgenie", null, "jdoe@getport.io", 1, null, null));
    List<VendorUser> observed =
        List.of(new VendorUser("A", "jdoe@getport.io"), new VendorUser("B", "JDOE@getport.io"));
    OnCallRoster.Result r =
        new OnCallRoster("opsgenie", 1, 7)
            .decide(LocalDate.parse("2026-04-10"), entries, observed, Map.of(), PEOPLE);
    assertThat(r.onCall()).containsEntry("p-jdoe", false);
    assertThat(r.accounting().warningExamples().get("ambiguous_identity"))
        .containsExactly("an email is used by vendor ids A, B");
  }

  @Test
  void aUniqueEmailMatchesCaseInsensitivelyAndLevelsAboveMaxDoNotCount() {
    Instant start = Instant.parse("2026-04-09T00:00:00Z");
    List<OnCallEntry> entries =
        List.of(
            new OnCallEntry("pagerduty", "U1", "jdoe@getport.io", 1, start, null),
            new OnCallEntry("pagerduty", "U2", "jsmith@getport.io", 2, start, null));
    OnCallRoster.Result r =
        new OnCallRoster("pagerduty", OnCallRoster.MAX_LEVEL_DEFAULT, 7)
            .decide(LocalDate.parse("2026-04-10"), entries, List.of(), Map.of(), PEOPLE);
    assertThat(r.onCall())
        .containsOnly(entry("p-idle", false), entry("p-jdoe", true), entry("p-jsmith", false));
  }

  @Test
  void opsgenieCurrentOnCallRecipientsMatchByEmail() throws Exception {
    OpsgenieIncidents.Result og =
        new OpsgenieIncidents(IncidentSettings.defaults("acme")).convert(resource("opsgenie/port"));
    List<OnCallRoster.Person> people =
        List.of(
            new OnCallRoster.Person("p2", "user2@example.com"),
            new OnCallRoster.Person("p4", "user4@example.com"));
    OnCallRoster.Result r =
        new OnCallRoster("opsgenie", 1, 7)
            .decide(LocalDate.parse("2023-09-27"), og.oncalls(), og.users(), Map.of(), people);
    assertThat(r.onCall()).containsOnly(entry("p2", true), entry("p4", false));
  }
}
