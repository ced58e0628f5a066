package io.stratify.jobs.generate;

import static io.stratify.jobs.generate.OrgProfile.Channel.CSV;
import static io.stratify.jobs.generate.OrgProfile.Channel.JSON_LINES;
import static io.stratify.jobs.generate.OrgProfile.Channel.PARQUET;
import static io.stratify.jobs.generate.OrgProfile.Feature.BUDGET_AT_RISK;
import static io.stratify.jobs.generate.OrgProfile.Feature.BUDGET_EXHAUSTED;
import static io.stratify.jobs.generate.OrgProfile.Feature.DANGLING_DEPENDENCY;
import static io.stratify.jobs.generate.OrgProfile.Feature.DEPENDENCY_CYCLE;
import static io.stratify.jobs.generate.OrgProfile.Feature.DEPLOYMENT_BUDGETS;
import static io.stratify.jobs.generate.OrgProfile.Feature.LATE_MONDAY_DROP;
import static io.stratify.jobs.generate.OrgProfile.Feature.LATE_ONBOARDING;
import static io.stratify.jobs.generate.OrgProfile.Feature.LATE_UPSERT_DELIVERY;
import static io.stratify.jobs.generate.OrgProfile.Feature.MISSED_WEEK;
import static io.stratify.jobs.generate.OrgProfile.Feature.NO_BUDGETS;
import static io.stratify.jobs.generate.OrgProfile.Feature.RENAME;
import static io.stratify.jobs.generate.OrgProfile.Feature.REORG;
import static io.stratify.jobs.generate.OrgProfile.Scenario.APPROACHING;
import static io.stratify.jobs.generate.OrgProfile.Scenario.CROSSING;
import static io.stratify.jobs.generate.OrgProfile.Scenario.EXCEEDED;
import static io.stratify.jobs.generate.OrgProfile.Scenario.WITHIN;

import io.stratify.jobs.generate.OrgProfile.Feature;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The generated organisations. The first twelve are fixed and documented in sample-data/README.md:
 * six consenting "financial services" / L orgs (a benchmark cohort that publishes with k = 5) and
 * six others; four stay within the supportability boundary, four approach it, four are past it by
 * the last week. Orgs beyond twelve repeat those scenarios under generated names.
 */
final class OrgProfiles {

  private static final String FINANCE = "financial services";

  private static final List<OrgProfile> SCENARIOS =
      List.of(
          org(
              "northwind-bank",
              "Northwind Bank",
              FINANCE,
              "L",
              "EMEA",
              "Europe/Berlin",
              true,
              "95.00",
              WITHIN,
              0.45,
              0.52,
              5,
              6,
              CSV,
              REORG,
              DEPLOYMENT_BUDGETS),
          org(
              "harbor-mutual",
              "Harbor Mutual",
              FINANCE,
              "L",
              "NA",
              "America/New_York",
              true,
              "120.00",
              APPROACHING,
              0.50,
              0.93,
              5,
              5,
              CSV,
              BUDGET_AT_RISK),
          org(
              "kestrel-capital",
              "Kestrel Capital Partners",
              FINANCE,
              "L",
              "EMEA",
              "Europe/London",
              true,
              null,
              EXCEEDED,
              1.15,
              1.45,
              3,
              3,
              CSV,
              REORG,
              DANGLING_DEPENDENCY,
              DEPLOYMENT_BUDGETS),
          org(
              "bluewater-insurance",
              "Bluewater Insurance",
              FINANCE,
              "L",
              "APAC",
              "Australia/Sydney",
              true,
              "80.00",
              WITHIN,
              0.78,
              0.50,
              3,
              5,
              PARQUET),
          org(
              "meridian-payments",
              "Meridian Payments",
              FINANCE,
              "L",
              "APAC",
              "Asia/Kolkata",
              true,
              "45.00",
              APPROACHING,
              0.58,
              0.87,
              4,
              4,
              CSV,
              DEPLOYMENT_BUDGETS,
              LATE_UPSERT_DELIVERY),
          org(
              "lattice-credit-union",
              "Lattice Credit Union",
              FINANCE,
              "L",
              null,
              "UTC",
              true,
              "70.00",
              CROSSING,
              0.70,
              1.17,
              3,
              3,
              CSV,
              REORG,
              DEPENDENCY_CYCLE),
          org(
              "cobalt-health",
              "Cobalt Health",
              "healthcare",
              "M",
              "NA",
              "America/Chicago",
              true,
              "90.00",
              WITHIN,
              0.35,
              0.38,
              4,
              4,
              JSON_LINES,
              LATE_MONDAY_DROP),
          org(
              "verdant-retail",
              "Verdant Retail Group",
              "retail",
              "XL",
              "NA",
              "America/Los_Angeles",
              true,
              null,
              EXCEEDED,
              1.30,
              1.60,
              3,
              3,
              PARQUET,
              REORG,
              DEPLOYMENT_BUDGETS,
              BUDGET_EXHAUSTED),
          org(
              "quillon-logistics",
              "Quillon Logistics",
              "logistics",
              "M",
              "APAC",
              "Asia/Singapore",
              false,
              "60.00",
              APPROACHING,
              0.84,
              0.88,
              4,
              4,
              CSV),
          org(
              "fjord-energy",
              "Fjord Energy",
              "energy",
              "L",
              "EMEA",
              "Europe/Oslo",
              true,
              "85.00",
              WITHIN,
              0.30,
              0.34,
              3,
              3,
              JSON_LINES,
              RENAME,
              MISSED_WEEK),
          org(
              "sable-media",
              "Sable Media",
              "media",
              "S",
              "NA",
              "America/New_York",
              false,
              "65.00",
              EXCEEDED,
              1.80,
              1.30,
              1,
              2,
              JSON_LINES,
              NO_BUDGETS),
          org(
              "tessera-telecom",
              "Tessera Telecom",
              "telecommunications",
              "XL",
              "LATAM",
              "America/Sao_Paulo",
              true,
              "75.00",
              APPROACHING,
              0.45,
              0.90,
              5,
              5,
              PARQUET,
              LATE_ONBOARDING,
              NO_BUDGETS));

