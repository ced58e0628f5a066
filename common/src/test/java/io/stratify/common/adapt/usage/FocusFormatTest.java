package io.stratify.common.adapt.usage;

import static io.stratify.common.adapt.usage.UsageRun.totals;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.adapt.AdapterReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADAPTERS.md §9.2 expected results on the FOCUS sample and specification files. */
class FocusFormatTest {
  static final Path SAMPLE =
      UsageRun.resource("focus/FOCUS-Sample-Data/FOCUS-1.0/focus_sample.csv");
  static final Path SPEC = UsageRun.resource("focus/FOCUS_Spec/specification/data");

  /** The §9.2 test configuration: AI/ML only, workspace mapped by ResourceId glob, defaults. */
  static final String SAMPLE_CONFIG =
      """
      org: acme
      focus:
        cost_column: EffectiveCost
        deployment_tag: application
        categories: [AI and Machine Learning]
        credits: skip
        unallocated: report
        map:
          resource: {'*zmltestplayground': ml-playground}
          provider: {Microsoft: microsoft}
        defaults: {model_name: azure-ml-workspace, model_tier: standard, requests: 0,
                   input_tokens: 0, output_tokens: 0, errors: 0}
      """;

  @TempDir Path tmp;
  UsageRun run;

  @BeforeEach
  void setUp() {
    run = new UsageRun(tmp);
  }

  @Test
  void sampleKeepsNineAiRowsAndRejectsTheThreeNegativeDays() throws Exception {
    AdapterReport r = run.adapt("focus", run.drop(SAMPLE), SAMPLE_CONFIG);

    assertThat(r.exitCode()).as(r.reason()).isZero();
    // ADAPTERS.md §9.2 says "4 written + 5 rejected" and "(3 rows)" for 2024-09-03; the file has 2
    // rows on 2024-09-03 (-0.149 and +0.00000000503, whose sum is the spec's -0.14899999497) and 2
    // each on 2024-09-08 and 2024-09-16: 5 records written, 4 rejected (docs/spec-decisions.md).
    assertThat(totals(r)).isEqualTo(totals(1000, 5, 4, 991, 3));
    assertThat(r.accounts().get(0).skippedByRule()).isEqualTo(Map.of("service_category", 991L));
    assertThat(UsageRun.rejects(r))
        .containsExactly(
            "negative_net_cost 2024-09-03/ml-playground/azure-ml-workspace x2",
            "negative_net_cost 2024-09-10/ml-playground/azure-ml-workspace",
            "negative_net_cost 2024-09-19/ml-playground/azure-ml-workspace");
    assertThat(r.rejects().get(0).excerpt()).isEqualTo("{\"cost_usd\":\"-0.14899999497\"}");
    assertThat(r.rejects().get(2).excerpt()).isEqualTo("{\"cost_usd\":\"-0.01288992000\"}");
    assertThat(r.rejectedCostUsd().get("negative_net_cost"))
        .as("-0.14899999497 - 0.00000764078 - 0.01288992")
        .isEqualByComparingTo("-0.16189755575");
    assertThat(r.warnings()).containsEntry("assumed_utc", 9L);
    assertThat(run.rows("focus"))
        .as("2024-09-15 nets 0.00000000729")
        .containsExactly(
            "acme,2024-09-08,ml-playground,azure-ml-workspace,microsoft,standard,0,0,0,0,0.005000,",
            "acme,2024-09-15,ml-playground,azure-ml-workspace,microsoft,standard,0,0,0,0,0.000000,",
            "acme,2024-09-16,ml-playground,azure-ml-workspace,microsoft,standard,0,0,0,0,0.005000,");
    assertThat(r.defaultedColumns()).containsEntry("inference_usage.requests", 3L);
    UsageRun.assertValid(r, run.output("focus"));
    UsageRun.assertGolden("focus-sample.csv", run.output("focus"));
  }

