package io.stratify.common.adapt.usage;

import static io.stratify.common.adapt.usage.UsageFixtures.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FocusAdapterTest {
  private static final Path SAMPLE_DIR =
      UsageFixtures.resource("focus/FOCUS-Sample-Data/FOCUS-1.0");
  private static final Path SPEC_DIR =
      UsageFixtures.resource("focus/FOCUS_Spec/specification/data");

  /** The §9.2 test configuration: AI/ML only, workspace mapped by ResourceId glob, defaults. */
  static FocusSettings sampleFocus() {
    return FocusSettings.defaults()
        .withCategories(List.of("AI and Machine Learning"))
        .withDeployment(
            "application",
            new GlobMap("map.resource", Map.of("*zmltestplayground", "ml-playground")));
  }

  static UsageSettings sampleDefaults() {
    return UsageSettings.none()
        .withDefaults(
            Map.of(
                "model_name", "azure-ml-workspace",
                "model_tier", "standard",
                "requests", "0",
                "input_tokens", "0",
                "output_tokens", "0",
                "errors", "0"));
  }

  static UsageFeed sample() throws Exception {
    return new FocusAdapter(sampleFocus(), sampleDefaults(), false)
        .adaptCsv(SAMPLE_DIR, List.of(SAMPLE_DIR.resolve("focus_sample.csv")));
  }

  @Test
  void sampleKeepsNineAiRowsAndRejectsTheThreeNegativeDays() throws Exception {
    UsageFeed feed = sample();
    UsageTally tally = feed.tally();

    assertThat(tally.read()).isEqualTo(1000);
    assertThat(tally.skipped()).isEqualTo(Map.of("service_category", 991L));
    assertThat(tally.rejections())
        .extracting(r -> r.vendorId() + " " + r.reasons() + " " + r.records() + " " + r.costUsd())
        .containsExactly(
            "2024-09-03/ml-playground/azure-ml-workspace [negative_net_cost] 2 -0.14899999497",
            "2024-09-10/ml-playground/azure-ml-workspace [negative_net_cost] 1 -0.00000764078",
            "2024-09-19/ml-playground/azure-ml-workspace [negative_net_cost] 1 -0.01288992000");
    assertThat(tally.rejectedCost("negative_net_cost")).isEqualByComparingTo("-0.16189755575");
    // ADAPTERS.md §9.2 says "4 written + 5 rejected" and "(3 rows)" for 2024-09-03; the file has
    // 2 rows on 2024-09-03 (-0.149 and +0.00000000503, whose sum is the spec's -0.14899999497) and
    // 2 each on 2024-09-08 and 2024-09-16: 5 records written, 4 rejected (docs/adapters-costs.md).
    assertThat(tally.rejected()).isEqualTo(4);
    assertThat(tally.written()).isEqualTo(5);
    assertThat(tally.rowsWritten()).isEqualTo(3);
    assertThat(tally.balanced()).isTrue();
    assertThat(tally.warnings()).containsEntry("assumed_utc", 9L);
    assertThat(feed.rows())
        .extracting(r -> r.key().usageDate() + " " + InferenceUsageCsv.cost(r.costUsd()))
        .containsExactly("2024-09-08 0.005000", "2024-09-15 0.000000", "2024-09-16 0.005000");
    assertThat(feed.rows().get(1).costUsd()).isEqualByComparingTo("0.00000000729");
    assertThat(feed.rows()).allSatisfy(r -> assertThat(r.modelProvider()).isEqualTo("microsoft"));
  }

  @Test
  void sampleOutputIsValidLandingAndMatchesGolden() throws Exception {
    String csv = InferenceUsageCsv.render(ORG, sample().rows());

    assertThat(UsageFixtures.quarantineReasons(csv)).isEmpty();
    UsageFixtures.assertGolden("focus-sample.csv", csv);
    assertThat(InferenceUsageCsv.render(ORG, sample().rows())).isEqualTo(csv);
  }

  @Test
  void withoutRequestsSourceTheRunExitsTwoNamingTheColumn() {
    Map<String, String> noRequests = new java.util.HashMap<>(sampleDefaults().defaults());
    noRequests.remove("requests");
    assertThatThrownBy(
            () -> new FocusAdapter(sampleFocus(), sampleDefaults().withDefaults(noRequests), false))
        .isInstanceOf(UsageConfigException.class)
        .hasMessageStartingWith("inference_usage.requests (R) has no source");
  }

  @Test
  void asMergeCostSourceOnlyModelNameNeedsASource() {
    FocusAdapter costOnly =
        new FocusAdapter(
            sampleFocus(), UsageSettings.none().withDefaults(Map.of("model_name", "m")), true);
    assertThat(costOnly).isNotNull();
    assertThatThrownBy(() -> new FocusAdapter(sampleFocus(), UsageSettings.none(), true))
        .hasMessageStartingWith("inference_usage.model_name (R) has no source");
  }

  @Test
  void untaggedCostIsRejectedUnallocatedWithItsSumOrAssignedToTheDefault() throws Exception {
    FocusSettings noResourceMap = sampleFocus().withDeployment("application", GlobMap.empty());
    UsageFeed reported =
        new FocusAdapter(noResourceMap, sampleDefaults(), false)
            .adaptCsv(SAMPLE_DIR, List.of(SAMPLE_DIR.resolve("focus_sample.csv")));
    assertThat(reported.rows()).isEmpty();
    assertThat(reported.tally().rejected()).isEqualTo(9);
    assertThat(reported.tally().rejectedCost("unallocated")).isEqualByComparingTo("-0.15189756178");

    Map<String, String> withDefault = new java.util.HashMap<>(sampleDefaults().defaults());
    withDefault.put("deployment_id", "unallocated");
    UsageFeed assigned =
        new FocusAdapter(noResourceMap, sampleDefaults().withDefaults(withDefault), false)
            .adaptCsv(SAMPLE_DIR, List.of(SAMPLE_DIR.resolve("focus_sample.csv")));
    assertThat(assigned.rows()).extracting(r -> r.key().deploymentId()).containsOnly("unallocated");
    assertThat(assigned.tally().balanced()).isTrue();
  }

  @Test
  void everySpecificationFileParses() throws Exception {
    for (Path file : UsageFixtures.files(SPEC_DIR, ".csv")) {
      FocusSettings focus =
          FocusSettings.defaults()
              .withSpreadDaily(true)
              .withDateFormat(file.toString().contains("saas_examples") ? "M/d/yy" : null);
      UsageFeed feed =
          new FocusAdapter(focus, sampleDefaults().withDefaults(withDeployment()), false)
              .adaptCsv(SPEC_DIR, List.of(file));
      long dataLines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() - 1;

      assertThat(feed.tally().read()).as("%s rows", file.getFileName()).isEqualTo(dataLines);
      assertThat(feed.tally().balanced()).as("%s identity", file.getFileName()).isTrue();
      assertThat(feed.tally().rejections())
          .as("%s parses", file.getFileName())
          .noneMatch(r -> r.reasons().contains("unparseable"));
    }
  }

  private static Map<String, String> withDeployment() {
    Map<String, String> d = new java.util.HashMap<>(sampleDefaults().defaults());
    d.put("deployment_id", "saas");
    return d;
  }

  @Test
  void dollarFormattedAmountIsInvalidNumber() throws Exception {
    Path a1 = SPEC_DIR.resolve("saas_examples/simple_agreements/simple_saas_agreements_a1.csv");
    UsageFeed feed =
        new FocusAdapter(
                FocusSettings.defaults().withDateFormat("M/d/yy"),
                sampleDefaults().withDefaults(withDeployment()),
                false)
            .adaptCsv(SPEC_DIR, List.of(a1));

    assertThat(feed.tally().rejections())
        .singleElement()
        .satisfies(r -> assertThat(r.reasons()).containsExactly("invalid_number"));
    assertThat(feed.tally().balanced()).isTrue();
  }

  @Test
  void virtualCurrencyTokensFillNoTokenColumn() throws Exception {
    FocusSettings tokens =
        FocusSettings.defaults()
            .withDateFormat("M/d/yy")
            .withSpreadDaily(true)
            .withTokens(
                List.of("Execution", "Workflow operation", "Token"), Pattern.compile("."), null);
    Map<String, String> noTokenDefaults = new java.util.HashMap<>(withDeployment());
    noTokenDefaults.remove("input_tokens");
    noTokenDefaults.remove("output_tokens");
    for (Path file : UsageFixtures.files(SPEC_DIR.resolve("saas_examples"), ".csv")) {
      if (!file.getFileName().toString().startsWith("virtual_currency")) {
        continue;
      }
      UsageFeed feed =
          new FocusAdapter(tokens, sampleDefaults().withDefaults(noTokenDefaults), false)
              .adaptCsv(SPEC_DIR, List.of(file));
      assertThat(feed.rows())
          .as("%s", file.getFileName())
          .allSatisfy(
              r -> {
                assertThat(r.inputTokens()).isNull();
                assertThat(r.outputTokens()).isNull();
              });
    }
  }

  @Test
  void nonUsdMultiDayAndRatesFollowTheConfiguration(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bill.csv");
    Files.writeString(
        file,
        "\uFEFFChargeCategory,ChargePeriodStart,ChargePeriodEnd,EffectiveCost,BillingCurrency,"
            + "Tags,ServiceCategory\r\n"
            + "Usage,2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,1.50,EUR,\"{\"\"app\"\":\"\"a\"\"}\",AI\r\n"
            + "\r\n"
            + "Usage,2025-03-01 00:00:00,2025-03-04 00:00:00,3.00,USD,\"{\"\" app\"\":\"\"a\"\"}\",AI\r\n"
            + "Usage,2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,2.00,USD,\"{}\",AI\r\n");
    FocusSettings focus =
        FocusSettings.defaults()
            .withDeployment("app", GlobMap.empty())
            .withModel(null, GlobMap.empty());
    UsageSettings defaults = sampleDefaults();

    UsageTally strict =
        new FocusAdapter(focus, defaults, false).adaptCsv(dir, List.of(file)).tally();
    assertThat(strict.rejections())
        .extracting(r -> r.reasons().get(0) + " " + r.costUsd())
        .containsExactly("non_usd_currency 1.50", "multi_day_charge 3.00", "unallocated 2.00");
    assertThat(strict.balanced()).isTrue();

    UsageFeed lenient =
        new FocusAdapter(
                focus.withSpreadDaily(true).withCurrencyRates(Map.of("EUR", new BigDecimal("1.1"))),
                defaults,
                false)
            .adaptCsv(dir, List.of(file));
    assertThat(lenient.rows())
        .extracting(r -> r.key().usageDate() + " " + InferenceUsageCsv.cost(r.costUsd()))
        .containsExactly("2025-03-01 2.650000", "2025-03-02 1.000000", "2025-03-03 1.000000");
    assertThat(lenient.rows().get(0).key().usageDate()).isEqualTo(LocalDate.of(2025, 3, 1));
    assertThat(lenient.tally().warnings()).containsEntry("assumed_utc", 1L);
    assertThat(lenient.tally().balanced()).isTrue();
  }
}
