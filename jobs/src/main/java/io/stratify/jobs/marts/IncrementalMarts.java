package io.stratify.jobs.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.split;

import io.delta.tables.DeltaTable;
import io.stratify.common.config.MetricSettings;
import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.common.metrics.Weeks;
import io.stratify.common.stats.MinCohortSize;
import io.stratify.jobs.Parallel;
import io.stratify.jobs.publish.MartsPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * An incremental night: the marts of one run date computed from what the drops ingested since the
 * published marts can change, instead of from the whole of silver (issue 12).
 *
 * <p>Why it gives the marts a full rebuild gives: every org_weekly and deployment_weekly row of an
 * org is a function of that org's silver rows, the week of the run date and the metric settings
 * ({@code OrgWeekly}); silver rows of an org change only through drops listing the org in their
 * {@code affected_orgs}. So when the published marts are of the same week and settings, only the
 * orgs of the drops ingested since can have other rows (the affected orgs): they are recomputed
 * from silver, every other org's rows are carried over. A week's benchmarks are a function of that
 * week's benchmark inputs (each org's cohort, consent and values): the version keeps them ({@code
 * _benchmark_inputs}), so only the weeks where an affected org's inputs differ are recomputed.
 * budget_status, org_trend and signal_lead_time are stamped with the run date, so they are
 * recomputed for every org, from the cheaper inputs they need (orgs, budgets and usage; the
 * org_weekly just written).
 *
 * <p>Which drops came since: the published version records the Delta version of bronze.ingest_log
 * it was computed from ({@code _basis.properties}); the ingest-log rows in files added after that
 * version are the drops ingested, re-ingested or conformed since. Files rewritten for other reasons
 * (a compaction) only make more orgs count as affected. Whenever this cannot be known, or the rows
 * could differ for another reason (a new week, other settings, other marts, a range of dates,
 * silver rebuilt for an earlier date), the night is a full rebuild and says why.
 */
public final class IncrementalMarts {

  /** The marts whose rows are a function of one org's silver (replaced per org). */
  static final List<TableContract> PER_ORG_WEEKLY =
      List.of(MartTables.ORG_WEEKLY, MartTables.DEPLOYMENT_WEEKLY, MartTables.INCIDENT_ATTRIBUTION);

  private static final List<TableContract> CROSS_ORG_WEEKLY =
      List.of(MartTables.BENCHMARK_COHORT_WEEKLY, MartTables.ORG_BENCHMARK_WEEKLY);

  private static final String BASIS = "_basis.properties";
  private static final String INPUTS = "_benchmark_inputs";
  private static final String INGEST_LOG_VERSION = "ingest-log-version";
  private static final String MIN_COHORT_SIZE = "benchmark-min-cohort-size";
  private static final List<String> INPUT_KEY =
      List.of("org_id", "week_start", "industry", "size_band", "consent");

  /**
   * How the marts of a night are computed.
   *
   * @param orgs the affected orgs, recomputed from silver (incremental only)
   * @param fullBecause why the night is a full rebuild; null when incremental
   */
  public record Plan(Set<String> orgs, String fullBecause) {

    static Plan full(String because) {
      return new Plan(Set.of(), because);
    }

    public boolean incremental() {
      return fullBecause == null;
    }
  }

  /**
   * What the marts step recomputed.
   *
   * @param fullBecause why everything was recomputed; null for an incremental night
   * @param orgs orgs recomputed from silver (incremental)
   * @param benchmarkWeeks weeks whose benchmarks were recomputed (incremental)
   */
  public record Recomputed(String fullBecause, Set<String> orgs, List<LocalDate> benchmarkWeeks) {

    public static Recomputed full(String because) {
      return new Recomputed(because, Set.of(), List.of());
    }

