package io.stratify.jobs.generate;

import static io.stratify.common.contract.LandingDataset.BUDGETS;
import static io.stratify.common.contract.LandingDataset.DEPLOYMENTS;
import static io.stratify.common.contract.LandingDataset.DEPLOYMENT_CHANGES;
import static io.stratify.common.contract.LandingDataset.INCIDENTS;
import static io.stratify.common.contract.LandingDataset.INCIDENT_EVENTS;
import static io.stratify.common.contract.LandingDataset.INFERENCE_USAGE;
import static io.stratify.common.contract.LandingDataset.ORGS;
import static io.stratify.common.contract.LandingDataset.PEOPLE;
import static io.stratify.common.landing.LandingFormat.CSV;
import static io.stratify.common.landing.LandingFormat.JSON;
import static io.stratify.common.landing.LandingFormat.JSONL;

import io.stratify.common.contract.DatasetKind;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.landing.LandingFormat;
import io.stratify.common.landing.QuarantineReason;
import io.stratify.jobs.generate.InjectedBadInput.Outcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Writes a sprinkling of every kind of bad input LANDING.md names into the assembled files, where
 * it cannot spoil the scenarios: a bad snapshot row is always a row that did not change since the
 * org's previous drop (so keeping the previous version, as ingest must, changes nothing), and a bad
 * incident row is one that is re-sent in a later drop. Each key is spoiled at most once.
 */
final class BadInputInjector {

  private record Pick(LandingFile file, LandingFile.Row row) {}

  private final List<LandingFile> files;
  private final GeneratorSettings settings;
  private final SeededRandom random;
  private final List<InjectedBadInput> injected = new ArrayList<>();
  private final Set<String> touched = new HashSet<>();
  private final Set<LandingFile.Row> unchanged = new HashSet<>();
  private final Set<LandingFile.Row> resentLater = new HashSet<>();
  private final Map<LandingFile.Row, String> keys = new IdentityHashMap<>();

  private BadInputInjector(List<LandingFile> files, GeneratorSettings settings) {
    this.files = files;
    this.settings = settings;
    this.random = SeededRandom.of(settings.seed(), "bad-input");
    classify();
  }

  /**
   * Injects bad input into {@code files} (adding files to the list where the bad input is a file of
   * its own) and returns what was injected, in file order.
   */
  static List<InjectedBadInput> inject(List<LandingFile> files, GeneratorSettings settings) {
    BadInputInjector injector = new BadInputInjector(files, settings);
    int rounds = Math.max(1, Math.round(settings.orgs() * settings.weeks() / 192f));
    for (int i = 0; i < rounds; i++) {
      injector.round();
    }
    files.sort((a, b) -> a.path().compareTo(b.path()));
    List<InjectedBadInput> result = new ArrayList<>(injector.injected);
    result.sort((a, b) -> a.file().compareTo(b.file()));
    return result;
  }

