package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Plans an org's AI deployment inventory so that, week by week, its production deployments carry
 * the scenario's ambition points (criticality 1 -> 4 points .. 4 -> 1): when ambition must grow,
 * pilots are promoted, deployments re-tiered to a higher criticality or new ones launched; around
 * that the inventory lives its life: pilots started and abandoned, deployments deprecated and later
 * deleted, a criticality raised, a model switched to another provider, infrastructure (gateway,
 * retriever, embeddings) that others depend on.
 */
final class InventoryPlanner {

  private static final List<String> GENERIC =
      List.of(
          "Internal Knowledge Search",
          "Meeting Notes Summariser",
          "Code Review Assistant",
          "HR Policy Q&A",
          "Sales Email Drafter",
          "Contract Clause Extractor",
          "IT Helpdesk Agent",
          "Document Translation",
          "Data Quality Checker",
          "SQL Assistant",
          "Search, Retrieval and Ranking API",
          "Incident Postmortem Drafter",
          "Procurement Copilot",
          "Board Pack Summariser",
          "Developer Docs Chatbot");

  private final OrgProfile org;
  private final SeededRandom random;
  private final RosterPlanner roster;
  final Timeline deployments = new Timeline(LandingDataset.DEPLOYMENTS);
  final Map<String, DeploymentSpec> specs = new LinkedHashMap<>();
  private final List<String> namePool = new ArrayList<>();
  private final Set<String> usedIds = new HashSet<>();
  private final int idStyle;
  private int sequence;
  private int nameRound;
  private String gateway;
  private String retriever;
  private String embedding;

  InventoryPlanner(OrgProfile org, SeededRandom random, RosterPlanner roster) {
    this.org = org;
    this.random = random;
    this.roster = roster;
    this.idStyle = random.between(0, 2);
    List<String> industry = new ArrayList<>(industryNames());
    List<String> generic = new ArrayList<>(GENERIC);
    random.shuffle(industry);
    random.shuffle(generic);
    namePool.addAll(industry);
    namePool.addAll(generic);
  }

  // ---------------------------------------------------------------- planning

  void initialise(LocalDate day, int target) {
    if (target >= 12) {
      embedding = createInfra(day, "Embedding Service", DeploymentSpec.Kind.EMBEDDING, 3, "ml");
      retriever = createInfra(day, "RAG Retriever", DeploymentSpec.Kind.RETRIEVER, 2, "ml");
      deployments.update(retriever, day, r -> r.put("depends_on", List.of(embedding)));
    }
    if (target >= 20) {
      gateway = createInfra(day, "LLM Gateway", DeploymentSpec.Kind.GATEWAY, 2, "platform");
    }
    if (org.has(OrgProfile.Feature.DEPENDENCY_CYCLE)) {
      String orchestrator = createApp(day, "production", 2, "Agent Orchestrator", true);
      String router = createApp(day, "production", 3, "Tool Router", true);
      deployments.update(orchestrator, day, r -> r.put("depends_on", List.of(router)));
      List<String> routerDeps = new ArrayList<>(List.of(orchestrator));
      if (gateway != null) {
        routerDeps.add(gateway);
      }
      deployments.update(router, day, r -> r.put("depends_on", routerDeps));
    }
    int points = points();
    while (points < target) {
      createApp(day, "production", criticalityFor(target - points), null, true);
      points = points();
    }
    if (org.has(OrgProfile.Feature.DANGLING_DEPENDENCY)) {
      String app = apps("production").get(0);
      deployments.update(
          app,
          day,
          r -> {
            List<String> deps = new ArrayList<>();
            if (r.get("depends_on") != null) {
              deps.addAll(asList(r.get("depends_on")));
            }
            deps.add("dep-legacy-scoring");
            r.put("depends_on", deps);
          });
    }
    if (random.chance(0.6)) {
      String legacy = createApp(day, "deprecated", random.between(2, 4), null, true);
      specs.get(legacy).deprecatedOn = day.minusDays(random.between(3, 40));
    }
    for (int i = random.between(2, 3); i > 0; i--) {
      createApp(day, "pilot", drawCriticality(), null, false);
    }
    markDegradation();
  }