    /** One line for the run summary. */
    public String describe(LocalDate runDate) {
      if (fullBecause != null) {
        return "every org and week recomputed (full rebuild: " + fullBecause + ")";
      }
      return String.format(
          "incremental: weekly marts of %d affected org(s) recomputed, the others carried over;"
              + " benchmarks of %d week(s)%s; budget_status, org_trend, signal_lead_time as of %s"
              + " for every org",
          orgs.size(),
          benchmarkWeeks.size(),
          benchmarkWeeks.isEmpty()
              ? ""
              : " (" + benchmarkWeeks.stream().map(LocalDate::toString).collect(joining()) + ")",
          runDate);
    }

    private static java.util.stream.Collector<CharSequence, ?, String> joining() {
      return Collectors.joining(", ");
    }
  }

  private IncrementalMarts() {}

  /** The Delta version of bronze.ingest_log now (-1 when there is none). */
  public static long ingestLogVersion(Lakehouse lakehouse) {
    if (!lakehouse.exists(LakehouseTables.INGEST_LOG)) {
      return -1;
    }
    return DeltaTable.forPath(lakehouse.spark(), lakehouse.location(LakehouseTables.INGEST_LOG))
        .history(1)
        .select("version")
        .head()
        .getLong(0);
  }

  /**
   * Decides whether the marts of {@code runDate} can be computed incrementally over the published
   * version of {@code lakehouse}.
   */
  public static Plan plan(
      Lakehouse lakehouse,
      SilverAsOf silver,
      LocalDate runDate,
      Map<String, String> metricSettings,
      MinCohortSize k) {
    if (silver.rebuilt()) {
      return Plan.full("later drops are already ingested");
    }
    List<String> uncovered =
        MartTables.all().stream()
            .filter(
                m ->
                    !PER_ORG_WEEKLY.contains(m)
                        && !CROSS_ORG_WEEKLY.contains(m)
                        && !MartsPublisher.DATE_STAMPED.contains(m))
            .map(TableContract::name)
            .toList();
    if (!uncovered.isEmpty()) {
      return Plan.full("no incremental rule for " + String.join(", ", uncovered));
    }
    if (!lakehouse.exists(OpsTables.PUBLISH_LOG)) {
      return Plan.full("no marts published yet");
    }
    List<Row> latest =
        lakehouse
            .read(OpsTables.PUBLISH_LOG)
            .orderBy(col("sequence").desc())
            .select("version", "run_date", "marts", "metric_settings")
            .limit(1)
            .collectAsList();
    if (latest.isEmpty()) {
      return Plan.full("no marts published yet");
    }
    Row published = latest.get(0);
    LocalDate publishedDate = published.getLocalDate(1);
    if (publishedDate.isAfter(runDate)) {
      return Plan.full("the published marts are as of a later date, " + publishedDate);
    }
    if (!Weeks.weekStart(publishedDate).equals(Weeks.weekStart(runDate))) {
      return Plan.full("a new week since the published marts: every org gains a week");
    }
    List<String> marts = published.getList(2);
    if (!new HashSet<>(marts)
        .equals(MartTables.all().stream().map(TableContract::name).collect(Collectors.toSet()))) {
      return Plan.full("the published marts are another set of tables");
    }
    Map<String, String> settings = published.isNullAt(3) ? Map.of() : published.getJavaMap(3);
    if (!new TreeMap<>(settings).equals(new TreeMap<>(metricSettings))) {
      return Plan.full("the metric settings changed");
    }
    Lakehouse current = lakehouse.withMartsVersion(published.getString(0));
    Properties basis = readBasis(current);
    if (basis == null || !exists(current, INPUTS)) {
      return Plan.full("the published marts do not record what they were computed from");
    }
    if (!String.valueOf(k.k()).equals(basis.getProperty(MIN_COHORT_SIZE))) {
      return Plan.full("benchmark.min-cohort-size changed");
    }
    Set<String> orgs;
    try {
      orgs = affectedOrgsSince(lakehouse, Long.parseLong(basis.getProperty(INGEST_LOG_VERSION)));
    } catch (RuntimeException e) {
      // A vacuumed or rewritten log: the drops since cannot be known.
      return Plan.full("the ingest log's history since the published marts cannot be read");
    }
    return new Plan(orgs, null);
  }

