package io.stratify.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.jobs.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stratify adapt} through the real command line (no Spark). */
class AdaptCommandTest {
  static final Path CONFIG = Path.of("../sample-data/adapters/backstage.yaml");
  @TempDir Path tmp;

  @Test
  void explainTheSampleConfig() {
    CliRun r = CliRun.of("adapt", "--explain", "--config", CONFIG.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("people.on_call (R)").contains("defaults: false");
    CliRun scim = CliRun.of("adapt", "--explain", "--config", "../sample-data/adapters/scim.yaml");
    assertThat(scim.exitCode()).as(scim.err()).isZero();
    assertThat(scim.out()).contains("# scim").contains("teams.function (R)");
  }

  @Test
  void allAdaptsEveryPendingVendorDropAndExplainFlagsNone() throws Exception {
    Path drop = tmp.resolve("landing/_vendor/backstage/acme/dt=2026-12-01/catalog.yaml");
    Files.createDirectories(drop.getParent());
    Files.writeString(
        drop,
        """
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata: {name: acme-corp}
        spec: {type: organization, profile: {displayName: ACME Corp}, children: []}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: chat-bot}
        spec: {type: service, lifecycle: production, owner: acme-corp}
        """);
    CliRun r =
        CliRun.of(
            "adapt",
            "--all",
            "--config",
            CONFIG.toString(),
            "--landing",
            tmp.resolve("landing").toString(),
            "--date",
            "2026-12-01");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(
            Files.readString(tmp.resolve("landing/deployments/dt=2026-12-01/backstage-acme.csv")))
        .contains("acme,chat-bot,chat-bot,acme-corp,production,3,0,");
    assertThat(tmp.resolve("landing/_adapter_reports/backstage-acme-2026-12-01.json")).exists();

    Path bare = tmp.resolve("bare.yaml");
    Files.writeString(bare, "org: acme\nbackstage: {}\n");
    CliRun none = CliRun.of("adapt", "--explain", "--config", bare.toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.out()).containsPattern("people.on_call \\(R\\) +NONE");
  }
}
