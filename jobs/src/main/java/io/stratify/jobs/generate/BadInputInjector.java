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
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Writes a sprinkling of every kind of bad input LANDING.md names into the assembled files, where
 * it cannot spoil the scenarios: a bad snapshot row is always a row that did not change since the
 * org's previous drop (so keeping the previous version, as ingest must, changes nothing), and a bad
 * incident row is one that is re-sent in a later drop. Each key is spoiled at most once.
 *
 * <p>The files' rows wait in the {@link RowSpool}; each row's flags (unchanged, re-sent later, next
 * day free) were set per org when it was spooled. A pick draws uniformly from the rows of a {@link
 * Pool} whose key is not spoiled yet, in file and row order: the pool's rows are counted per chunk
 * when spooled (a Fenwick tree per pool), a spoiled key's rows are looked up in its org's chunks
 * and left out by their place, so a pick reads one chunk instead of every row.
 */
final class BadInputInjector {

  /** Rows bad input of one kind can be written into: a dataset, its formats and a test. */
  enum Pool {
    INCIDENTS_RESENT(INCIDENTS, r -> r.resentLater, CSV),
    INCIDENTS_RESENT_ACKNOWLEDGED(
        INCIDENTS, r -> r.resentLater && r.values.get("acknowledged_at") != null, CSV),
    INCIDENTS_RESENT_RESOLVED(
        INCIDENTS, r -> r.resentLater && r.values.get("resolved_at") != null, CSV, JSONL),
    INCIDENTS_RESENT_PLAIN_TITLE(INCIDENTS, r -> r.resentLater && plainTitle(r), CSV),
    INCIDENTS_ANY(INCIDENTS, r -> true, CSV),
    EVENTS_ANY(INCIDENT_EVENTS, r -> true, CSV),
    EVENTS_ACKNOWLEDGED(
        INCIDENT_EVENTS, r -> "acknowledged".equals(r.values.get("event_type")), CSV),
    EVENTS_WITH_TEAM_JSONL(INCIDENT_EVENTS, r -> r.values.get("team_id") != null, JSONL),
    EVENTS_ANY_JSONL(INCIDENT_EVENTS, r -> true, JSONL),
    CHANGES_ANY(DEPLOYMENT_CHANGES, r -> true, CSV),
    CHANGES_NEXT_DAY_FREE(DEPLOYMENT_CHANGES, r -> r.nextDayFree, CSV),
    USAGE_ANY(INFERENCE_USAGE, r -> true, CSV),
    USAGE_WITH_LATENCY(INFERENCE_USAGE, r -> r.values.get("latency_p95_ms") != null, CSV),
    DEPLOYMENTS_UNCHANGED(DEPLOYMENTS, r -> r.unchanged, CSV),
    DEPLOYMENTS_UNCHANGED_PRODUCTION(
        DEPLOYMENTS, r -> r.unchanged && "production".equals(r.values.get("lifecycle_stage")), CSV),
    DEPLOYMENTS_UNCHANGED_LAUNCHED(
        DEPLOYMENTS, r -> r.unchanged && r.values.get("launched_on") != null, CSV),
    BUDGETS_UNCHANGED(BUDGETS, r -> r.unchanged, CSV, JSON),
    BUDGETS_UNCHANGED_DEPLOYMENT_SCOPE(
        BUDGETS, r -> r.unchanged && "deployment".equals(r.values.get("scope")), CSV, JSON),
    ORGS_UNCHANGED(ORGS, r -> r.unchanged, CSV),
    PEOPLE_UNCHANGED(PEOPLE, r -> r.unchanged, CSV),
    PEOPLE_UNCHANGED_LATIN1(PEOPLE, r -> r.unchanged && latin1Name(r), CSV);

    final LandingDataset dataset;
    final Predicate<LandingFile.Row> test;
    final List<LandingFormat> formats;

    Pool(LandingDataset dataset, Predicate<LandingFile.Row> test, LandingFormat... formats) {
      this.dataset = dataset;
      this.test = test;
      this.formats = List.of(formats);
    }

    /** The pools a file of this dataset and format feeds. */
    static Pool[] of(LandingDataset dataset, LandingFormat format) {
      return Stream.of(values())
          .filter(p -> p.dataset == dataset && p.formats.contains(format))
          .toArray(Pool[]::new);
    }
  }