  private void round() {
    wrongTypes();
    replace(
        BadInputKind.MISSING_REQUIRED,
        DEPLOYMENT_CHANGES,
        any(),
        "deployed_at",
        r -> new RawValue.Text(""),
        QuarantineReason.MISSING_REQUIRED,
        CSV);
    replace(
        BadInputKind.MISSING_REQUIRED,
        INFERENCE_USAGE,
        any(),
        "model_provider",
        r -> new RawValue.Text(""),
        QuarantineReason.MISSING_REQUIRED,
        CSV);
    replace(
        BadInputKind.INVALID_ENUM,
        DEPLOYMENTS,
        unchanged().and(r -> "production".equals(r.values.get("lifecycle_stage"))),
        "lifecycle_stage",
        r -> new RawValue.Text("Production"),
        QuarantineReason.INVALID_ENUM,
        CSV);
    replace(
        BadInputKind.INVALID_ENUM,
        INCIDENT_EVENTS,
        r -> "acknowledged".equals(r.values.get("event_type")),
        "event_type",
        r -> new RawValue.Text("Acknowledged"),
        QuarantineReason.INVALID_ENUM,
        CSV);
    replace(
        BadInputKind.OUT_OF_RANGE,
        INCIDENTS,
        resent(),
        "severity",
        r -> 5,
        QuarantineReason.OUT_OF_RANGE,
        CSV);
    replace(
        BadInputKind.OUT_OF_RANGE,
        INFERENCE_USAGE,
        any(),
        "requests",
        r -> -(Long) r.values.get("requests"),
        QuarantineReason.OUT_OF_RANGE,
        CSV);
    replace(
        BadInputKind.OUT_OF_RANGE,
        DEPLOYMENTS,
        unchanged(),
        "business_criticality",
        r -> 0,
        QuarantineReason.OUT_OF_RANGE,
        CSV);
    replace(
        BadInputKind.OUT_OF_RANGE,
        BUDGETS,
        unchanged(),
        "amount_usd",
        r -> new BigDecimal("0.00"),
        QuarantineReason.OUT_OF_RANGE,
        CSV,
        JSON);
    replace(
        BadInputKind.TIMESTAMP_WITHOUT_OFFSET,
        INCIDENTS,
        resent(),
        "opened_at",
        r -> withoutOffset(r, "opened_at"),
        QuarantineReason.TIMESTAMP_WITHOUT_OFFSET,
        CSV);
    replace(
        BadInputKind.TIMESTAMP_WITHOUT_OFFSET,
        INCIDENT_EVENTS,
        any(),
        "event_at",
        r -> withoutOffset(r, "event_at"),
        QuarantineReason.TIMESTAMP_WITHOUT_OFFSET,
        CSV);
    replace(
        BadInputKind.ACKNOWLEDGED_OR_RESOLVED_BEFORE_OPENED,
        INCIDENTS,
        resent().and(r -> r.values.get("acknowledged_at") != null),
        "acknowledged_at",
        r -> ((Instant) r.values.get("opened_at")).minus(Duration.ofMinutes(7)),
        QuarantineReason.OUT_OF_ORDER,
        CSV);
    replace(
        BadInputKind.ACKNOWLEDGED_OR_RESOLVED_BEFORE_OPENED,
        INCIDENTS,
        resent().and(r -> r.values.get("resolved_at") != null),
        "resolved_at",
        r -> ((Instant) r.values.get("opened_at")).minus(Duration.ofHours(1)),
        QuarantineReason.OUT_OF_ORDER,
        CSV,
        JSONL);
    replace(
        BadInputKind.UNKNOWN_TIMEZONE,
        ORGS,
        unchanged(),
        "timezone",
        r -> new RawValue.Text(windowsZoneName((String) r.values.get("timezone"))),
        QuarantineReason.UNKNOWN_TIMEZONE,
        CSV);
    replace(
        BadInputKind.PERIOD_END_BEFORE_START,
        BUDGETS,
        unchanged(),
        "period_end",
        r -> ((LocalDate) r.values.get("period_start")).minusDays(1),
        QuarantineReason.OUT_OF_ORDER,
        CSV,
        JSON);
    replace(
        BadInputKind.DEPLOYMENT_BUDGET_WITHOUT_DEPLOYMENT,
        BUDGETS,
        unchanged().and(r -> "deployment".equals(r.values.get("scope"))),
        "deployment_id",
        r -> new RawValue.Text(""),
        QuarantineReason.MISSING_REQUIRED,
        CSV,
        JSON);
    malformed();
    replace(
        BadInputKind.INVALID_UTF8,
        PEOPLE,
        unchanged().and(r -> latin1Name(r)),
        "full_name",
        r -> new RawValue.Latin1((String) r.values.get("full_name")),
        QuarantineReason.INVALID_UTF8,
        CSV);
    duplicates();
    conflicts();
    rejectedFiles();
  }

  // ---------------------------------------------------------------- kinds