  private static final List<String> NAME_WORDS =
      List.of(
          "Amber",
          "Birchwood",
          "Cinder",
          "Delphine",
          "Ember",
          "Falconer",
          "Granite",
          "Helix",
          "Ivory",
          "Juniper",
          "Kitewing",
          "Lumen",
          "Maplestone",
          "Nimbus",
          "Onyx",
          "Pioneer",
          "Quartzline",
          "Ravenna",
          "Summit",
          "Tidewater",
          "Umber",
          "Vega",
          "Willowbrook",
          "Zephyr");

  private OrgProfiles() {}

  static List<OrgProfile> forSettings(GeneratorSettings settings) {
    SeededRandom random = SeededRandom.of(settings.seed(), "org-profiles");
    List<OrgProfile> orgs = new ArrayList<>();
    for (int i = 0; i < settings.orgs(); i++) {
      orgs.add(i < SCENARIOS.size() ? SCENARIOS.get(i) : variation(i, random));
    }
    return orgs;
  }

  /** Org number {@code index} (0-based, >= 12): a scenario of the first twelve, renamed. */
  private static OrgProfile variation(int index, SeededRandom random) {
    OrgProfile base = SCENARIOS.get(index % SCENARIOS.size());
    String id = String.format(Locale.ROOT, "org-%03d", index + 1);
    String word = random.pick(NAME_WORDS);
    String suffix =
        switch (base.industry()) {
          case FINANCE -> random.pick(List.of("Bank", "Capital", "Assurance", "Credit"));
          case "healthcare" -> "Health";
          case "retail" -> "Stores";
          case "logistics" -> "Freight";
          case "energy" -> "Power";
          case "media" -> "Studios";
          default -> "Networks";
        };
    Set<Feature> features = EnumSet.noneOf(Feature.class);
    for (Feature f : base.features()) {
      if (f != LATE_ONBOARDING && f != MISSED_WEEK && f != LATE_MONDAY_DROP) {
        features.add(f);
      }
    }
    double jitter = random.uniform(0.97, 1.03);
    return new OrgProfile(
        id,
        word + " " + suffix,
        base.industry(),
        base.sizeBand(),
        base.region(),
        base.timezone(),
        base.consent(),
        base.hourlyCostUsd(),
        base.scenario(),
        base.ratioStart() * jitter,
        base.ratioEnd() * jitter,
        base.onCallStart(),
        base.onCallEnd(),
        base.channel(),
        Set.copyOf(features),
        id + ".example");
  }

  private static OrgProfile org(
      String id,
      String name,
      String industry,
      String sizeBand,
      String region,
      String timezone,
      boolean consent,
      String hourlyCost,
      OrgProfile.Scenario scenario,
      double ratioStart,
      double ratioEnd,
      int onCallStart,
      int onCallEnd,
      OrgProfile.Channel channel,
      Feature... features) {
    Set<Feature> set = EnumSet.noneOf(Feature.class);
    set.addAll(List.of(features));
    return new OrgProfile(
        id,
        name,
        industry,
        sizeBand,
        region,
        timezone,
        consent,
        hourlyCost == null ? null : new BigDecimal(hourlyCost),
        scenario,
        ratioStart,
        ratioEnd,
        onCallStart,
        onCallEnd,
        channel,
        Set.copyOf(set),
        id.replace("-", "") + ".example");
  }
}