  /** A pool's rows in file and row order: where each chunk's rows start, and the spoiled ones. */
  private static final class PoolIndex {
    /** The pool's files, and the pool chunk each starts at. */
    final SpooledFile[] files;

    final int[] fileStart;

    /** Per pool chunk, the place of its first row in the pool. */
    final long[] start;

    final long size;
    final TreeSet<Long> spoiled = new TreeSet<>();

    /** A Fenwick tree of the unspoiled rows per pool chunk: counts and draws in log time. */
    private final long[] tree;

    PoolIndex(Pool pool, List<SpooledFile> catalog) {
      List<SpooledFile> in = catalog.stream().filter(f -> f.poolSlot(pool) >= 0).toList();
      files = in.toArray(SpooledFile[]::new);
      fileStart = new int[files.length];
      start = new long[in.stream().mapToInt(SpooledFile::size).sum()];
      int i = 0;
      long position = 0;
      for (int f = 0; f < files.length; f++) {
        SpooledFile file = files[f];
        int slot = file.poolSlot(pool);
        file.firstInPool[slot] = i;
        fileStart[f] = i;
        for (int c = 0; c < file.size(); c++) {
          start[i++] = position;
          position += file.count(c, slot);
        }
      }
      size = position;
      tree = new long[start.length + 1];
      for (int c = 1; c <= start.length; c++) {
        tree[c] += rows(c - 1);
        int parent = c + (c & -c);
        if (parent <= start.length) {
          tree[parent] += tree[c];
        }
      }
    }

    private long rows(int chunk) {
      return (chunk + 1 < start.length ? start[chunk + 1] : size) - start[chunk];
    }

    /** Unspoiled rows in the first {@code chunks} pool chunks. */
    private long prefix(int chunks) {
      long sum = 0;
      for (int c = chunks; c > 0; c -= c & -c) {
        sum += tree[c];
      }
      return sum;
    }

    /** Leaves the row at {@code place} out from now on. */
    void spoil(long place) {
      if (spoiled.add(place)) {
        for (int c = chunkAt(place) + 1; c <= start.length; c += c & -c) {
          tree[c]--;
        }
      }
    }

