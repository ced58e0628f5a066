package io.stratify.common.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export handed to the wrong format is exit 2 with what it looks like (issue 10). */
class FormatSnifferTest {
  private static final LocalDate DT = LocalDate.of(2026, 12, 1);
  @TempDir Path tmp;

  private static Path resource(String name) throws Exception {
    return Path.of(FormatSnifferTest.class.getResource(name).toURI());
  }

  /** The commented sample configuration of a format: valid, so the run gets to its inputs. */
  private static Path sampleConfig(String format) {
    return Path.of("../sample-data/adapters/" + format + ".yaml");
  }

  private AdapterReport adapt(String format, Path in) {
    return AdapterRunner.run(
        new AdapterRunner.Request(
            format, in, tmp.resolve("landing"), DT, "acme", sampleConfig(format), null, true, null),
        new PrintStream(new ByteArrayOutputStream()));
  }

  @Test
  void aScimUserGivenToBackstageIsRefusedNamingScim() throws Exception {
    AdapterReport report =
        adapt("backstage", resource("/adapt/scim/samples/rfc7643-8.1-user-minimal.json"));

    assertThat(report.exitCode()).isEqualTo(2);
    assertThat(report.reason())
        .contains("rfc7643-8.1-user-minimal.json looks like a scim export")
        .contains("urn:ietf:params:scim:")
        .contains("run `stratify adapt scim`");
    assertThat(tmp.resolve("landing")).doesNotExist();
  }

  @Test
  void aPagerDutyFolderGivenToOpsgenieIsRefusedNamingPagerDuty() throws Exception {
    AdapterReport report = adapt("opsgenie", resource("/adapters/pagerduty/port/incidents"));

    assertThat(report.exitCode()).isEqualTo(2);
    assertThat(report.reason()).contains("looks like a pagerduty export");
  }

  @Test
  void anOtelTraceGivenToLiteLlmIsRefused() throws Exception {
    Path trace = tmp.resolve("trace.json");
    Files.writeString(trace, "{\"resourceSpans\": [{\"scopeSpans\": []}]}");

    AdapterReport report = adapt("litellm", trace);

    assertThat(report.exitCode()).isEqualTo(2);
    assertThat(report.reason()).contains("looks like an otel-genai export");
  }

  @Test
  void aFileCarryingItsOwnMarkerIsNeverRefusedEvenIfItQuotesAnotherVendor() {
    assertThat(
            FormatSniffer.looksLikeAnother(
                "pagerduty", "{\"incident_number\": 7, \"tinyId\": \"quoted\"}"))
        .isEmpty();
    assertThat(FormatSniffer.looksLikeAnother("opsgenie", "{\"note\": \"from opsgenie\"}"))
        .isEmpty();
    assertThat(FormatSniffer.looksLikeAnother("incidentio", "{\"incident_number\": 7}"))
        .hasValueSatisfying(e -> assertThat(e.getKey()).isEqualTo("pagerduty"));
    assertThat(FormatSniffer.looksLikeAnother("backstage", "{\"kind\": \"Component\"}")).isEmpty();
  }
}