  /**
   * Writes the marts of the run date into the staged version following an incremental plan: the
   * affected orgs recomputed, the rest carried over from the published version.
   */
  public static Recomputed write(
      Lakehouse published,
      Lakehouse staged,
      SilverAsOf silver,
      Plan plan,
      LocalDate runDate,
      MetricSettings settings,
      MinCohortSize k,
      int parallelism) {
    Lakehouse current = published.withMartsVersion(published.martsVersion());
    Column affected = col("org_id").isin(plan.orgs().toArray());
    SupportabilityMarts.Marts fresh =
        SupportabilityMarts.compute(silver.forOrgs(plan.orgs()), runDate, settings);
    try {
      Dataset<Row> storedInputs = readInputs(current);
      Dataset<Row> freshInputs = flat(fresh.benchmarkInputs());
      Dataset<Row> before = storedInputs.filter(affected);
      List<LocalDate> weeks =
          freshInputs
              .except(before)
              .union(before.except(freshInputs))
              .select("week_start")
              .distinct()
              .collectAsList()
              .stream()
              .map(r -> r.getLocalDate(0))
              .sorted()
              .toList();
      Dataset<Row> inputs = storedInputs.filter(not(affected)).unionByName(freshInputs);

      SupportabilityMarts.Marts combined =
          new SupportabilityMarts.Marts(
              runDate,
              current
                  .read(MartTables.ORG_WEEKLY)
                  .filter(not(affected))
                  .unionByName(fresh.orgWeekly()),
              current
                  .read(MartTables.DEPLOYMENT_WEEKLY)
                  .filter(not(affected))
                  .unionByName(fresh.deploymentWeekly()),
              SupportabilityMarts.budgetStatus(silver, runDate),
              nested(inputs),
              current
                  .read(MartTables.INCIDENT_ATTRIBUTION)
                  .filter(not(affected))
                  .unionByName(fresh.incidentAttribution()),
              fresh.cached());
      // First every table that reads only the published version and the fresh rows, side by side;
      // then the trends, which read the org_weekly just written.
      List<Runnable> writes = new ArrayList<>(SupportabilityMarts.writes(staged, combined, true));
      writes.add(
          () ->
              BenchmarkAndTrendMarts.writeBenchmarks(
                  staged,
                  nested(inputs.filter(col("week_start").isin(weeks.toArray()))),
                  k,
                  current));
      writes.add(() -> writeInputs(staged, inputs));
      Parallel.run(writes, parallelism);
      Parallel.run(
          BenchmarkAndTrendMarts.trendWrites(
              staged,
              new SupportabilityMarts.Marts(
                  runDate,
                  staged.read(MartTables.ORG_WEEKLY),
                  staged.read(MartTables.DEPLOYMENT_WEEKLY),
                  combined.budgetStatus(),
                  combined.benchmarkInputs(),
                  combined.incidentAttribution(),
                  fresh.cached())),
          parallelism);
      return new Recomputed(null, new TreeSet<>(plan.orgs()), weeks);
    } finally {
      fresh.release();
    }
  }

  /**
   * Records in a staged version what it was computed from, for the next night: the ingest log's
   * version, k and every org-week's benchmark inputs (the full rebuild's).
   */
  public static void record(
      Lakehouse staged, long ingestLogVersion, MinCohortSize k, Dataset<Row> benchmarkInputs) {
    writeInputs(staged, flat(benchmarkInputs));
    recordBasis(staged, ingestLogVersion, k);
  }