    /** The file of pool chunk {@code i}: the last that starts at or before it. */
    int fileOf(int i) {
      int low = 0;
      int high = fileStart.length - 1;
      while (low < high) {
        int mid = (low + high + 1) >>> 1;
        if (fileStart[mid] <= i) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      return low;
    }

    /** Unspoiled rows in pool chunks [from, to). */
    long available(int from, int to) {
      return prefix(to) - prefix(from);
    }

    /** The place of the {@code k}-th unspoiled row in pool chunk {@code from} or after. */
    long place(long k, int from) {
      long rest = k + prefix(from);
      int chunk = 0;
      for (int step = Integer.highestOneBit(Math.max(1, start.length)); step > 0; step >>= 1) {
        if (chunk + step <= start.length && tree[chunk + step] <= rest) {
          chunk += step;
          rest -= tree[chunk];
        }
      }
      long p = start[chunk] + rest;
      for (long s : spoiled.subSet(start[chunk], start[chunk] + rows(chunk))) {
        if (s <= p) {
          p++;
        } else {
          break;
        }
      }
      return p;
    }

    /** The pool chunk holding place {@code p}: the last whose start is not after it. */
    int chunkAt(long p) {
      int low = 0;
      int high = start.length - 1;
      while (low < high) {
        int mid = (low + high + 1) >>> 1;
        if (start[mid] <= p) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      return low;
    }
  }

  /** A picked row: its file, the chunk and index it was spooled at, and the row itself. */
  private record Pick(SpooledFile file, int chunk, int index, LandingFile.Row row) {}

  private final List<SpooledFile> catalog;
  private final Map<String, SpooledFile> byPath = new HashMap<>();
  private final Map<SpooledFile, Integer> catalogIndex = new IdentityHashMap<>();
  private final Map<LandingDataset, List<SpooledFile>> byDataset =
      new EnumMap<>(LandingDataset.class);
  private final Map<Pool, PoolIndex> pools = new EnumMap<>(Pool.class);
  private final List<LandingFile> added = new ArrayList<>();
  private final RowSpool spool;
  private final Map<OrgProfile, Integer> orgIndex = new HashMap<>();
  private final GeneratorSettings settings;
  private final SeededRandom random;
  private final List<InjectedBadInput> injected = new ArrayList<>();
  private final Set<String> touched = new HashSet<>();

  /** The people JSONL chunks whose rows are all unchanged, and those spoiled since. */
  private final List<long[]> peopleChunks = new ArrayList<>();

  private final Map<Long, Integer> peopleChunkIndex = new HashMap<>();
  private final BitSet peopleSpoiled = new BitSet();

  private BadInputInjector(
      List<SpooledFile> catalog,
      RowSpool spool,
      List<OrgProfile> orgs,
      GeneratorSettings settings) {
    this.catalog = catalog;
    this.spool = spool;
    this.settings = settings;
    this.random = SeededRandom.of(settings.seed(), "bad-input");
    for (int i = 0; i < orgs.size(); i++) {
      orgIndex.put(orgs.get(i), i);
    }
    for (int f = 0; f < catalog.size(); f++) {
      SpooledFile file = catalog.get(f);
      byPath.put(file.meta.path(), file);
      catalogIndex.put(file, f);
      byDataset.computeIfAbsent(file.meta.dataset, d -> new ArrayList<>()).add(file);
      if (file.meta.dataset == PEOPLE && file.meta.format == JSONL) {
        for (int c = 0; c < file.size(); c++) {
          if (file.allUnchanged(c)) {
            peopleChunkIndex.put(at(f, c), peopleChunks.size());
            peopleChunks.add(new long[] {f, c});
          }
        }
      }
    }
    for (Pool pool : Pool.values()) {
      pools.put(pool, new PoolIndex(pool, catalog));
    }
  }

  /**
   * Injects bad input into the spooled files {@code catalog} (sorted by path) and returns the files
   * that bad input adds (where it is a file of its own, or a drop of its own), in the order they
   * were made, and what was injected, in file order, into {@code injected}.
   */
  static List<LandingFile> inject(
      List<SpooledFile> catalog,
      RowSpool spool,
      List<OrgProfile> orgs,
      GeneratorSettings settings,
      List<InjectedBadInput> injected) {
    BadInputInjector injector = new BadInputInjector(catalog, spool, orgs, settings);
    int rounds = Math.max(1, Math.round(settings.orgs() * settings.weeks() / 192f));
    for (int i = 0; i < rounds; i++) {
      injector.round();
    }
    List<InjectedBadInput> result = new ArrayList<>(injector.injected);
    result.sort((a, b) -> a.file().compareTo(b.file()));
    injected.addAll(result);
    return injector.added;
  }

  private void round() {
    wrongTypes();
    replace(
        BadInputKind.MISSING_REQUIRED,
        Pool.CHANGES_ANY,
        "deployed_at",
        r -> new RawValue.Text(""),
        QuarantineReason.MISSING_REQUIRED);
    replace(
        BadInputKind.MISSING_REQUIRED,
        Pool.USAGE_ANY,
        "model_provider",
        r -> new RawValue.Text(""),
        QuarantineReason.MISSING_REQUIRED);
    replace(
        BadInputKind.INVALID_ENUM,
        Pool.DEPLOYMENTS_UNCHANGED_PRODUCTION,
        "lifecycle_stage",
        r -> new RawValue.Text("Production"),
        QuarantineReason.INVALID_ENUM);
    replace(
        BadInputKind.INVALID_ENUM,
        Pool.EVENTS_ACKNOWLEDGED,
        "event_type",
        r -> new RawValue.Text("Acknowledged"),
        QuarantineReason.INVALID_ENUM);
    replace(
        BadInputKind.OUT_OF_RANGE,
        Pool.INCIDENTS_RESENT,
        "severity",
        r -> 5,
        QuarantineReason.OUT_OF_RANGE);
    replace(
        BadInputKind.OUT_OF_RANGE,
        Pool.USAGE_ANY,
        "requests",
        r -> -(Long) r.values.get("requests"),
        QuarantineReason.OUT_OF_RANGE);
    replace(
        BadInputKind.OUT_OF_RANGE,
        Pool.DEPLOYMENTS_UNCHANGED,
        "business_criticality",
        r -> 0,
        QuarantineReason.OUT_OF_RANGE);
    replace(
        BadInputKind.OUT_OF_RANGE,
        Pool.BUDGETS_UNCHANGED,
        "amount_usd",
        r -> new BigDecimal("0.00"),
        QuarantineReason.OUT_OF_RANGE);
    replace(
        BadInputKind.TIMESTAMP_WITHOUT_OFFSET,
        Pool.INCIDENTS_RESENT,
        "opened_at",
        r -> withoutOffset(r, "opened_at"),
        QuarantineReason.TIMESTAMP_WITHOUT_OFFSET);
    replace(
        BadInputKind.TIMESTAMP_WITHOUT_OFFSET,
        Pool.EVENTS_ANY,
        "event_at",
        r -> withoutOffset(r, "event_at"),
        QuarantineReason.TIMESTAMP_WITHOUT_OFFSET);
    replace(
        BadInputKind.ACKNOWLEDGED_OR_RESOLVED_BEFORE_OPENED,
        Pool.INCIDENTS_RESENT_ACKNOWLEDGED,
        "acknowledged_at",
        r -> ((Instant) r.values.get("opened_at")).minus(Duration.ofMinutes(7)),
        QuarantineReason.OUT_OF_ORDER);
    replace(
        BadInputKind.ACKNOWLEDGED_OR_RESOLVED_BEFORE_OPENED,
        Pool.INCIDENTS_RESENT_RESOLVED,
        "resolved_at",
        r -> ((Instant) r.values.get("opened_at")).minus(Duration.ofHours(1)),
        QuarantineReason.OUT_OF_ORDER);
    replace(
        BadInputKind.UNKNOWN_TIMEZONE,
        Pool.ORGS_UNCHANGED,
        "timezone",
        r -> new RawValue.Text(windowsZoneName((String) r.values.get("timezone"))),
        QuarantineReason.UNKNOWN_TIMEZONE);
    replace(
        BadInputKind.PERIOD_END_BEFORE_START,
        Pool.BUDGETS_UNCHANGED,
        "period_end",
        r -> ((LocalDate) r.values.get("period_start")).minusDays(1),
        QuarantineReason.OUT_OF_ORDER);
    replace(
        BadInputKind.DEPLOYMENT_BUDGET_WITHOUT_DEPLOYMENT,
        Pool.BUDGETS_UNCHANGED_DEPLOYMENT_SCOPE,
        "deployment_id",
        r -> new RawValue.Text(""),
        QuarantineReason.MISSING_REQUIRED);
    malformed();
    replace(
        BadInputKind.INVALID_UTF8,
        Pool.PEOPLE_UNCHANGED_LATIN1,
        "full_name",
        r -> new RawValue.Latin1((String) r.values.get("full_name")),
        QuarantineReason.INVALID_UTF8);
    duplicates();
    conflicts();
    rejectedFiles();
  }

  // ---------------------------------------------------------------- kinds

  private void wrongTypes() {
    BadInputKind kind = BadInputKind.WRONG_TYPE;
    replace(
        kind,
        Pool.INCIDENTS_RESENT,
        "severity",
        r -> new RawValue.Text("high"),
        QuarantineReason.INVALID_INTEGER);
    replace(
        kind,
        Pool.PEOPLE_UNCHANGED,
        "on_call",
        r -> new RawValue.Text("yes"),
        QuarantineReason.INVALID_BOOLEAN);
    replace(
        kind,
        Pool.USAGE_ANY,
        "cost_usd",
        r ->
            new RawValue.Text(
                ((BigDecimal) r.values.get("cost_usd"))
                    .setScale(2, RoundingMode.HALF_UP)
                    .toPlainString()
                    .replace('.', ',')),
        QuarantineReason.INVALID_DECIMAL);
    replace(
        kind,
        Pool.USAGE_WITH_LATENCY,
        "latency_p95_ms",
        r -> new RawValue.Text("n/a"),
        QuarantineReason.INVALID_NUMBER);
    replace(
        kind,
        Pool.DEPLOYMENTS_UNCHANGED_LAUNCHED,
        "launched_on",
        r ->
            new RawValue.Text(
                ((LocalDate) r.values.get("launched_on"))
                    .format(DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT))),
        QuarantineReason.INVALID_DATE);
    replace(
        kind,
        Pool.CHANGES_ANY,
        "deployed_at",
        r ->
            new RawValue.Text(
                ((Instant) r.values.get("deployed_at")).toString().substring(0, 4)
                    + "-02-30 10:00:00+00:00"),
        QuarantineReason.INVALID_TIMESTAMP);
    replace(
        kind,
        Pool.EVENTS_WITH_TEAM_JSONL,
        "team_id",
        r ->
            new RawValue.Verbatim(
                "{\"id\":\"" + r.values.get("team_id") + "\",\"type\":\"team_reference\"}"),
        QuarantineReason.INVALID_TYPE);
  }