  /**
   * Monday changes of week {@code week}, ending with {@code target} ambition points (or one more,
   * when a raised criticality leaves no deployment light enough to retire). A gap is closed by a
   * pilot that fills it exactly, else by re-tiering a deployment when the gap is one or two points,
   * else by the heaviest pilot that fits, else by launching a new deployment.
   */
  void planWeek(int week, int weeks, LocalDate day, int target) {
    retire(day);
    if (week == Math.round(0.4 * (weeks - 1))) {
      raiseCriticality(day);
    }
    if (week == Math.round(0.55 * (weeks - 1))) {
      switchModel(day);
    }
    // An org whose ratio falls is investing in operations: readiness improves along with on-call.
    if (week == (weeks - 1) / 2 && org.ratioEnd() < org.ratioStart()) {
      for (String id : apps("production")) {
        deployments.update(
            id,
            day,
            r -> {
              r.put("monitored", true);
              r.put("has_runbook", true);
            });
      }
    }
    if (random.chance(0.1)) {
      swap(day);
    }
    int points = points();
    while (points < target) {
      int gap = target - points;
      String pilot = bestPilot(gap);
      boolean fillsGap = pilot != null && weight(pilot) == gap;
      String retier = gap <= 2 && !fillsGap ? retierCandidate() : null;
      if (retier == null && pilot != null) {
        promote(pilot, day);
      } else if (retier != null) {
        deployments.update(
            retier,
            day,
            r -> r.put("business_criticality", (Integer) r.get("business_criticality") - 1));
      } else {
        createApp(day, "production", 5 - Math.min(4, gap), null, false);
      }
      points = points();
    }
    while (points > target) {
      String victim = bestFit(apps("production"), points - target);
      if (victim == null) {
        break;
      }
      deprecate(victim, day);
      points = points();
    }
    if (apps("pilot").size() < 2 || random.chance(0.25)) {
      createApp(day, "pilot", drawCriticality(), null, false);
    }
  }

  /**
   * Ownership after a reorganisation: every second deployment of the dissolved team moves to the
   * team it merged into, the others keep pointing at the dissolved team (nobody updated the
   * catalog); one ML-owned deployment moves to the new team.
   */
  void afterReorg(LocalDate day, RosterPlanner.Reorg reorg) {
    int owned = 0;
    boolean movedToNew = false;
    for (String id : deployments.liveKeys()) {
      Object owner = deployments.latest(id).get("owner_team_id");
      if (reorg.dissolvedTeam().equals(owner)) {
        if (owned++ % 2 == 1) {
          deployments.update(id, day, r -> r.put("owner_team_id", reorg.mergedInto()));
        }
      } else if (!movedToNew && owner != null && "ml".equals(roster.function((String) owner))) {
        deployments.update(id, day, r -> r.put("owner_team_id", reorg.newTeam()));
        movedToNew = true;
      }
    }
  }

  // ---------------------------------------------------------------- lifecycle steps

  private void retire(LocalDate day) {
    for (String id : deployments.liveKeys()) {
      DeploymentSpec spec = specs.get(id);
      String stage = stage(id);
      long weeksInStage = (day.toEpochDay() - spec.stageSince.toEpochDay()) / 7;
      if ("deprecated".equals(stage) && weeksInStage >= 3 && random.chance(0.3)) {
        deployments.delete(id, day);
      } else if ("pilot".equals(stage) && weeksInStage >= 5 && random.chance(0.15)) {
        deployments.delete(id, day);
      }
    }
  }

  private void raiseCriticality(LocalDate day) {
    for (String id : apps("production")) {
      if (Integer.valueOf(3).equals(deployments.latest(id).get("business_criticality"))) {
        deployments.update(id, day, r -> r.put("business_criticality", 2));
        return;
      }
    }
  }

  /** A production app moves to a model of the same tier from another provider. */
  private void switchModel(LocalDate day) {
    for (String id : apps("production")) {
      DeploymentSpec spec = specs.get(id);
      if (spec.model == null) {
        continue;
      }
      List<ModelCatalog.Model> others =
          ModelCatalog.ofTier(spec.model.tier()).stream()
              .filter(m -> !m.provider().equals(spec.model.provider()))
              .toList();
      if (others.isEmpty()) {
        continue;
      }
      ModelCatalog.Model next = random.pick(others);
      spec.previousModel = spec.model;
      spec.model = next;
      spec.switchedOn = day.plusDays(1);
      deployments.update(
          id,
          day,
          r -> {
            if (r.get("model_provider") != null) {
              r.put("model_provider", next.provider());
            }
            r.put("model_name", next.name());
          });
      return;
    }
  }

