package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Plans an org's teams and people week by week: an initial structure sized by the org's size band,
 * an on-call rotation kept at the scenario's target size (people join and leave it, are hired and
 * leave the company), background churn, and for some orgs a mid-history reorganisation.
 */
final class RosterPlanner {

  /** What a reorganisation did to the teams, so that deployment ownership can follow. */
  record Reorg(String dissolvedTeam, String mergedInto, String newTeam) {}

  private static final Set<String> ELIGIBLE = Set.of("engineer", "sre");

  private final OrgProfile org;
  private final SeededRandom random;
  private final PersonNames names;
  private final int idStyle;
  private final boolean jobTitles;
  final Timeline teams = new Timeline(LandingDataset.TEAMS);
  final Timeline people = new Timeline(LandingDataset.PEOPLE);
  private final Map<String, String> function = new HashMap<>();
  private final Map<String, String> teamLead = new HashMap<>();
  private final Map<String, String> baseRole = new HashMap<>();
  private final Set<String> usedIds = new HashSet<>();
  private String rootTeam;
  private String head;
  private int sequence;

  RosterPlanner(OrgProfile org, SeededRandom random) {
    this.org = org;
    this.random = random;
    this.idStyle = random.between(0, 2);
    this.jobTitles = random.chance(0.35);
    this.names = new PersonNames(random.fork("names"), org.emailDomain(), random.chance(0.3));
  }

  // ---------------------------------------------------------------- planning

  void initialise(LocalDate day, int onCall) {
    int big =
        switch (org.sizeBand()) {
          case "S" -> 0;
          case "M" -> 1;
          case "L" -> 2;
          default -> 3;
        };
    rootTeam =
        createTeam(
            day,
            random.pick(List.of("Engineering", "Technology", "Digital & Data")),
            "other",
            null);
    head = hire(day, rootTeam, "manager", false, null);
    teamLead.put(rootTeam, head);
    staff(
        day,
        createTeam(day, "Site Reliability Engineering", "sre", rootTeam),
        "manager",
        "sre",
        big >= 2 ? 2 : 1);
    staff(
        day,
        createTeam(day, "Platform Engineering", "platform", rootTeam),
        "manager",
        "engineer",
        1);
    staff(
        day,
        createTeam(day, "Machine Learning Engineering", "ml", rootTeam),
        "manager",
        "engineer",
        big == 3 ? 2 : 1);
    if (big >= 1) {
      hire(day, createTeam(day, "Data Engineering", "data", rootTeam), "engineer", false, head);
    }
    if (big >= 2) {
      hire(
          day,
          createTeam(day, "Security Engineering", "security", rootTeam),
          "engineer",
          false,
          head);
    }
    List<String> productNames = new ArrayList<>(productTeamNames());
    random.shuffle(productNames);
    int products = big == 0 ? 1 : big == 3 ? 3 : 2;
    for (int i = 0; i < products; i++) {
      staff(day, createTeam(day, productNames.get(i), "product", rootTeam), "pm", "engineer", 1);
    }
    hire(
        day,
        createTeam(day, "Customer Support Operations", "support", null),
        "analyst",
        false,
        head);
    List<String> order = new ArrayList<>();
    for (String fn : List.of("sre", "ml", "platform", "product", "data", "security")) {
      List<String> tier = new ArrayList<>();
      for (String p : people.liveKeys()) {
        if (ELIGIBLE.contains(baseRole.get(p)) && fn.equals(functionOfPerson(p))) {
          tier.add(p);
        }
      }
      random.shuffle(tier);
      order.addAll(tier);
    }
    for (int i = 0; i < onCall; i++) {
      if (i < order.size()) {
        setOnCall(order.get(i), day, true);
      } else {
        hire(day, pickTeam("sre", "ml", "product"), "engineer", true, null);
      }
    }
  }

  /** Monday changes: background churn, then the on-call rotation brought to {@code target}. */
  void planWeek(LocalDate day, int target) {
    churn(day);
    int n = onCallNow();
    while (n < target) {
      List<String> candidates = eligible(false);
      if (!candidates.isEmpty() && random.chance(0.55)) {
        setOnCall(random.pick(candidates), day, true);
      } else {
        hire(day, pickTeam("sre", "ml", "product"), "engineer", true, null);
      }
      n++;
    }
    while (n > target) {
      String leaving = random.pick(eligible(true));
      if (random.chance(0.35)) {
        people.delete(leaving, day);
      } else {
        setOnCall(leaving, day, false);
      }
      n--;
    }
  }

