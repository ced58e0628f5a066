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

  @Test
  void mergeTakesTheBillFromCostIn() throws Exception {
    Path logs = tmp.resolve("logs/calls.jsonl");
    Files.createDirectories(logs.getParent());
    Files.writeString(
        logs,
        "{\"request_id\":\"r1\",\"spend\":0.1,\"startTime\":\"2025-01-24 10:00:00.000000\","
            + "\"endTime\":\"2025-01-24 10:00:01.000000\",\"model\":\"gpt-4o\","
            + "\"custom_llm_provider\":\"openai\",\"prompt_tokens\":10,"
            + "\"completion_tokens\":20,\"status\":\"success\",\"metadata\":\"{}\"}\n");
    Path bill = tmp.resolve("bill/focus.csv");
    Files.createDirectories(bill.getParent());
    Files.writeString(
        bill,
        "ChargeCategory,ChargePeriodStart,ChargePeriodEnd,EffectiveCost,BillingCurrency,Tags,"
            + "SkuId,ServiceCategory\n"
            + "Usage,2025-01-24T00:00:00Z,2025-01-25T00:00:00Z,0.42,USD,"
            + "\"{\"\"application\"\":\"\"gateway\"\"}\",gpt-4o-2024-08-06,AI and Machine Learning\n");
    String config = "../sample-data/adapters/inference_usage-merge.yaml";
    CliRun r =
        CliRun.of(
            "adapt",
            "litellm",
            "--in",
            logs.getParent().toString(),
            "--cost-in",
            bill.getParent().toString(),
            "--landing",
            tmp.resolve("landing").toString(),
            "--dt",
            "2026-12-01",
            "--config",
            config);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(
            Files.readString(tmp.resolve("landing/inference_usage/dt=2026-12-01/litellm-acme.csv")))
        .contains("acme,2025-01-24,gateway,gpt-4o,openai,frontier,1,10,20,0,0.420000,1000");
    CliRun explain = CliRun.of("adapt", "--explain", "--config", config);
    assertThat(explain.exitCode()).as(explain.err()).isZero();
    assertThat(explain.out()).contains("merge: cost_from focus on the key");
  }
}