  @Test
  void withoutARequestsSourceTheRunExitsTwoNamingTheColumnBeforeReading() throws Exception {
    AdapterReport r =
        run.adapt("focus", tmp.resolve("nothing-here"), SAMPLE_CONFIG.replace(" requests: 0,", ""));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.reason()).startsWith("Required landing column(s) inference_usage.requests have");
    assertThat(r.accounts()).isEmpty();
  }

  @Test
  void unknownKeysAndBadValuesNameFileAndLine() throws Exception {
    AdapterReport key =
        run.adapt("focus", tmp, SAMPLE_CONFIG.replace("credits: skip", "credit: skip"));
    assertThat(key.reason()).startsWith("focus.yaml:6: focus.credit: unknown key; allowed here:");

    AdapterReport column =
        run.adapt("focus", tmp, SAMPLE_CONFIG.replace("EffectiveCost", "ListCost"));
    assertThat(column.reason())
        .startsWith("focus.yaml:3: focus.cost_column: 'ListCost' is not one of");

    AdapterReport map =
        run.adapt("focus", tmp, SAMPLE_CONFIG.replace("provider: {", "providers: {"));
    assertThat(map.reason()).startsWith("focus.yaml:10: focus.map.providers: unknown key");
  }

  @Test
  void untaggedCostIsRejectedUnallocatedWithItsSumOrAssignedToTheDefault() throws Exception {
    String noResourceMap =
        SAMPLE_CONFIG.replace("resource: {'*zmltestplayground': ml-playground}", "");
    AdapterReport reported = run.adapt("focus", run.drop(SAMPLE), noResourceMap);
    assertThat(run.rows("focus")).isEmpty();
    assertThat(totals(reported)).isEqualTo(totals(1000, 0, 9, 991, 0));
    assertThat(reported.rejectedCostUsd().get("unallocated"))
        .isEqualByComparingTo("-0.15189756178");

    AdapterReport assigned =
        run.adapt(
            "focus",
            run.drop(SAMPLE),
            noResourceMap
                .replace("unallocated: report", "unallocated: default")
                .replace("{model_name:", "{deployment_id: unallocated, model_name:"));
    assertThat(assigned.exitCode()).as(assigned.reason()).isZero();
    assertThat(run.rows("focus"))
        .allMatch(row -> row.startsWith("acme,2024-09-"))
        .allMatch(row -> row.contains(",unallocated,"));
    assertThat(totals(assigned).get("rejected")).as("the 3 negative days").isEqualTo(4);
  }

  static String specConfig(String extra) {
    return """
        org: acme
        focus:
          spread: daily
          %s
          defaults: {deployment_id: saas, model_name: saas, model_tier: standard, requests: 0,
                     input_tokens: 0, output_tokens: 0, errors: 0}
        """
        .formatted(extra);
  }

  @Test
  void everySpecificationFileParsesAndBalances() throws Exception {
    for (Path file : UsageRun.files(SPEC, ".csv")) {
      boolean saas = file.toString().contains("saas_examples");
      AdapterReport r =
          run.adapt("focus", run.drop(file), specConfig(saas ? "date_format: M/d/yy" : ""));
      long dataLines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() - 1;

      assertThat(r.exitCode()).as("%s: %s", file.getFileName(), r.reason()).isZero();
      assertThat(totals(r).get("read")).as("%s rows", file.getFileName()).isEqualTo(dataLines);
      assertThat(UsageRun.rejects(r))
          .as("%s parses", file.getFileName())
          .noneMatch(s -> s.startsWith("unparseable"));
      UsageRun.assertValid(r, run.output("focus"));
    }
  }

  @Test
  void dollarFormattedAmountIsInvalidNumber() throws Exception {
    Path a1 = SPEC.resolve("saas_examples/simple_agreements/simple_saas_agreements_a1.csv");
    AdapterReport r = run.adapt("focus", run.drop(a1), specConfig("date_format: M/d/yy"));

    assertThat(r.rejects()).extracting(x -> x.codes().get(0)).containsExactly("invalid_number");
  }

  @Test
  void virtualCurrencyTokensFillNoTokenColumn() throws Exception {
    String tokens =
        specConfig(
                """
                date_format: M/d/yy
                  token_units: [Execution, Workflow operation, Token]
                  input_tokens: '.'
                  output_tokens: 'output'""")
            .replace(" input_tokens: 0, output_tokens: 0,", "");
    int files = 0;
    int rows = 0;
    for (Path file : UsageRun.files(SPEC.resolve("saas_examples"), ".csv")) {
      if (!file.getFileName().toString().startsWith("virtual_currency")) {
        continue;
      }
      files++;
      AdapterReport r = run.adapt("focus", run.drop(file), tokens);
      assertThat(r.exitCode()).as(r.reason()).isZero();
      assertThat(run.rows("focus"))
          .as("%s: input_tokens and output_tokens empty", file.getFileName())
          .allMatch(row -> row.matches("([^,]*,){7},,.*"));
      rows += run.rows("focus").size();
    }
    assertThat(files).isEqualTo(6);
    assertThat(rows).as("usage rows in the virtual-currency examples").isPositive();
  }

  @Test
  void nonUsdMultiDayAndRatesFollowTheConfiguration() throws Exception {
    Path drop = tmp.resolve("bill");
    Files.createDirectories(drop);
    Files.writeString(
        drop.resolve("bill.csv"),
        "\uFEFFChargeCategory,ChargePeriodStart,ChargePeriodEnd,EffectiveCost,BillingCurrency,"
            + "Tags,ServiceCategory\r\n"
            + "Usage,2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,1.50,EUR,\"{\"\"app\"\":\"\"a\"\"}\",AI\r\n"
            + "\r\n"
            + "Usage,2025-03-01 00:00:00,2025-03-04 00:00:00,3.00,USD,\"{\"\" app\"\":\"\"a\"\"}\",AI\r\n"
            + "Usage,2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,2.00,USD,\"{}\",AI\r\n");
    String strict =
        """
        org: acme
        focus:
          deployment_tag: app
          defaults: {model_name: m, model_tier: standard, requests: 0, input_tokens: 0,
                     output_tokens: 0, errors: 0}
        """;

    AdapterReport r = run.adapt("focus", drop, strict);
    assertThat(r.rejects())
        .extracting(x -> x.codes().get(0) + " " + x.excerpt())
        .containsExactly(
            "non_usd_currency {\"cost_usd\":\"1.50\"}",
            "multi_day_charge {\"cost_usd\":\"3.00\"}",
            "unallocated {\"cost_usd\":\"2.00\"}");
    assertThat(totals(r)).isEqualTo(totals(3, 0, 3, 0, 0));

    AdapterReport lenient =
        run.adapt(
            "focus",
            drop,
            strict.replace(
                "  deployment_tag: app",
                "  deployment_tag: app\n  spread: daily\n" + "  currency_rates: {EUR: 1.1}"));
    assertThat(run.rows("focus"))
        .extracting(row -> row.split(",")[1] + " " + row.split(",")[10])
        .containsExactly("2025-03-01 2.650000", "2025-03-02 1.000000", "2025-03-03 1.000000");
    assertThat(lenient.warnings()).containsEntry("assumed_utc", 1L);
    assertThat(totals(lenient)).isEqualTo(totals(3, 2, 1, 0, 3));
  }
}
