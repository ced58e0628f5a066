package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Simulates one org over the whole history and cuts its landing rows: the five snapshot datasets at
 * each of its snapshot drops, the four upsert datasets in the drop of the day they changed.
 */
final class OrgSimulator {

  /** The week of a late-onboarding org's first export (its orgs row comes a week later). */
  static final int ONBOARDING_WEEK = 2;

  private final OrgProfile org;
  private final GeneratorSettings settings;
  private final SeededRandom random;
  private final Set<LocalDate> lateDays = new HashSet<>();

  private OrgSimulator(OrgProfile org, GeneratorSettings settings) {
    this.org = org;
    this.settings = settings;
    this.random = SeededRandom.of(settings.seed(), "org:" + org.orgId());
  }

  static List<LandingRow> simulate(OrgProfile org, GeneratorSettings settings) {
    return new OrgSimulator(org, settings).run();
  }

  private List<LandingRow> run() {
    int weeks = settings.weeks();
    RosterPlanner roster = new RosterPlanner(org, random.fork("roster"));
    InventoryPlanner inventory = new InventoryPlanner(org, random.fork("inventory"), roster);
    Timeline orgs = orgTimeline();
    int reorgWeek = org.has(OrgProfile.Feature.REORG) && weeks >= 3 ? weeks / 2 : -1;
    double[] ratios = new double[weeks];
    for (int w = 0; w < weeks; w++) {
      LocalDate monday = settings.monday(w);
      double progress = weeks == 1 ? 1 : w / (double) (weeks - 1);
      int target = (int) StrictMath.round(org.ambitionAt(progress));
      if (w == 0) {
        roster.initialise(monday, org.onCallAt(progress));
        inventory.initialise(monday, target);
      } else {
        roster.planWeek(monday, org.onCallAt(progress));
        inventory.planWeek(w, weeks, monday, target);
      }
      if (w == reorgWeek) {
        LocalDate thursday = monday.plusDays(3);
        inventory.afterReorg(thursday, roster.reorganise(thursday));
      }
      ratios[w] = inventory.points() / (6.0 * Math.max(1, roster.onCallAt(monday.plusDays(6))));
    }

    OperationsSimulator operations =
        new OperationsSimulator(
            org, settings, random.fork("operations"), roster, inventory, ratios);
    operations.simulate();
    UsageSimulator usage = new UsageSimulator(org, settings, random.fork("usage"), inventory);
    usage.simulate();
    BudgetPlanner budgets = new BudgetPlanner(org, settings, random.fork("budgets"), usage.cost);
    budgets.plan();

    SeededRandom delivery = random.fork("delivery");
    if (org.has(OrgProfile.Feature.LATE_UPSERT_DELIVERY)) {
      for (int d = 1; d < settings.days() - 1; d++) {
        if (delivery.chance(0.05)) {
          lateDays.add(settings.start().plusDays(d));
        }
      }
    }

    List<LandingRow> rows = new ArrayList<>();
    List<LocalDate> drops = snapshotDrops(reorgWeek);
    for (LocalDate dt : drops) {
      if (!org.has(OrgProfile.Feature.LATE_ONBOARDING)
          || !dt.isBefore(settings.monday(Math.min(weeks - 1, ONBOARDING_WEEK + 1)))) {
        emit(rows, orgs, dt);
      }
      emit(rows, roster.teams, dt);
      emit(rows, roster.people, dt);
      emit(rows, inventory.deployments, dt);
      emit(rows, budgets.budgets, dt);
    }
    upserts(rows, LandingDataset.DEPLOYMENT_CHANGES, operations.changeRows());
    upserts(rows, LandingDataset.INCIDENTS, operations.incidentRows());
    upserts(rows, LandingDataset.INCIDENT_EVENTS, operations.eventRows());
    for (UsageSimulator.Usage u : usage.rows) {
      LocalDate dt = upsertDrop(LandingDataset.INFERENCE_USAGE, u.day());
      if (u.correction() && org.channel() == OrgProfile.Channel.PARQUET) {
        LocalDate original =
            upsertDrop(LandingDataset.INFERENCE_USAGE, (LocalDate) u.row().get("usage_date"));
        if (!dt.isAfter(original)) {
          dt = original.plusDays(7);
        }
      }
      if (!dt.isAfter(settings.end())) {
        rows.add(new LandingRow(LandingDataset.INFERENCE_USAGE, org, dt, u.row()));
      }
    }
    return rows;
  }