  /** One production app retired and another of the same weight takes its place. */
  private void swap(LocalDate day) {
    List<String> production = apps("production");
    if (production.size() < 3) {
      return;
    }
    String old = random.pick(production);
    int crit = (Integer) deployments.latest(old).get("business_criticality");
    deprecate(old, day);
    String pilot = null;
    for (String p : apps("pilot")) {
      if (Integer.valueOf(crit).equals(deployments.latest(p).get("business_criticality"))) {
        pilot = p;
        break;
      }
    }
    if (pilot != null) {
      promote(pilot, day);
    } else {
      createApp(day, "production", crit, null, false);
    }
  }

  private void promote(String id, LocalDate day) {
    DeploymentSpec spec = specs.get(id);
    int crit = (Integer) deployments.latest(id).get("business_criticality");
    spec.requests = productionRequests(crit);
    spec.stageSince = day;
    boolean monitor = random.chance(0.8);
    deployments.update(
        id,
        day,
        r -> {
          r.put("lifecycle_stage", "production");
          r.put("launched_on", day);
          if (monitor) {
            r.put("monitored", true);
          }
        });
  }

  private void deprecate(String id, LocalDate day) {
    DeploymentSpec spec = specs.get(id);
    spec.deprecatedOn = day;
    spec.stageSince = day;
    deployments.update(id, day, r -> r.put("lifecycle_stage", "deprecated"));
  }

  /** The busiest production app of a strained org degrades in the last third of the history. */
  private void markDegradation() {
    if (org.scenario() == OrgProfile.Scenario.WITHIN) {
      return;
    }
    DeploymentSpec busiest = null;
    for (String id : apps("production")) {
      DeploymentSpec s = specs.get(id);
      if (s.model != null && (busiest == null || s.requests > busiest.requests)) {
        busiest = s;
      }
    }
    if (busiest != null) {
      busiest.latencyDegrades = random.chance(0.5);
      busiest.degrades = true;
    }
  }

  // ---------------------------------------------------------------- creation

  private String createInfra(
      LocalDate day, String name, DeploymentSpec.Kind kind, int criticality, String ownerFn) {
    String id = newId(name);
    DeploymentSpec spec = new DeploymentSpec(id, name, kind);
    spec.model =
        switch (kind) {
          case EMBEDDING -> ModelCatalog.EMBEDDING;
          case RETRIEVER -> ModelCatalog.RERANK;
          default -> null;
        };
    spec.requests = kind == DeploymentSpec.Kind.EMBEDDING ? 40000 : 12000;
    spec.inputTokens = kind == DeploymentSpec.Kind.EMBEDDING ? 320 : 1800;
    spec.outputTokens = 0;
    spec.errorRate = 0.001;
    spec.weekendFactor = 0.6;
    spec.stageSince = day;
    specs.put(id, spec);
    Map<String, Object> row = deployments.blankRow();
    row.put("org_id", org.orgId());
    row.put("deployment_id", id);
    row.put("name", name);
    List<String> owners = roster.liveTeams(ownerFn);
    row.put("owner_team_id", owners.isEmpty() ? null : owners.get(0));
    row.put("lifecycle_stage", "production");
    row.put("business_criticality", criticality);
    row.put("dependent_business_units", random.between(3, 9));
    if (spec.model != null) {
      row.put("model_provider", spec.model.provider());
      row.put("model_name", spec.model.name());
      row.put("model_tier", spec.model.tier());
    }
    row.put("monitored", true);
    row.put("has_runbook", random.chance(0.7));
    row.put("human_fallback", false);
    row.put("launched_on", day.minusDays(random.between(200, 900)));
    deployments.put(id, day, row);
    return id;
  }