  private void wrongTypes() {
    BadInputKind kind = BadInputKind.WRONG_TYPE;
    replace(
        kind,
        INCIDENTS,
        resent(),
        "severity",
        r -> new RawValue.Text("high"),
        QuarantineReason.INVALID_INTEGER,
        CSV);
    replace(
        kind,
        PEOPLE,
        unchanged(),
        "on_call",
        r -> new RawValue.Text("yes"),
        QuarantineReason.INVALID_BOOLEAN,
        CSV);
    replace(
        kind,
        INFERENCE_USAGE,
        any(),
        "cost_usd",
        r ->
            new RawValue.Text(
                ((BigDecimal) r.values.get("cost_usd"))
                    .setScale(2, RoundingMode.HALF_UP)
                    .toPlainString()
                    .replace('.', ',')),
        QuarantineReason.INVALID_DECIMAL,
        CSV);
    replace(
        kind,
        INFERENCE_USAGE,
        r -> r.values.get("latency_p95_ms") != null,
        "latency_p95_ms",
        r -> new RawValue.Text("n/a"),
        QuarantineReason.INVALID_NUMBER,
        CSV);
    replace(
        kind,
        DEPLOYMENTS,
        unchanged().and(r -> r.values.get("launched_on") != null),
        "launched_on",
        r ->
            new RawValue.Text(
                ((LocalDate) r.values.get("launched_on"))
                    .format(DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT))),
        QuarantineReason.INVALID_DATE,
        CSV);
    replace(
        kind,
        DEPLOYMENT_CHANGES,
        any(),
        "deployed_at",
        r ->
            new RawValue.Text(
                ((Instant) r.values.get("deployed_at")).toString().substring(0, 4)
                    + "-02-30 10:00:00+00:00"),
        QuarantineReason.INVALID_TIMESTAMP,
        CSV);
    replace(
        kind,
        INCIDENT_EVENTS,
        r -> r.values.get("team_id") != null,
        "team_id",
        r ->
            new RawValue.Verbatim(
                "{\"id\":\"" + r.values.get("team_id") + "\",\"type\":\"team_reference\"}"),
        QuarantineReason.INVALID_TYPE,
        JSONL);
  }

  /** A stray quote and an unquoted comma in incident titles; a JSON line cut short. */
  private void malformed() {
    Predicate<LandingFile.Row> plainTitle =
        r ->
            r.values.get("title") instanceof String t
                && t.indexOf('"') < 0
                && t.indexOf('\n') < 0
                && t.indexOf(',') < 0;
    replace(
        BadInputKind.MALFORMED_RECORD,
        INCIDENTS,
        resent().and(plainTitle),
        "title",
        r -> new RawValue.Verbatim("\"" + r.values.get("title") + "\" (copy)"),
        QuarantineReason.MALFORMED_RECORD,
        CSV);
    replace(
        BadInputKind.MALFORMED_RECORD,
        INCIDENTS,
        resent().and(plainTitle),
        "title",
        r -> new RawValue.Verbatim(r.values.get("title") + ", retries exhausted"),
        QuarantineReason.MALFORMED_RECORD,
        CSV);
    Pick pick = pick(INCIDENT_EVENTS, any(), JSONL);
    if (pick != null) {
      String json = JsonFileWriter.object(pick.file(), pick.row());
      pick.row().rawLine = json.substring(0, json.length() * 2 / 3);
      record(
          BadInputKind.MALFORMED_RECORD,
          pick.file(),
          Outcome.QUARANTINED,
          QuarantineReason.MALFORMED_RECORD,
          "a JSON line cut short: " + pick.row().rawLine);
    }
  }

  /** A log entry sent twice in one file; two incidents sent again in a JSON retry file. */
  private void duplicates() {
    Pick pick = pick(INCIDENT_EVENTS, any(), CSV);
    if (pick != null) {
      pick.file().rows.add(pick.file().rows.indexOf(pick.row()) + 1, pick.row().copy());
      record(
          BadInputKind.EXACT_DUPLICATE,
          pick.file(),
          Outcome.COLLAPSED,
          null,
          "event "
              + pick.row().values.get("event_id")
              + " of "
              + pick.row().values.get("incident_id")
              + " written twice");
    }
    pick = pick(INCIDENTS, any(), CSV);
    if (pick != null) {
      LandingFile csv = pick.file();
      List<String> columns = csv.dataset.fields().stream().map(f -> f.name()).toList();
      LandingFile retry =
          csv.sibling("pagerduty-incidents-retry.jsonl", JSONL, FileStyle.PLAIN, columns);
      retry.rows.add(pick.row().copy());
      Pick second = pickIn(csv, any());
      if (second != null) {
        retry.rows.add(second.row().copy());
      }
      files.add(retry);
      for (LandingFile.Row r : retry.rows) {
        record(
            BadInputKind.EXACT_DUPLICATE,
            retry,
            Outcome.COLLAPSED,
            null,
            "incident "
                + r.values.get("incident_id")
                + " also in "
                + csv.name
                + ", timestamps written in UTC instead of local time");
      }
    }
  }

  /** Two versions of one incident, and of one person, in the same drop. */
  private void conflicts() {
    conflictingVersion(
        pick(INCIDENTS, resent(), CSV),
        "incident",
        "incident_id",
        "severity",
        severity -> (Integer) severity == 4 ? 3 : (Integer) severity + 1);
    conflictingVersion(
        pick(PEOPLE, unchanged(), CSV),
        "person",
        "person_id",
        "role",
        role -> role.equals("engineer") ? "sre" : "engineer");
  }

  /** Adds a second version of the picked row, {@code column} changed by {@code change}. */
  private void conflictingVersion(
      Pick pick, String what, String keyColumn, String column, UnaryOperator<Object> change) {
    if (pick == null) {
      return;
    }
    LandingFile.Row other = pick.row().copy();
    Object before = other.values.get(column);
    other.values.put(column, change.apply(before));
    pick.file().rows.add(other);
    record(
        BadInputKind.CONFLICTING_DUPLICATE,
        pick.file(),
        Outcome.QUARANTINED,
        QuarantineReason.CONFLICTING_DUPLICATE,
        what
            + " "
            + other.values.get(keyColumn)
            + " with "
            + column
            + " "
            + before
            + " and "
            + other.values.get(column));
  }

  /**
   * A manual changes export without its outcome column (re-sent complete the next day), and a
   * people export of one org without on_call (the org keeps its previous people).
   */
  private void rejectedFiles() {
    List<Pick> candidates = new ArrayList<>();
    for (LandingFile file : filesOf(DEPLOYMENT_CHANGES, CSV)) {
      LandingFile next = find(DEPLOYMENT_CHANGES, file.dt.plusDays(1), file.name);
      if (file.dt.plusDays(1).isAfter(settings.end())) {
        continue;
      }
      for (LandingFile.Row row : file.rows) {
        if (clean(file, row)
            && (next == null
                || next.rows.stream()
                    .noneMatch(
                        r -> key(DEPLOYMENT_CHANGES, r).equals(key(DEPLOYMENT_CHANGES, row))))) {
          candidates.add(new Pick(file, row));
        }
      }
    }
    if (!candidates.isEmpty()) {
      Pick pick = random.pick(candidates);
      List<String> columns = new ArrayList<>(pick.file().columns);
      columns.remove("outcome");
      LandingFile manual =
          pick.file().sibling("devlake-deployments-manual.csv", CSV, pick.file().style, columns);
      pick.file().rows.remove(pick.row());
      manual.rows.add(pick.row());
      files.add(manual);
      LandingFile next = find(DEPLOYMENT_CHANGES, pick.file().dt.plusDays(1), pick.file().name);
      if (next == null) {
        next =
            new LandingFile(
                DEPLOYMENT_CHANGES,
                pick.file().dt.plusDays(1),
                pick.file().name,
                CSV,
                pick.file().style,
                pick.file().columns);
        files.add(next);
      }
      next.rows.add(pick.row().copy());
      touch(DEPLOYMENT_CHANGES, pick.row());
      record(
          BadInputKind.MISSING_REQUIRED_COLUMN,
          manual,
          Outcome.FILE_REJECTED,
          null,
          "no outcome column; change "
              + pick.row().values.get("change_id")
              + " re-sent complete the next day");
    }

    List<LandingFile> peopleFiles = new ArrayList<>();
    List<OrgProfile> peopleOrgs = new ArrayList<>();
    for (LandingFile file : filesOf(PEOPLE, JSONL)) {
      Map<OrgProfile, Boolean> allUnchanged = new LinkedHashMap<>();
      for (LandingFile.Row row : file.rows) {
        allUnchanged.merge(
            row.org, unchanged.contains(row) && clean(file, row), Boolean::logicalAnd);
      }
      allUnchanged.forEach(
          (org, ok) -> {
            if (ok) {
              peopleFiles.add(file);
              peopleOrgs.add(org);
            }
          });
    }
    if (!peopleFiles.isEmpty()) {
      int i = random.between(0, peopleFiles.size() - 1);
      LandingFile file = peopleFiles.get(i);
      OrgProfile org = peopleOrgs.get(i);
      List<String> columns = new ArrayList<>(file.columns);
      columns.remove("on_call");
      LandingFile resend = file.sibling("workday-people-resend.jsonl", JSONL, file.style, columns);
      for (LandingFile.Row row : List.copyOf(file.rows)) {
        if (row.org == org) {
          file.rows.remove(row);
          resend.rows.add(row);
          touch(PEOPLE, row);
        }
      }
      files.add(resend);
      record(
          BadInputKind.MISSING_REQUIRED_COLUMN,
          resend,
          Outcome.FILE_REJECTED,
          null,
          "the people of " + org.orgId() + " without the on_call column");
    }
  }

  // ---------------------------------------------------------------- mechanics

  private void replace(
      BadInputKind kind,
      LandingDataset dataset,
      Predicate<LandingFile.Row> where,
      String column,
      Function<LandingFile.Row, Object> bad,
      QuarantineReason reason,
      LandingFormat... formats) {
    Pick pick = pick(dataset, where, formats);
    if (pick == null) {
      return;
    }
    Object value = bad.apply(pick.row());
    pick.row().values.put(column, value);
    record(
        kind,
        pick.file(),
        Outcome.QUARANTINED,
        reason,
        column + " = " + describe(value, pick) + " for " + keyText(dataset, pick.row()));
  }

  private Pick pick(
      LandingDataset dataset, Predicate<LandingFile.Row> where, LandingFormat... formats) {
    return pickAmong(dataset, filesOf(dataset, formats), where);
  }

  private Pick pickIn(LandingFile file, Predicate<LandingFile.Row> where) {
    return pickAmong(file.dataset, List.of(file), where);
  }

  /** A random clean row of {@code files} matching {@code where}, touched; null without one. */
  private Pick pickAmong(
      LandingDataset dataset, List<LandingFile> files, Predicate<LandingFile.Row> where) {
    List<Pick> candidates = new ArrayList<>();
    for (LandingFile file : files) {
      for (LandingFile.Row row : file.rows) {
        if (clean(file, row) && where.test(row)) {
          candidates.add(new Pick(file, row));
        }
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    Pick pick = random.pick(candidates);
    touch(dataset, pick.row());
    return pick;
  }

  /** Neither spoiled already nor a key already spoiled elsewhere. */
  private boolean clean(LandingFile file, LandingFile.Row row) {
    return row.rawLine == null
        && row.values.values().stream().noneMatch(v -> v instanceof RawValue)
        && !touched.contains(key(file.dataset, row));
  }

  private void touch(LandingDataset dataset, LandingFile.Row row) {
    touched.add(key(dataset, row));
  }

  private List<LandingFile> filesOf(LandingDataset dataset, LandingFormat... formats) {
    List<LandingFormat> allowed = List.of(formats);
    return files.stream().filter(f -> f.dataset == dataset && allowed.contains(f.format)).toList();
  }

  private LandingFile find(LandingDataset dataset, LocalDate dt, String name) {
    return files.stream()
        .filter(f -> f.dataset == dataset && f.dt.equals(dt) && f.name.equals(name))
        .findFirst()
        .orElse(null);
  }

  private void record(
      BadInputKind kind,
      LandingFile file,
      Outcome outcome,
      QuarantineReason reason,
      String detail) {
    injected.add(
        new InjectedBadInput(kind, file.dataset, file.dt, file.path(), outcome, reason, detail));
  }

  /**
   * Marks snapshot rows equal to their key's version in the org's previous drop, and upsert rows
   * whose key is sent again in a later drop.
   */
  private void classify() {
    Map<String, TreeMap<LocalDate, LandingFile.Row>> history = new HashMap<>();
    for (LandingFile file : files) {
      for (LandingFile.Row row : file.rows) {
        history.computeIfAbsent(key(file.dataset, row), k -> new TreeMap<>()).put(file.dt, row);
      }
    }
    for (LandingFile file : files) {
      for (LandingFile.Row row : file.rows) {
        TreeMap<LocalDate, LandingFile.Row> versions = history.get(key(file.dataset, row));
        if (file.dataset.kind() == DatasetKind.SNAPSHOT) {
          Map.Entry<LocalDate, LandingFile.Row> previous = versions.lowerEntry(file.dt);
          if (previous != null && sameContract(file.dataset, previous.getValue(), row)) {
            unchanged.add(row);
          }
        } else if (versions.higherKey(file.dt) != null) {
          resentLater.add(row);
        }
      }
    }
  }

  private static boolean sameContract(
      LandingDataset dataset, LandingFile.Row a, LandingFile.Row b) {
    return dataset.fields().stream()
        .allMatch(f -> Objects.equals(a.values.get(f.name()), b.values.get(f.name())));
  }

  private Predicate<LandingFile.Row> unchanged() {
    return unchanged::contains;
  }

  private Predicate<LandingFile.Row> resent() {
    return resentLater::contains;
  }

  private static Predicate<LandingFile.Row> any() {
    return r -> true;
  }

  private String key(LandingDataset dataset, LandingFile.Row row) {
    return keys.computeIfAbsent(row, r -> keyOf(dataset, r));
  }

  private static String keyOf(LandingDataset dataset, LandingFile.Row row) {
    StringBuilder key = new StringBuilder(dataset.folder());
    for (String column : dataset.keyColumns()) {
      key.append('\u0001').append(row.values.get(column));
    }
    return key.toString();
  }

  private static String keyText(LandingDataset dataset, LandingFile.Row row) {
    List<String> parts = new ArrayList<>();
    for (String column : dataset.keyColumns()) {
      if (!column.equals("org_id")) {
        parts.add(String.valueOf(row.values.get(column)));
      }
    }
    return (row.org.orgId() + " " + String.join(" ", parts)).trim();
  }

  private static String describe(Object value, Pick pick) {
    if (value instanceof RawValue.Text t) {
      return "'" + t.text() + "'";
    }
    if (value instanceof RawValue.Verbatim v) {
      return v.text();
    }
    if (value instanceof RawValue.Latin1 l) {
      return "'" + l.text() + "' in ISO-8859-1";
    }
    return TextValues.text(value, pick.file().style, pick.row().org.zone());
  }

  private static RawValue.Text withoutOffset(LandingFile.Row row, String column) {
    Instant t = (Instant) row.values.get(column);
    LocalDateTime local = LocalDateTime.ofInstant(t, row.org.zone());
    return new RawValue.Text(local.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
  }

  private static boolean latin1Name(LandingFile.Row row) {
    String name = (String) row.values.get("full_name");
    return name != null
        && name.chars().anyMatch(c -> c > 127)
        && StandardCharsets.ISO_8859_1.newEncoder().canEncode(name);
  }

  /** What a Windows export writes instead of an IANA zone id. */
  private static String windowsZoneName(String zone) {
    return switch (zone) {
      case "America/Chicago" -> "Central Standard Time";
      case "America/New_York" -> "Eastern Standard Time";
      case "America/Los_Angeles" -> "Pacific Standard Time";
      case "Europe/Berlin", "Europe/Oslo" -> "W. Europe Standard Time";
      case "Asia/Kolkata" -> "India Standard Time";
      default -> "Romance Standard Time";
    };
  }
}
