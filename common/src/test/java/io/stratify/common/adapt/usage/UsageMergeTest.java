package io.stratify.common.adapt.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRunner;
import io.stratify.common.adapt.VendorDrops;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code owners.inference_usage.merge} (ADAPTERS.md §4, §9): gateway usage from litellm, invoiced
 * cost from focus, on (usage_date, deployment_id, model_name); keys found on one side only.
 */
class UsageMergeTest {
  static final String CONFIG =
      """
      org: acme
      owners:
        inference_usage:
          merge: {usage_from: litellm, cost_from: focus, key: [usage_date, deployment_id, model_name]}
      litellm:
        format: spendlogs
        source_timezone: UTC
        map: {model_tier: {'gpt-*': frontier}}
        defaults: {deployment_id: gateway}
      focus:
        deployment_tag: application
        model_from: SkuId
      """;

  /** A second gateway call, a day later: no invoice line for it. */
  static final String NEXT_DAY_CALL =
      "{\"request_id\":\"r2\",\"spend\":0.5,\"startTime\":\"2025-01-25 10:00:00.000000\","
          + "\"endTime\":\"2025-01-25 10:00:01.000000\",\"model\":\"gpt-4o\","
          + "\"custom_llm_provider\":\"openai\",\"prompt_tokens\":5,\"completion_tokens\":6,"
          + "\"status\":\"success\",\"metadata\":\"{}\",\"request_tags\":\"[]\"}\n";

  /** The invoice: 0.31 for the gateway's gpt-4o on 2025-01-24, 2.00 for an untracked batch job. */
  static final String BILL =
      "ChargeCategory,ChargePeriodStart,ChargePeriodEnd,EffectiveCost,BillingCurrency,Tags,"
          + "SkuId,ProviderName,ServiceCategory\n"
          + "Usage,2025-01-24T00:00:00Z,2025-01-25T00:00:00Z,0.30,USD,"
          + "\"{\"\"application\"\":\"\"gateway\"\"}\",gpt-4o,Microsoft,AI and Machine Learning\n"
          + "Usage,2025-01-24T00:00:00Z,2025-01-25T00:00:00Z,0.01,USD,"
          + "\"{\"\"application\"\":\"\"gateway\"\"}\",gpt-4o,Microsoft,AI and Machine Learning\n"
          + "Usage,2025-01-24T00:00:00Z,2025-01-25T00:00:00Z,2.00,USD,"
          + "\"{\"\"application\"\":\"\"batch\"\"}\",gpt-4o,Microsoft,AI and Machine Learning\n";

  @TempDir Path tmp;
  UsageRun run;
  Path usage;
  Path bill;

  @BeforeEach
  void setUp() throws Exception {
    run = new UsageRun(tmp);
    usage = run.drop(LiteLlmFormatTest.SPEND);
    Files.writeString(usage.resolve("next-day.jsonl"), NEXT_DAY_CALL);
    bill = tmp.resolve("bill");
    Files.createDirectories(bill);
    Files.writeString(bill.resolve("focus.csv"), BILL);
  }

  static Map<String, String> accounts(AdapterReport r) {
    Map<String, String> out = new TreeMap<>();
    for (AdapterReport.Account a : r.accounts()) {
      out.put(
          a.file(),
          a.recordsRead()
              + " read, "
              + a.recordsWritten()
              + " written, "
              + a.recordsRejected()
              + " rejected, "
              + a.rowsWritten()
              + " rows");
    }
    return out;
  }