  private String createApp(
      LocalDate day, String stage, int criticality, String fixedName, boolean initial) {
    String name = fixedName != null ? fixedName : nextName();
    String id = newId(name);
    DeploymentSpec spec = new DeploymentSpec(id, name, DeploymentSpec.Kind.APP);
    spec.model = chooseModel(criticality);
    if (random.chance(0.08)) {
      spec.secondary = random.pick(ModelCatalog.ofTier("small"));
      if (spec.secondary.equals(spec.model)) {
        spec.secondary = null;
      }
    }
    spec.requests =
        "pilot".equals(stage) ? random.logNormal(120, 0.5) : productionRequests(criticality);
    spec.inputTokens = random.logNormal(1400, 0.4);
    spec.outputTokens = random.logNormal(280, 0.4);
    spec.errorRate = random.logNormal(0.004, 0.5);
    spec.weekendFactor = criticality <= 2 ? random.uniform(0.6, 0.95) : random.uniform(0.15, 0.4);
    spec.stageSince = day;
    if (random.chance(0.05 + 0.05 * Math.max(0, org.strain() - 0.6))) {
      spec.latencyDegrades = random.chance(0.5);
      spec.degrades = true;
    }
    specs.put(id, spec);

    double strain = Math.min(1, Math.max(0, org.strain() - 0.5));
    boolean production = "production".equals(stage);
    Map<String, Object> row = deployments.blankRow();
    row.put("org_id", org.orgId());
    row.put("deployment_id", id);
    row.put("name", name);
    row.put("owner_team_id", random.chance(0.08) ? null : chooseOwner());
    row.put("lifecycle_stage", stage);
    row.put("business_criticality", criticality);
    row.put(
        "dependent_business_units",
        switch (criticality) {
          case 1 -> random.between(2, 8);
          case 2 -> random.between(1, 5);
          case 3 -> random.between(0, 3);
          default -> random.between(0, 1);
        });
    List<String> deps = new ArrayList<>();
    if (retriever != null && random.chance(0.45)) {
      deps.add(retriever);
    }
    if (gateway != null && random.chance(0.55)) {
      deps.add(gateway);
    }
    List<String> others = apps("production");
    if (!others.isEmpty() && random.chance(0.1)) {
      deps.add(random.pick(others));
    }
    row.put("depends_on", deps.isEmpty() ? null : deps);
    row.put("model_provider", random.chance(0.08) ? null : spec.model.provider());
    row.put("model_name", spec.model.name());
    row.put("model_tier", random.chance(0.04) ? null : spec.model.tier());
    row.put("monitored", random.chance(production ? 0.9 - 0.25 * strain : 0.45));
    row.put("has_runbook", random.chance(production ? 0.7 - 0.3 * strain : 0.2));
    row.put("human_fallback", random.chance(0.55));
    if (production) {
      row.put(
          "launched_on",
          initial ? (random.chance(0.05) ? null : day.minusDays(random.between(30, 720))) : day);
    }
    deployments.put(id, day, row);
    return id;
  }

  private ModelCatalog.Model chooseModel(int criticality) {
    double[] weights =
        switch (criticality) {
          case 1 -> new double[] {0.35, 0.6, 0.05};
          case 2 -> new double[] {0.3, 0.55, 0.15};
          case 3 -> new double[] {0.2, 0.45, 0.35};
          default -> new double[] {0.25, 0.3, 0.45};
        };
    String tier = List.of("frontier", "standard", "small").get(random.weighted(weights));
    return random.pick(ModelCatalog.ofTier(tier));
  }

  private String chooseOwner() {
    List<String> product = roster.liveTeams("product");
    List<String> other = roster.liveTeams("ml", "data");
    if (!product.isEmpty() && (other.isEmpty() || random.chance(0.7))) {
      return random.pick(product);
    }
    return other.isEmpty() ? null : random.pick(other);
  }

  private double productionRequests(int criticality) {
    double median =
        switch (criticality) {
          case 1 -> 12000;
          case 2 -> 5000;
          case 3 -> 1500;
          default -> 400;
        };
    return random.logNormal(median, 0.5);
  }

  private int drawCriticality() {
    return 1 + random.weighted(0.3, 0.4, 0.2, 0.1);
  }

  /** A criticality whose weight does not exceed {@code gap} points. */
  private int criticalityFor(int gap) {
    int crit = drawCriticality();
    return Math.max(crit, 5 - Math.min(4, gap));
  }

  private String nextName() {
    if (namePool.isEmpty()) {
      nameRound++;
      String suffix = List.of(" (EU)", " v2", " (APAC)", " Next").get((nameRound - 1) % 4);
      for (String n : industryNames()) {
        namePool.add(n + suffix);
      }
      for (String n : GENERIC) {
        namePool.add(n + suffix);
      }
    }
    return namePool.remove(0);
  }

