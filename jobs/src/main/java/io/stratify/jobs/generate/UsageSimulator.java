package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulates daily inference usage per deployment and model: traffic by criticality and stage
 * (pilots on some weekdays only, deprecated deployments fading out within a week), weekend dips,
 * slow growth, a canary overlap when a deployment switches model, degradation (latency or error
 * rate jumping) in the later weeks, and a few rows re-sent days later with a corrected cost.
 */
final class UsageSimulator {

  /** A usage row, the UTC day it is about, and whether it is a correction of an earlier row. */
  record Usage(LocalDate day, Map<String, Object> row, boolean correction) {}

  private final OrgProfile org;
  private final GeneratorSettings settings;
  private final SeededRandom random;
  private final InventoryPlanner inventory;
  final List<Usage> rows = new ArrayList<>();

  /** Final cost per usage day and deployment, corrections applied: what budgets are spent on. */
  final Map<LocalDate, Map<String, BigDecimal>> cost = new LinkedHashMap<>();

  UsageSimulator(
      OrgProfile org, GeneratorSettings settings, SeededRandom random, InventoryPlanner inventory) {
    this.org = org;
    this.settings = settings;
    this.random = random;
    this.inventory = inventory;
  }

  void simulate() {
    for (DeploymentSpec spec : inventory.specs.values()) {
      if (spec.degrades) {
        LocalDate earliest = spec.stageSince.plusDays(35);
        LocalDate planned =
            settings.start().plusDays(Math.round(settings.days() * random.uniform(0.6, 0.85)));
        spec.degradesOn = planned.isBefore(earliest) ? earliest : planned;
      }
    }
    List<Usage> corrections = new ArrayList<>();
    for (int dayIndex = 0; dayIndex < settings.days(); dayIndex++) {
      LocalDate day = settings.start().plusDays(dayIndex);
      boolean weekend = day.getDayOfWeek().getValue() >= 6;
      for (String id : inventory.deployments.allKeys()) {
        Map<String, Object> dep = inventory.deployments.at(id, day);
        DeploymentSpec spec = inventory.specs.get(id);
        if (dep == null || spec.model == null) {
          continue;
        }
        String stage = (String) dep.get("lifecycle_stage");
        double factor;
        if ("pilot".equals(stage)) {
          if (weekend || !random.chance(0.6)) {
            continue;
          }
          factor = 1;
        } else if ("deprecated".equals(stage)) {
          long since = day.toEpochDay() - spec.deprecatedOn.toEpochDay();
          factor = StrictMath.pow(0.5, since / 2.0);
          if (factor < 0.08) {
            continue;
          }
        } else {
          factor = 1 + 0.004 * dayIndex;
        }
        if (weekend) {
          factor *= spec.weekendFactor;
        }
        long requests = Math.round(spec.requests * factor * random.logNormal(1, 0.12));
        if (requests <= 0) {
          continue;
        }
        for (Map.Entry<ModelCatalog.Model, Long> part : split(spec, day, requests).entrySet()) {
          Map<String, Object> row = usage(spec, day, part.getKey(), part.getValue());
          rows.add(new Usage(day, row, false));
          if (random.chance(0.01)) {
            Map<String, Object> corrected = new LinkedHashMap<>(row);
            BigDecimal factorCost = BigDecimal.valueOf(random.uniform(0.88, 1.08));
            corrected.put(
                "cost_usd",
                ((BigDecimal) row.get("cost_usd"))
                    .multiply(factorCost)
                    .setScale(6, RoundingMode.HALF_UP));
            LocalDate sentOn = day.plusDays(random.between(2, 5));
            if (!sentOn.isAfter(settings.end())) {
              corrections.add(new Usage(sentOn, corrected, true));
            }
          }
        }
      }
    }
    rows.addAll(corrections);
    for (Usage u : rows) {
      LocalDate usageDay = (LocalDate) u.row().get("usage_date");
      String key = u.row().get("deployment_id") + "\u0001" + u.row().get("model_name");
      cost.computeIfAbsent(usageDay, d -> new LinkedHashMap<>())
          .merge(key, (BigDecimal) u.row().get("cost_usd"), (a, b) -> b);
    }
  }

  /** Requests per model: a canary overlap after a model switch, a share for a secondary model. */
  private Map<ModelCatalog.Model, Long> split(DeploymentSpec spec, LocalDate day, long requests) {
    Map<ModelCatalog.Model, Long> parts = new LinkedHashMap<>();
    long main = requests;
    if (spec.secondary != null) {
      long secondary = Math.round(requests * 0.3);
      main -= secondary;
      if (secondary > 0) {
        parts.put(spec.secondary, secondary);
      }
    }
    if (spec.switchedOn != null && day.isBefore(spec.switchedOn)) {
      parts.put(spec.previousModel, main);
    } else if (spec.switchedOn != null && day.isBefore(spec.switchedOn.plusDays(3))) {
      long old =
          Math.round(main * (0.75 - 0.25 * (day.toEpochDay() - spec.switchedOn.toEpochDay())));
      parts.put(spec.previousModel, old);
      parts.put(spec.model, main - old);
    } else {
      parts.put(spec.model, main);
    }
    parts.values().removeIf(n -> n <= 0);
    return parts;
  }

  private Map<String, Object> usage(
      DeploymentSpec spec, LocalDate day, ModelCatalog.Model model, long requests) {
    boolean degraded = spec.degradesOn != null && !day.isBefore(spec.degradesOn);
    long input = Math.round(requests * spec.inputTokens * random.logNormal(1, 0.08));
    long output =
        model.outputUsdPerMillion() == 0
            ? 0
            : Math.round(requests * spec.outputTokens * random.logNormal(1, 0.08));
    double errorRate = spec.errorRate * (degraded && !spec.latencyDegrades ? 6 : 1);
    long errors = Math.min(requests, Math.round(requests * errorRate * random.logNormal(1, 0.3)));
    BigDecimal cost =
        BigDecimal.valueOf(
                input * model.inputUsdPerMillion() + output * model.outputUsdPerMillion())
            .divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP);
    Double latency = null;
    if (!random.chance(0.02)) {
      double p95 =
          model.p95Ms() * random.logNormal(1, 0.08) * (degraded && spec.latencyDegrades ? 2.3 : 1);
      latency = Math.round(p95 * 10) / 10.0;
    }
    Map<String, Object> row = OperationsSimulator.blank(LandingDataset.INFERENCE_USAGE);
    row.put("org_id", org.orgId());
    row.put("usage_date", day);
    row.put("deployment_id", spec.id);
    row.put("model_name", model.name());
    row.put("model_provider", model.provider());
    row.put("model_tier", model.tier());
    row.put("requests", requests);
    row.put("input_tokens", input);
    row.put("output_tokens", output);
    row.put("errors", errors);
    row.put("cost_usd", cost);
    row.put("latency_p95_ms", latency);
    return row;
  }
}