  private void churn(LocalDate day) {
    if (random.chance(0.10)) {
      List<String> leavers = new ArrayList<>();
      for (String p : people.liveKeys()) {
        if (!onCall(p) && !teamLead.containsValue(p)) {
          leavers.add(p);
        }
      }
      if (!leavers.isEmpty()) {
        people.delete(random.pick(leavers), day);
      }
    }
    if (random.chance(0.10)) {
      hire(
          day,
          pickTeam("product", "ml", "data", "platform", "support"),
          random.pick(List.of("engineer", "pm", "analyst", "engineer")),
          false,
          null);
    }
    if (random.chance(0.08)) {
      swapOnCall(day);
    }
    if (random.chance(0.06)) {
      List<String> movers = new ArrayList<>();
      for (String p : eligible(false)) {
        if (!teamLead.containsValue(p)) {
          movers.add(p);
        }
      }
      if (!movers.isEmpty()) {
        String mover = random.pick(movers);
        String to = pickTeam("product", "ml", "platform", "data");
        if (!to.equals(people.latest(mover).get("team_id"))) {
          moveTo(mover, to, day);
        }
      }
    }
  }

  /** One engineer leaves the rotation and another joins it: the same size, different people. */
  private void swapOnCall(LocalDate day) {
    List<String> on = eligible(true);
    List<String> off = eligible(false);
    if (!on.isEmpty() && !off.isEmpty()) {
      String joining = random.pick(off);
      setOnCall(random.pick(on), day, false);
      setOnCall(joining, day, true);
    }
  }

  /**
   * A reorganisation on {@code day}: the ML team renamed, one team merged into another (its people
   * move, the team is dissolved), an "AI Enablement" team created with people moved into it, the
   * SRE team moved under Platform, and an on-call swap. The rotation keeps its size.
   */
  Reorg reorganise(LocalDate day) {
    String ml = liveTeam("ml");
    teams.update(ml, day, r -> r.put("team_name", "AI Platform Engineering"));
    List<String> products = liveTeams("product");
    String dissolved;
    String into;
    if (products.size() >= 2) {
      dissolved = products.get(products.size() - 1);
      into = products.get(0);
    } else {
      dissolved = liveTeam("platform");
      into = liveTeam("sre");
    }
    for (String p : people.liveKeys()) {
      if (dissolved.equals(people.latest(p).get("team_id"))) {
        moveTo(p, into, day);
      }
    }
    teamLead.remove(dissolved);
    teams.delete(dissolved, day);
    String enablement = createTeam(day, "AI Enablement", "ml", rootTeam);
    hire(day, enablement, "manager", false, head);
    for (String p : people.liveKeys()) {
      if (ml.equals(people.latest(p).get("team_id")) && !teamLead.containsValue(p)) {
        moveTo(p, enablement, day);
        break;
      }
    }
    String sre = liveTeam("sre");
    String platform = liveTeam("platform");
    if (sre != null && platform != null) {
      teams.update(sre, day, r -> r.put("parent_team_id", platform));
    }
    swapOnCall(day);
    return new Reorg(dissolved, into, enablement);
  }

  // ---------------------------------------------------------------- queries

  /** Teams that exist on {@code day}. */
  boolean teamExists(String team, LocalDate day) {
    return team != null && teams.at(team, day) != null;
  }

  String function(String team) {
    return function.get(team);
  }

  /** Live teams (latest state) with one of the functions, in creation order. */
  List<String> liveTeams(String... functions) {
    List<String> result = new ArrayList<>();
    for (String t : teams.liveKeys()) {
      if (List.of(functions).contains(function.get(t))) {
        result.add(t);
      }
    }
    return result;
  }

  /** Teams existing on {@code day} with one of the functions. */
  List<String> teamsAt(LocalDate day, String... functions) {
    List<String> result = new ArrayList<>();
    for (Map<String, Object> t : teams.stateAt(day)) {
      String id = (String) t.get("team_id");
      if (functions.length == 0 || List.of(functions).contains(function.get(id))) {
        result.add(id);
      }
    }
    return result;
  }

  /** Members of {@code team} on {@code day}, on-call people first. */
  List<String> membersAt(String team, LocalDate day) {
    List<String> onCall = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (Map<String, Object> p : people.stateAt(day)) {
      if (team.equals(p.get("team_id"))) {
        (Boolean.TRUE.equals(p.get("on_call")) ? onCall : others).add((String) p.get("person_id"));
      }
    }
    onCall.addAll(others);
    return onCall;
  }