  private String newId(String name) {
    String id;
    do {
      sequence++;
      id =
          switch (idStyle) {
            case 0 -> String.format(Locale.ROOT, "dep-%03d", sequence);
            case 1 ->
                "component:default/"
                    + name.toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("(^-|-$)", "");
            default -> "ai-" + random.hex(6);
          };
    } while (!usedIds.add(id));
    return id;
  }

  private List<String> industryNames() {
    return switch (org.industry()) {
      case "financial services" ->
          List.of(
              "Fraud Alert Explainer",
              "KYC Document Checker",
              "Credit Memo Drafter",
              "Advisor Copilot",
              "Dispute Triage",
              "AML Narrative Writer",
              "Call Summariser",
              "Mortgage Q&A Bot",
              "Earnings Call Digest",
              "Trade Surveillance Classifier",
              "Claims Intake Assistant",
              "Collections Letter Writer");
      case "healthcare" ->
          List.of(
              "Clinical Note Summariser",
              "Prior Authorisation Assistant",
              "Patient Message Triage",
              "ICD-10 Coding Suggestions",
              "Radiology Report Drafter",
              "Discharge Instructions Writer");
      case "retail" ->
          List.of(
              "Product Description Writer",
              "Shopping Assistant",
              "Returns Triage",
              "Review Moderation",
              "Search Query Rewriter",
              "Demand Forecast Explainer",
              "Store Ops Copilot",
              "Size & Fit Advisor",
              "Promo Copy Generator",
              "Supplier Email Parser",
              "Visual Search Tagger",
              "Customer Service Chat");
      case "logistics" ->
          List.of(
              "Shipment Exception Triage",
              "Customs Document Extractor",
              "Route Planning Assistant",
              "Carrier Email Parser",
              "Damage Claim Reviewer");
      case "energy" ->
          List.of(
              "Field Report Summariser",
              "Outage Comms Drafter",
              "Grid Maintenance Q&A",
              "Meter Anomaly Explainer");
      case "media" ->
          List.of(
              "Headline Suggester",
              "Transcript Summariser",
              "Content Tagging",
              "Ad Copy Generator",
              "Archive Search");
      default ->
          List.of(
              "Network Ticket Triage",
              "Customer Care Chatbot",
              "Bill Explainer",
              "Churn Outreach Writer",
              "Field Technician Assistant",
              "Roaming FAQ Bot",
              "Fault Log Summariser");
    };
  }

  // ---------------------------------------------------------------- queries

  private String stage(String id) {
    Map<String, Object> row = deployments.latest(id);
    return row == null ? null : (String) row.get("lifecycle_stage");
  }

  /** Live applications (not infrastructure) in {@code stage}. */
  private List<String> apps(String stage) {
    List<String> result = new ArrayList<>();
    for (String id : deployments.liveKeys()) {
      if (specs.get(id).kind == DeploymentSpec.Kind.APP && stage.equals(stage(id))) {
        result.add(id);
      }
    }
    return result;
  }

  /** Ambition points of the latest production inventory. */
  int points() {
    int points = 0;
    for (String id : deployments.liveKeys()) {
      Map<String, Object> row = deployments.latest(id);
      if ("production".equals(row.get("lifecycle_stage"))) {
        points += 5 - (Integer) row.get("business_criticality");
      }
    }
    return points;
  }

  /** A production app that could become more critical as it grows: the least critical one. */
  private String retierCandidate() {
    String best = null;
    int bestCrit = 1;
    for (String id : apps("production")) {
      int crit = (Integer) deployments.latest(id).get("business_criticality");
      if (crit > bestCrit) {
        best = id;
        bestCrit = crit;
      }
    }
    return best;
  }

  private String bestPilot(int gap) {
    return bestFit(apps("pilot"), gap);
  }

  private int weight(String id) {
    return 5 - (Integer) deployments.latest(id).get("business_criticality");
  }

  /** The deployment with the largest weight not above {@code limit}, oldest first on ties. */
  private String bestFit(List<String> candidates, int limit) {
    String best = null;
    int bestWeight = 0;
    for (String id : candidates) {
      int weight = 5 - (Integer) deployments.latest(id).get("business_criticality");
      if (weight <= limit && weight > bestWeight) {
        best = id;
        bestWeight = weight;
      }
    }
    return best;
  }

  @SuppressWarnings("unchecked")
  private static List<String> asList(Object value) {
    return (List<String>) value;
  }
}