  private Timeline orgTimeline() {
    Timeline orgs = new Timeline(LandingDataset.ORGS);
    Map<String, Object> row = orgs.blankRow();
    row.put("org_id", org.orgId());
    row.put("org_name", org.name());
    row.put("industry", org.industry());
    row.put("size_band", org.sizeBand());
    row.put("region", org.region());
    row.put("timezone", org.timezone());
    row.put("benchmark_consent", org.consent());
    row.put("loaded_hourly_cost_usd", org.hourlyCostUsd());
    orgs.put(org.orgId(), settings.start(), row);
    if (org.has(OrgProfile.Feature.RENAME) && settings.weeks() >= 2) {
      String suffix = "EMEA".equals(org.region()) ? " ASA" : " Inc.";
      orgs.update(
          org.orgId(),
          settings.monday(settings.weeks() / 2),
          r -> r.put("org_name", org.name() + suffix));
    }
    return orgs;
  }

  /**
   * Mondays, except: a late-onboarding org starts in week 2; one Monday drop of some orgs comes on
   * the Tuesday, one week of some orgs has no drop; a reorganisation gets its own Thursday drop.
   */
  private List<LocalDate> snapshotDrops(int reorgWeek) {
    int weeks = settings.weeks();
    int lateWeek = weeks >= 3 ? Math.max(1, weeks / 4) : -1;
    int missedWeek = weeks >= 4 ? Math.max(1, (2 * weeks) / 3 - 1) : -1;
    int firstWeek =
        org.has(OrgProfile.Feature.LATE_ONBOARDING) ? Math.min(weeks - 1, ONBOARDING_WEEK) : 0;
    List<LocalDate> drops = new ArrayList<>();
    for (int w = firstWeek; w < weeks; w++) {
      LocalDate monday = settings.monday(w);
      if (org.has(OrgProfile.Feature.MISSED_WEEK) && w == missedWeek) {
        continue;
      }
      drops.add(
          org.has(OrgProfile.Feature.LATE_MONDAY_DROP) && w == lateWeek
              ? monday.plusDays(1)
              : monday);
      if (w == reorgWeek) {
        drops.add(monday.plusDays(3));
      }
    }
    return drops;
  }

  private void emit(List<LandingRow> rows, Timeline timeline, LocalDate dt) {
    for (Map<String, Object> row : timeline.stateAt(dt)) {
      rows.add(new LandingRow(timeline.dataset(), org, dt, row));
    }
  }

  private void upserts(
      List<LandingRow> rows,
      LandingDataset dataset,
      List<Map.Entry<LocalDate, Map<String, Object>>> records) {
    for (Map.Entry<LocalDate, Map<String, Object>> r : records) {
      LocalDate dt = upsertDrop(dataset, r.getKey());
      if (!dt.isAfter(settings.end())) {
        rows.add(new LandingRow(dataset, org, dt, r.getValue()));
      }
    }
  }

  /**
   * The drop a record of {@code day} lands in: that day's, except that a late-onboarding org's
   * earlier records arrive with its first export, Parquet exports of changes and usage are weekly
   * (on Sunday), and some daily exports of some orgs arrive a day late.
   */
  private LocalDate upsertDrop(LandingDataset dataset, LocalDate day) {
    LocalDate dt = day;
    if (org.has(OrgProfile.Feature.LATE_ONBOARDING)) {
      LocalDate first = settings.monday(Math.min(settings.weeks() - 1, ONBOARDING_WEEK));
      if (dt.isBefore(first)) {
        dt = first;
      }
    }
    if (org.channel() == OrgProfile.Channel.PARQUET
        && (dataset == LandingDataset.INFERENCE_USAGE
            || dataset == LandingDataset.DEPLOYMENT_CHANGES)) {
      dt = dt.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
    } else if (lateDays.contains(dt)) {
      dt = dt.plusDays(1);
    }
    return dt;
  }
}