  /** A stray quote and an unquoted comma in incident titles; a JSON line cut short. */
  private void malformed() {
    replace(
        BadInputKind.MALFORMED_RECORD,
        Pool.INCIDENTS_RESENT_PLAIN_TITLE,
        "title",
        r -> new RawValue.Verbatim("\"" + r.values.get("title") + "\" (copy)"),
        QuarantineReason.MALFORMED_RECORD);
    replace(
        BadInputKind.MALFORMED_RECORD,
        Pool.INCIDENTS_RESENT_PLAIN_TITLE,
        "title",
        r -> new RawValue.Verbatim(r.values.get("title") + ", retries exhausted"),
        QuarantineReason.MALFORMED_RECORD);
    Pick pick = pick(Pool.EVENTS_ANY_JSONL);
    if (pick != null) {
      String json = JsonFileWriter.object(pick.file().meta, pick.row());
      pick.row().rawLine = json.substring(0, json.length() * 2 / 3);
      record(
          BadInputKind.MALFORMED_RECORD,
          pick.file().meta,
          Outcome.QUARANTINED,
          QuarantineReason.MALFORMED_RECORD,
          "a JSON line cut short: " + pick.row().rawLine);
    }
  }

  private static boolean plainTitle(LandingFile.Row r) {
    return r.values.get("title") instanceof String t
        && t.indexOf('"') < 0
        && t.indexOf('\n') < 0
        && t.indexOf(',') < 0;
  }

