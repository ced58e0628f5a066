package io.stratify.jobs.generate;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who one generated organisation is and the story its data tells. The supportability story is set
 * by the ambition the org takes on and the on-call capacity it keeps: ambition grows linearly from
 * {@code ratioStart x 6 x onCallStart} points to {@code ratioEnd x 6 x onCallEnd}, on-call moves
 * linearly from {@code onCallStart} to {@code onCallEnd} engineers, and the deployment inventory is
 * planned week by week to carry exactly that ambition (METRICS.md: ratio = ambition / (on-call x
 * 6)).
 */
record OrgProfile(
    String orgId,
    String name,
    String industry,
    String sizeBand,
    String region,
    String timezone,
    boolean consent,
    BigDecimal hourlyCostUsd,
    Scenario scenario,
    double ratioStart,
    double ratioEnd,
    int onCallStart,
    int onCallEnd,
    Channel channel,
    Set<Feature> features,
    String emailDomain) {

  /** Zone ids parsed once: every timestamp written looks its org's zone up. */
  private static final Map<String, ZoneId> ZONES = new ConcurrentHashMap<>();

  /** The supportability boundary status the org is meant to reach by the last week. */
  enum Scenario {
    /** Comfortably below 0.8 throughout. */
    WITHIN("within"),
    /** Rising into [0.8, 1.0] (or holding there). */
    APPROACHING("approaching"),
    /** Within at first, past 1.0 by the end. */
    CROSSING("exceeded"),
    /** Past 1.0 throughout. */
    EXCEEDED("exceeded");

    private final String finalStatus;

    Scenario(String finalStatus) {
      this.finalStatus = finalStatus;
    }

    String finalStatus() {
      return finalStatus;
    }
  }

  /** How the org's exports reach the landing zone, and so their file formats. */
  enum Channel {
    /** CSV for everything. */
    CSV,
    /** JSON Lines (and JSON arrays for budgets) from SaaS tools; changes as CSV. */
    JSON_LINES,
    /** Weekly Parquet for the inventory, changes, usage and budgets; CSV for the rest. */
    PARQUET
  }

  /** Things that happen to some orgs only. */
  enum Feature {
    /** Mid-history reorganisation: a team renamed, two merged, one created, people moved. */
    REORG,
    /** The org's name changes mid-history. */
    RENAME,
    /** Two deployments depend on each other. */
    DEPENDENCY_CYCLE,
    /** A deployment depends on an id that is in no inventory. */
    DANGLING_DEPENDENCY,
    /** One Monday snapshot arrives on the Tuesday instead. */
    LATE_MONDAY_DROP,
    /** One week has no snapshot at all. */
    MISSED_WEEK,
    /** The org's exports start in week 2 (orgs row in week 3) with a backfill of earlier weeks. */
    LATE_ONBOARDING,
    /** Some daily exports arrive a day late, together with the next day's. */
    LATE_UPSERT_DELIVERY,
    /** No budgets at all. */
    NO_BUDGETS,
    /** Monthly budgets for its costliest deployment besides the quarterly org budget. */
    DEPLOYMENT_BUDGETS,
    /** The org budget of the period holding the last day is projected to run out. */
    BUDGET_AT_RISK,
    /** The deployment budget of the month holding the last day is spent. */
    BUDGET_EXHAUSTED
  }

  ZoneId zone() {
    return ZONES.computeIfAbsent(timezone, ZoneId::of);
  }

  boolean has(Feature feature) {
    return features.contains(feature);
  }

  /** Ambition points the inventory should carry at {@code progress} in [0, 1] of the history. */
  double ambitionAt(double progress) {
    double from = ratioStart * 6 * onCallStart;
    double to = ratioEnd * 6 * onCallEnd;
    return from + (to - from) * progress;
  }

  /** On-call engineers at {@code progress} in [0, 1] of the history. */
  int onCallAt(double progress) {
    return (int) StrictMath.round(onCallStart + (onCallEnd - onCallStart) * progress);
  }

  /** How stretched the org's operations are meant to be, from about 0.3 to 1.8. */
  double strain() {
    return Math.max(ratioStart, ratioEnd);
  }
}