  int onCallAt(LocalDate day) {
    int n = 0;
    for (Map<String, Object> p : people.stateAt(day)) {
      if (Boolean.TRUE.equals(p.get("on_call"))) {
        n++;
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- helpers

  private List<String> productTeamNames() {
    return switch (org.industry()) {
      case "financial services" ->
          List.of(
              "Payments Experience",
              "Lending Journeys",
              "Risk, Fraud & Compliance",
              "Wealth Advisory Tools",
              "Customer Care Tools");
      case "healthcare" ->
          List.of("Clinical Workflows", "Patient Access", "Revenue Cycle", "Care Navigation");
      case "retail" ->
          List.of(
              "Digital Storefront",
              "Search & Discovery",
              "Supply Chain Apps",
              "Store Operations",
              "Loyalty & CRM");
      case "logistics" -> List.of("Shipment Visibility", "Customs & Compliance", "Fleet Apps");
      case "energy" -> List.of("Grid Operations Apps", "Customer Energy Services", "Field Tools");
      case "media" -> List.of("Newsroom Tools", "Audience Growth");
      default ->
          List.of(
              "Network Assurance",
              "Customer Care Digital",
              "Billing Experience",
              "Enterprise Solutions");
    };
  }

  private String createTeam(LocalDate day, String name, String fn, String parent) {
    String id;
    do {
      id =
          switch (idStyle) {
            case 0 -> "team-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            case 1 -> "grp-" + random.hex(8);
            default -> "T" + (1000 + 7 * usedIds.size() + random.between(0, 6));
          };
    } while (!usedIds.add(id));
    Map<String, Object> row = teams.blankRow();
    row.put("org_id", org.orgId());
    row.put("team_id", id);
    row.put("team_name", name);
    row.put("parent_team_id", parent);
    row.put("function", fn);
    teams.put(id, day, row);
    function.put(id, fn);
    return id;
  }

  private void staff(LocalDate day, String team, String leadRole, String memberRole, int members) {
    String lead = hire(day, team, leadRole, false, head);
    teamLead.put(team, lead);
    for (int i = 0; i < members; i++) {
      hire(day, team, memberRole, false, null);
    }
  }

  private String hire(LocalDate day, String team, String role, boolean onCall, String manager) {
    String id;
    do {
      sequence++;
      id =
          switch (idStyle) {
            case 0 -> String.format(Locale.ROOT, "u%05d", 10000 + sequence * 13);
            case 1 -> "usr_" + random.hex(10);
            default -> String.format(Locale.ROOT, "emp-%04d", 2000 + sequence * 3);
          };
    } while (!usedIds.add(id));
    String[] name = names.next();
    Map<String, Object> row = people.blankRow();
    row.put("org_id", org.orgId());
    row.put("person_id", id);
    row.put("full_name", name[0]);
    row.put("email", name[1]);
    row.put("team_id", team);
    row.put("manager_id", manager != null ? manager : teamLead.getOrDefault(team, head));
    row.put("role", title(role));
    row.put("on_call", onCall);
    people.put(id, day, row);
    baseRole.put(id, role);
    return id;
  }

  private String title(String role) {
    if (!jobTitles) {
      return role;
    }
    return switch (role) {
      case "engineer" -> "Software Engineer";
      case "sre" -> "Site Reliability Engineer";
      case "manager" -> "Engineering Manager";
      case "pm" -> "Product Manager";
      default -> "Data Analyst";
    };
  }

  private void moveTo(String person, String team, LocalDate day) {
    boolean lead = teamLead.containsValue(person);
    people.update(
        person,
        day,
        r -> {
          r.put("team_id", team);
          r.put("manager_id", lead ? head : teamLead.getOrDefault(team, head));
        });
  }

  private void setOnCall(String person, LocalDate day, boolean value) {
    people.update(person, day, r -> r.put("on_call", value));
  }

  private boolean onCall(String person) {
    return Boolean.TRUE.equals(people.latest(person).get("on_call"));
  }

  private int onCallNow() {
    return eligibleOrNot(true, true).size();
  }

  /** Live engineers and SREs that are (or are not) on call. */
  private List<String> eligible(boolean onCall) {
    return eligibleOrNot(onCall, false);
  }

  private List<String> eligibleOrNot(boolean onCall, boolean anyRole) {
    List<String> result = new ArrayList<>();
    for (String p : people.liveKeys()) {
      if ((anyRole || ELIGIBLE.contains(baseRole.get(p))) && onCall(p) == onCall) {
        result.add(p);
      }
    }
    return result;
  }

  private String functionOfPerson(String person) {
    return function.get((String) people.latest(person).get("team_id"));
  }

  private String liveTeam(String fn) {
    List<String> t = liveTeams(fn);
    return t.isEmpty() ? null : t.get(0);
  }

  private String pickTeam(String... functions) {
    List<String> candidates = liveTeams(functions);
    return candidates.isEmpty() ? rootTeam : random.pick(candidates);
  }
}