  /** Records the basis of a version whose inputs are written ({@link #write}). */
  public static void recordBasis(Lakehouse staged, long ingestLogVersion, MinCohortSize k) {
    if (ingestLogVersion < 0) {
      return;
    }
    Properties basis = new Properties();
    basis.setProperty(INGEST_LOG_VERSION, Long.toString(ingestLogVersion));
    basis.setProperty(MIN_COHORT_SIZE, Integer.toString(k.k()));
    Path path = new Path(folder(staged) + "/" + BASIS);
    try (OutputStream out = fileSystem(staged, path).create(path, true)) {
      basis.store(
          new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
          "what this marts version was computed from (IncrementalMarts)");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }

  /** The orgs of the ingest-log rows in files added after {@code version}. */
  private static Set<String> affectedOrgsSince(Lakehouse lakehouse, long version) {
    String location = lakehouse.location(LakehouseTables.INGEST_LOG);
    Set<String> before =
        fileNames(
            lakehouse
                .spark()
                .read()
                .format("delta")
                .option("versionAsOf", version)
                .load(location)
                .inputFiles());
    Dataset<Row> log = lakehouse.read(LakehouseTables.INGEST_LOG);
    Set<String> added = fileNames(log.inputFiles());
    added.removeAll(before);
    if (added.isEmpty()) {
      return Set.of();
    }
    return log
        .filter(element_at(split(col("_metadata.file_path"), "/"), -1).isin(added.toArray()))
        .select(explode(col("affected_orgs")).as("org_id"))
        .distinct()
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> fileNames(String[] files) {
    Set<String> names = new HashSet<>();
    for (String f : files) {
      names.add(f.substring(f.lastIndexOf('/') + 1));
    }
    return names;
  }

  /** Benchmark inputs with one column per metric (set operations cannot compare maps). */
  private static Dataset<Row> flat(Dataset<Row> inputs) {
    List<Column> cols = new ArrayList<>();
    INPUT_KEY.forEach(c -> cols.add(col(c)));
    MartTables.BENCHMARK_METRICS.forEach(m -> cols.add(col("values").getItem(m).as(m)));
    return inputs.select(cols.toArray(Column[]::new));
  }

  /** The flat inputs back in the shape {@link BenchmarkAndTrendMarts} reads. */
  private static Dataset<Row> nested(Dataset<Row> flat) {
    Column values =
        functions.map(
            MartTables.BENCHMARK_METRICS.stream()
                .flatMap(m -> Stream.of(lit(m), col(m)))
                .toArray(Column[]::new));
    List<Column> cols = new ArrayList<>();
    INPUT_KEY.forEach(c -> cols.add(col(c)));
    cols.add(values.as("values"));
    return flat.select(cols.toArray(Column[]::new));
  }

  private static void writeInputs(Lakehouse staged, Dataset<Row> flatInputs) {
    flatInputs.write().format("delta").mode("overwrite").save(folder(staged) + "/" + INPUTS);
  }

  private static Dataset<Row> readInputs(Lakehouse version) {
    return version.spark().read().format("delta").load(folder(version) + "/" + INPUTS);
  }

  private static boolean exists(Lakehouse version, String name) {
    return DeltaTable.isDeltaTable(version.spark(), folder(version) + "/" + name);
  }

  private static Properties readBasis(Lakehouse version) {
    Path path = new Path(folder(version) + "/" + BASIS);
    try {
      FileSystem fs = fileSystem(version, path);
      if (!fs.exists(path)) {
        return null;
      }
      Properties basis = new Properties();
      try (InputStream in = fs.open(path)) {
        basis.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      }
      return basis.getProperty(INGEST_LOG_VERSION) == null
              || basis.getProperty(MIN_COHORT_SIZE) == null
          ? null
          : basis;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }

  private static String folder(Lakehouse version) {
    return version.martsRoot() + "/" + version.martsVersion();
  }

  private static FileSystem fileSystem(Lakehouse lakehouse, Path path) throws IOException {
    return FileSystem.get(
        URI.create(path.toUri().toString()),
        lakehouse.spark().sparkContext().hadoopConfiguration());
  }
}
