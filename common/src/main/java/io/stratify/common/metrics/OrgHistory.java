package io.stratify.common.metrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything known about one org as of a run date: the SCD2 history of its snapshot datasets and
 * the latest version of its upsert records. The metric calculators are pure functions of it.
 */
public record OrgHistory(
    String orgId,
    Timeline<Org> org,
    Timeline<Team> teams,
    Timeline<Person> people,
    Timeline<Deployment> deployments,
    Timeline<Budget> budgets,
    List<Incident> incidents,
    List<IncidentEvent> events,
    List<Change> changes,
    List<Usage> usage) {

  /** The org's own row ({@code orgs}). */
  public record Org(
      String industry,
      String sizeBand,
      String timezone,
      boolean benchmarkConsent,
      BigDecimal loadedHourlyCostUsd) {}

  public record Team(String teamId) {}

  /** A person, pseudonymised. */
  public record Person(String personKey, String teamId, boolean onCall) {}

  public record Deployment(
      String deploymentId,
      String ownerTeamId,
      String lifecycleStage,
      int businessCriticality,
      int dependentBusinessUnits,
      List<String> dependsOn,
      String modelProvider,
      String modelTier,
      boolean monitored,
      boolean hasRunbook,
      boolean humanFallback) {

    public boolean inProduction() {
      return "production".equals(lifecycleStage);
    }
  }

  public record Budget(
      String budgetId,
      String scope,
      String deploymentId,
      LocalDate periodStart,
      LocalDate periodEnd,
      BigDecimal amountUsd) {}

  public record Incident(
      String incidentId,
      String deploymentId,
      String changeId,
      int severity,
      Instant openedAt,
      Instant acknowledgedAt,
      Instant resolvedAt) {}

  public record IncidentEvent(
      String incidentId,
      String eventId,
      Instant eventAt,
      String eventType,
      String teamId,
      String personKey) {}

  public record Change(
      String changeId,
      String deploymentId,
      Instant firstCommitAt,
      Instant deployedAt,
      String outcome) {

    public boolean succeeded() {
      return "success".equals(outcome);
    }
  }

  public record Usage(
      LocalDate usageDate,
      String deploymentId,
      String modelName,
      String modelProvider,
      String modelTier,
      long requests,
      long inputTokens,
      long outputTokens,
      long errors,
      BigDecimal costUsd,
      Double latencyP95Ms) {}
}