  @Test
  void usageFromGatewayCostFromTheBillOneSidedKeysRejectedWithTheirCost() throws Exception {
    AdapterReport r = run.adapt("litellm", usage, CONFIG, bill, false);

    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(run.rows("litellm"))
        .as("requests, tokens, latency from LiteLLM; cost from FOCUS, not LiteLLM's 0.000225")
        .containsExactly("acme,2025-01-24,gateway,gpt-4o,openai,frontier,1,10,20,0,0.310000,4.583");
    assertThat(accounts(r))
        .containsExactly(
            Map.entry("focus:focus.csv", "3 read, 2 written, 1 rejected, 0 rows"),
            Map.entry("next-day.jsonl", "1 read, 0 written, 1 rejected, 0 rows"),
            Map.entry("spend_logs_payload.json", "1 read, 1 written, 0 rejected, 1 rows"));
    assertThat(UsageRun.rejects(r))
        .containsExactlyInAnyOrder(
            "no_merge_partner 2025-01-24/batch/gpt-4o",
            "no_merge_partner 2025-01-25/gateway/gpt-4o");
    assertThat(r.rejectedCostUsd().get("no_merge_partner"))
        .as("the bill's unmatched 2.00; the gateway's own estimate is not a cost")
        .isEqualByComparingTo("2.00");
    UsageRun.assertValid(r, run.output("litellm"));
  }

  @Test
  void aUsageOnlyKeyTakesTheCostDefaultWhenConfigured() throws Exception {
    String withDefault =
        CONFIG.replace(
            "defaults: {deployment_id: gateway}",
            "defaults: {deployment_id: gateway, cost_usd: 0}");
    AdapterReport r = run.adapt("litellm", usage, withDefault, bill, false);

    assertThat(run.rows("litellm"))
        .containsExactly(
            "acme,2025-01-24,gateway,gpt-4o,openai,frontier,1,10,20,0,0.310000,4.583",
            "acme,2025-01-25,gateway,gpt-4o,openai,frontier,1,5,6,0,0.000000,1000");
    assertThat(r.defaultedColumns()).isEqualTo(Map.of("inference_usage.cost_usd", 1L));
    assertThat(UsageRun.rejects(r)).containsExactly("no_merge_partner 2025-01-24/batch/gpt-4o");
  }

  @Test
  void aMissingCostDropExitsTwoAndTheCostFormatAloneWritesNothing() throws Exception {
    AdapterReport missing = run.adapt("litellm", usage, CONFIG);
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.reason())
        .contains("takes cost_usd from focus")
        .contains("_vendor/focus/acme/dt=2026-12-01");
    assertThat(run.output("litellm")).doesNotExist();

    AdapterReport focusAlone = run.adapt("focus", bill, CONFIG);
    assertThat(focusAlone.exitCode()).isZero();
    assertThat(focusAlone.accounts()).as("read by the litellm run").isEmpty();
    assertThat(run.output("focus")).doesNotExist();
  }

  @Test
  void aCostSideWithoutAModelSourceExitsTwo() throws Exception {
    AdapterReport r =
        run.adapt("litellm", usage, CONFIG.replace("  model_from: SkuId\n", ""), bill, false);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.reason())
        .startsWith("inference_usage.model_name (K) has no source in the cost_from");
  }

  @Test
  void adaptAllMergesTheDropsOfTheSameOrgAndDay() throws Exception {
    Path vendor = run.landing.resolve("_vendor");
    Path litellmDrop = vendor.resolve("litellm/acme/dt=" + UsageRun.DT);
    Path focusDrop = vendor.resolve("focus/acme/dt=" + UsageRun.DT);
    Files.createDirectories(litellmDrop);
    Files.createDirectories(focusDrop);
    Files.copy(LiteLlmFormatTest.SPEND, litellmDrop.resolve("spend.json"));
    Files.copy(bill.resolve("focus.csv"), focusDrop.resolve("focus.csv"));
    Path config = run.write("acme.yaml", CONFIG);

    int code =
        VendorDrops.adaptAll(
            config, run.landing, UsageRun.DT, new PrintStream(new ByteArrayOutputStream()));

    assertThat(code).isZero();
    assertThat(run.rows("litellm"))
        .containsExactly("acme,2025-01-24,gateway,gpt-4o,openai,frontier,1,10,20,0,0.310000,4.583");
    assertThat(run.output("focus")).doesNotExist();
    assertThat(AdapterRunner.reportPath(run.landing, "focus", "acme", UsageRun.DT)).exists();
    assertThat(run.report("litellm")).exists();
  }
}