  /** A log entry sent twice in one file; two incidents sent again in a JSON retry file. */
  private void duplicates() {
    Pick pick = pick(Pool.EVENTS_ANY);
    if (pick != null) {
      pick.file().insertAfter(pick.chunk(), pick.index(), pick.row().copy());
      record(
          BadInputKind.EXACT_DUPLICATE,
          pick.file().meta,
          Outcome.COLLAPSED,
          null,
          "event "
              + pick.row().values.get("event_id")
              + " of "
              + pick.row().values.get("incident_id")
              + " written twice");
    }
    pick = pick(Pool.INCIDENTS_ANY);
    if (pick != null) {
      LandingFile csv = pick.file().meta;
      List<String> columns = csv.dataset.fields().stream().map(f -> f.name()).toList();
      LandingFile retry =
          csv.sibling("pagerduty-incidents-retry.jsonl", JSONL, FileStyle.PLAIN, columns);
      retry.rows.add(pick.row().copy());
      Pick second = pickIn(pick.file(), Pool.INCIDENTS_ANY);
      if (second != null) {
        retry.rows.add(second.row().copy());
      }
      added.add(retry);
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
        pick(Pool.INCIDENTS_RESENT),
        "incident",
        "incident_id",
        "severity",
        severity -> (Integer) severity == 4 ? 3 : (Integer) severity + 1);
    conflictingVersion(
        pick(Pool.PEOPLE_UNCHANGED),
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
    pick.file().appended.add(other);
    record(
        BadInputKind.CONFLICTING_DUPLICATE,
        pick.file().meta,
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
    Pick pick = pick(Pool.CHANGES_NEXT_DAY_FREE);
    if (pick != null) {
      LandingFile file = pick.file().meta;
      List<String> columns = new ArrayList<>(file.columns);
      columns.remove("outcome");
      LandingFile manual = file.sibling("devlake-deployments-manual.csv", CSV, file.style, columns);
      pick.file().remove(pick.chunk(), pick.index());
      manual.rows.add(pick.row());
      added.add(manual);
      LandingFile.Row copy = pick.row().copy();
      LocalDate nextDay = file.dt.plusDays(1);
      SpooledFile spooled =
          byPath.get(DEPLOYMENT_CHANGES.folder() + "/dt=" + nextDay + "/" + file.name);
      if (spooled != null) {
        spooled.appended.add(copy);
      } else {
        LandingFile next =
            added.stream()
                .filter(
                    f ->
                        f.dataset == DEPLOYMENT_CHANGES
                            && f.dt.equals(nextDay)
                            && f.name.equals(file.name))
                .findFirst()
                .orElse(null);
        if (next == null) {
          next =
              new LandingFile(
                  DEPLOYMENT_CHANGES, nextDay, file.name, CSV, file.style, file.columns);
          added.add(next);
        }
        next.rows.add(copy);
      }
      record(
          BadInputKind.MISSING_REQUIRED_COLUMN,
          manual,
          Outcome.FILE_REJECTED,
          null,
          "no outcome column; change "
              + pick.row().values.get("change_id")
              + " re-sent complete the next day");
    }

    int available = peopleChunks.size() - peopleSpoiled.cardinality();
    if (available > 0) {
      int k = random.between(0, available - 1);
      int i = peopleSpoiled.nextClearBit(0);
      for (int skipped = 0; skipped < k; skipped++) {
        i = peopleSpoiled.nextClearBit(i + 1);
      }
      SpooledFile file = catalog.get((int) peopleChunks.get(i)[0]);
      int chunk = (int) peopleChunks.get(i)[1];
      List<LandingFile.Row> rows = spool.read(file.chunk(chunk));
      OrgProfile org = rows.get(0).org;
      List<String> columns = new ArrayList<>(file.meta.columns);
      columns.remove("on_call");
      LandingFile resend =
          file.meta.sibling("workday-people-resend.jsonl", JSONL, file.meta.style, columns);
      for (int r = 0; r < rows.size(); r++) {
        file.remove(chunk, r);
        resend.rows.add(rows.get(r));
      }
      touch(PEOPLE, rows);
      added.add(resend);
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
      Pool pool,
      String column,
      Function<LandingFile.Row, Object> bad,
      QuarantineReason reason) {
    Pick pick = pick(pool);
    if (pick == null) {
      return;
    }
    Object value = bad.apply(pick.row());
    pick.row().values.put(column, value);
    record(
        kind,
        pick.file().meta,
        Outcome.QUARANTINED,
        reason,
        column + " = " + describe(value, pick) + " for " + keyText(pool.dataset, pick.row()));
  }

  /** A row drawn from the pool's unspoiled rows; its key is spoiled from now on. */
  private Pick pick(Pool pool) {
    PoolIndex index = pools.get(pool);
    long available = index.available(0, index.start.length);
    if (available == 0) {
      return null;
    }
    return take(pool, index, index.place(random.between(0, (int) available - 1), 0));
  }

  /** A row drawn from the pool's unspoiled rows in one file. */
  private Pick pickIn(SpooledFile file, Pool pool) {
    PoolIndex index = pools.get(pool);
    int slot = file.poolSlot(pool);
    int first = file.firstInPool[slot];
    long available = index.available(first, first + file.size());
    if (available == 0) {
      return null;
    }
    return take(pool, index, index.place(random.between(0, (int) available - 1), first));
  }

  private Pick take(Pool pool, PoolIndex index, long place) {
    int i = index.chunkAt(place);
    int f = index.fileOf(i);
    SpooledFile file = index.files[f];
    int chunk = i - index.fileStart[f];
    long rank = place - index.start[i];
    List<LandingFile.Row> rows = spool.read(file.chunk(chunk));
    for (int r = 0; r < rows.size(); r++) {
      if (pool.test.test(rows.get(r)) && rank-- == 0) {
        LandingFile.Row row = rows.get(r);
        file.replace(chunk, r, row);
        touch(pool.dataset, row);
        return new Pick(file, chunk, r, row);
      }
    }
    throw new IllegalStateException("Cannot find row " + place + " of bad-input pool " + pool);
  }

  /**
   * Spoils the row's key: every spooled row of that key (in any drop of its org) leaves the pools
   * it is in, and a people export holding it can no longer be re-sent without on_call.
   */
  private void touch(LandingDataset dataset, LandingFile.Row row) {
    touch(dataset, List.of(row));
  }

  /** Spoils the keys of rows of one org. */
  private void touch(LandingDataset dataset, List<LandingFile.Row> rows) {
    Set<String> keys = new HashSet<>();
    for (LandingFile.Row row : rows) {
      String key = keyOf(dataset, row);
      if (touched.add(key)) {
        keys.add(key);
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    int org = orgIndex.get(rows.get(0).org);
    for (SpooledFile file : byDataset.getOrDefault(dataset, List.of())) {
      int chunk = file.chunkOf(org);
      if (chunk < 0) {
        continue;
      }
      List<LandingFile.Row> spooled = null;
      for (int slot = 0; slot < file.pools.length; slot++) {
        if (file.count(chunk, slot) == 0) {
          continue;
        }
        spooled = spooled != null ? spooled : spool.read(file.chunk(chunk));
        Pool pool = file.pools[slot];
        PoolIndex index = pools.get(pool);
        long place = index.start[file.firstInPool[slot] + chunk];
        for (LandingFile.Row r : spooled) {
          if (pool.test.test(r)) {
            if (keys.contains(keyOf(dataset, r))) {
              index.spoil(place);
            }
            place++;
          }
        }
      }
      if (dataset == PEOPLE && file.meta.format == JSONL) {
        Integer i = peopleChunkIndex.get(at(catalogIndex.get(file), chunk));
        if (i != null && !peopleSpoiled.get(i)) {
          spooled = spooled != null ? spooled : spool.read(file.chunk(chunk));
          if (spooled.stream().anyMatch(r -> keys.contains(keyOf(PEOPLE, r)))) {
            peopleSpoiled.set(i);
          }
        }
      }
    }
  }

  private static long at(int file, int chunk) {
    return ((long) file << 32) | chunk;
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
   * Marks one org's snapshot rows equal to their key's version in the org's previous drop, upsert
   * rows whose key is sent again in a later drop, and upsert rows whose next day is in the history
   * and does not carry their key. Keys hold the org id, so an org's files are all it takes.
   */
  static void classify(List<LandingFile> orgFiles, GeneratorSettings settings) {
    Map<String, TreeMap<LocalDate, LandingFile.Row>> history = new HashMap<>();
    for (LandingFile file : orgFiles) {
      for (LandingFile.Row row : file.rows) {
        history.computeIfAbsent(keyOf(file.dataset, row), k -> new TreeMap<>()).put(file.dt, row);
      }
    }
    for (LandingFile file : orgFiles) {
      for (LandingFile.Row row : file.rows) {
        TreeMap<LocalDate, LandingFile.Row> versions = history.get(keyOf(file.dataset, row));
        if (file.dataset.kind() == DatasetKind.SNAPSHOT) {
          Map.Entry<LocalDate, LandingFile.Row> previous = versions.lowerEntry(file.dt);
          row.unchanged = previous != null && sameContract(file.dataset, previous.getValue(), row);
        } else {
          row.resentLater = versions.higherKey(file.dt) != null;
          LocalDate next = file.dt.plusDays(1);
          row.nextDayFree = !next.isAfter(settings.end()) && !versions.containsKey(next);
        }
      }
    }
  }

  private static boolean sameContract(
      LandingDataset dataset, LandingFile.Row a, LandingFile.Row b) {
    return dataset.fields().stream()
        .allMatch(f -> Objects.equals(a.values.get(f.name()), b.values.get(f.name())));
  }

  private static String keyOf(LandingDataset dataset, LandingFile.Row row) {
    StringBuilder key = new StringBuilder(dataset.folder());
    for (String column : LandingRow.KEY_COLUMNS.get(dataset)) {
      key.append('\u0001').append(row.values.get(column));
    }
    return key.toString();
  }

  private static String keyText(LandingDataset dataset, LandingFile.Row row) {
    List<String> parts = new ArrayList<>();
    for (String column : LandingRow.KEY_COLUMNS.get(dataset)) {
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
    return TextValues.text(value, pick.file().meta.style, pick.row().org.zone());
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
