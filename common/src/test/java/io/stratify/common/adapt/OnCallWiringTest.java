package io.stratify.common.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADAPTERS.md section 8.2 end to end through the runner: {@code owners.people.on_call: pagerduty}
 * makes the Backstage people writer's {@code on_call} come from the PagerDuty drop of the same org
 * and dt, matched by the identity file, else by a safe email.
 */
class OnCallWiringTest {
  static final LocalDate DT = LocalDate.of(2026, 4, 10);

  static final String CATALOG =
      """
      apiVersion: backstage.io/v1alpha1
      kind: Group
      metadata: {name: team-a}
      spec: {type: team, children: []}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: User
      metadata: {name: alice}
      spec: {profile: {email: Alice@Acme.io}, memberOf: [team-a]}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: User
      metadata: {name: bob}
      spec: {profile: {email: bob@acme.io}, memberOf: [team-a]}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: User
      metadata: {name: carol}
      spec: {profile: {email: carol@acme.io}, memberOf: [team-a]}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: User
      metadata: {name: dave}
      spec: {profile: {email: dave@acme.io}, memberOf: [team-a]}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: User
      metadata: {name: erin}
      spec: {profile: {email: erin@acme.io}, memberOf: [team-a]}
      """;

  /**
   * alice by email, bob at level 2, carol by identity, dave ambiguous, erin off shift, PX nobody.
   */
  static final String ONCALLS =
      """
      {"oncalls": [
        {"escalation_level": 1, "start": "2026-04-09T00:00:00Z", "end": "2026-04-12T00:00:00Z",
         "user": {"id": "PA", "email": "alice@acme.io"}},
        {"escalation_level": 2, "start": "2026-04-09T00:00:00Z", "end": "2026-04-12T00:00:00Z",
         "user": {"id": "PB", "email": "bob@acme.io"}},
        {"escalation_level": 1, "start": "2026-04-09T00:00:00Z", "end": "2026-04-12T00:00:00Z",
         "user": {"id": "PC", "email": "c.personal@example.com"}},
        {"escalation_level": 1, "start": "2026-04-09T00:00:00Z", "end": "2026-04-12T00:00:00Z",
         "user": {"id": "PD", "email": "dave@acme.io"}},
        {"escalation_level": 1, "start": "2026-03-01T00:00:00Z", "end": "2026-03-02T00:00:00Z",
         "user": {"id": "PE", "email": "erin@acme.io"}},
        {"escalation_level": 1, "start": "2026-04-09T00:00:00Z", "end": "2026-04-12T00:00:00Z",
         "user": {"id": "PX", "email": "gone@acme.io"}}
      ], "more": false}
      """;

  /** PD2 shares dave's email: email alone cannot tell PD from PD2. */
  static final String USERS =
      """
      {"users": [{"id": "PD2", "email": "dave@acme.io"}], "more": false}
      """;

  static final String CONFIG =
      """
      org: acme
      owners: {people.on_call: pagerduty}
      identity: {file: identity.csv}
      backstage:
        defaults: {function: other, business_criticality: 3, dependent_business_units: 0,
                   monitored: false, has_runbook: false, human_fallback: false, role: engineer}
      pagerduty:
        oncall: {max_level: 1, lookback_days: 7}
      """;

  @TempDir Path tmp;

  AdapterReport adapt(Path landing) throws Exception {
    Path in = tmp.resolve("catalog");
    Files.createDirectories(in);
    Files.writeString(in.resolve("org.yaml"), CATALOG);
    Path cfg = tmp.resolve("adapters.yaml");
    Files.writeString(cfg, CONFIG);
    Files.writeString(
        tmp.resolve("identity.csv"), "vendor,vendor_user_id,person_id\npagerduty,PC,carol\n");
    return AdapterRunner.run(
        new AdapterRunner.Request("backstage", in, landing, DT, null, cfg, null, false, null),
        new PrintStream(new ByteArrayOutputStream()));
  }

  @Test
  void onCallComesFromThePagerDutyDropOfTheSameOrgAndDt() throws Exception {
    Path landing = tmp.resolve("landing");
    Path drop = OnCallSource.dropFolder(landing, "pagerduty", "acme", DT);
    Files.createDirectories(drop);
    Files.writeString(drop.resolve("oncalls.json"), ONCALLS);
    Files.writeString(drop.resolve("users.json"), USERS);

    AdapterReport r = adapt(landing);

    assertThat(r.exitCode()).as(r.reason()).isZero();
    List<String> people =
        Files.readAllLines(landing.resolve("people/dt=2026-04-10/backstage-acme.csv"));
    assertThat(people.get(0)).endsWith(",on_call");
    assertThat(people.subList(1, people.size()))
        .as("person_id ... on_call")
        .containsExactly(
            "acme,alice,,Alice@Acme.io,team-a,,engineer,true",
            "acme,bob,,bob@acme.io,team-a,,engineer,false",
            "acme,carol,,carol@acme.io,team-a,,engineer,true",
            "acme,dave,,dave@acme.io,team-a,,engineer,false",
            "acme,erin,,erin@acme.io,team-a,,engineer,false");
    assertThat(r.warnings())
        .as("dave's email has two PagerDuty ids; PX matches nobody; no on_call default used")
        .containsEntry("ambiguous_identity", 1L)
        .containsEntry("on_call_unmatched", 2L)
        .doesNotContainKey("default_used:on_call");
    assertThat(r.accounts()).allMatch(AdapterReport.Account::balanced);
  }

  @Test
  void aMissingOnCallDropIsExitTwoBeforeAnythingIsWritten() throws Exception {
    Path landing = tmp.resolve("landing");
    AdapterReport r = adapt(landing);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.reason()).contains("owners.people.on_call is pagerduty").contains("--on-call-in");
    assertThat(landing.resolve("people")).doesNotExist();
  }
}
