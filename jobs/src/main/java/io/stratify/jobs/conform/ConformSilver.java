package io.stratify.jobs.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

import io.stratify.common.contract.DatasetKind;
import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.LandingField;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.common.privacy.Pseudonymiser;
import io.stratify.common.scd.Scd2;
import io.stratify.jobs.Parallel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Bronze -> silver.
 *
 * <p>Input: {@code bronze.<dataset>} and, for snapshot datasets, the quarantined rows whose key
 * could be read ({@code bronze.quarantine}). Output: {@code silver.<dataset>}: SCD type 2 history
 * for the snapshot datasets (orgs, teams, people, deployments, budgets), the latest version per key
 * for the upsert datasets (incidents, incident_events, deployment_changes, inference_usage). Person
 * ids are replaced by keyed hashes; names and emails are dropped.
 *
 * <p>Every silver row of an org is a function of that org's bronze rows, so a night recomputes only
 * the orgs its drops touched: those listed in the {@code affected_orgs} of the ingest-log rows not
 * yet conformed. The log rows are marked conformed after silver is written, so a run that dies in
 * between recomputes them again. Within those orgs, the new drops are folded into the current
 * silver rows when that is exact ({@link #foldIn}, {@link #foldInHistory}); otherwise the orgs are
 * rebuilt from all their bronze rows.
 */
public final class ConformSilver {

  /**
   * Orgs recomputed per dataset, and the datasets whose new drops were folded into the current
   * silver rows instead of rebuilding them from all bronze history.
   */
  public record Result(Map<LandingDataset, Integer> orgsRecomputed, Set<LandingDataset> foldedIn) {
    public Result {
      orgsRecomputed = Map.copyOf(orgsRecomputed);
      foldedIn = Set.copyOf(foldedIn);
    }

    public Result(Map<LandingDataset, Integer> orgsRecomputed) {
      this(orgsRecomputed, Set.of());
    }
  }

  private final Lakehouse lakehouse;
  private final UserDefinedFunction pseudonym;
  private final int parallelism;
  private final Consumer<String> progress;
  private final boolean incremental;

  /** A conformer that folds new drops into silver when it can ({@code conform.incremental}). */
  public ConformSilver(
      Lakehouse lakehouse,
      Pseudonymiser pseudonymiser,
      int parallelism,
      Consumer<String> progress) {
    this(lakehouse, pseudonymiser, parallelism, progress, true);
  }

  /**
   * @param incremental fold the new drops into the current silver rows when that is exact (no drop
   *     conformed before is replaced; for snapshot datasets, also every new drop after the last
   *     conformed one); false rebuilds every touched org from all bronze
   */
  public ConformSilver(
      Lakehouse lakehouse,
      Pseudonymiser pseudonymiser,
      int parallelism,
      Consumer<String> progress,
      boolean incremental) {
    this.lakehouse = lakehouse;
    this.parallelism = parallelism;
    this.progress = progress;
    this.incremental = incremental;
    this.pseudonym =
        functions
            .udf(
                (org.apache.spark.sql.api.java.UDF1<String, String>) pseudonymiser::pseudonym,
                DataTypes.StringType)
            .withName("pseudonym");
  }

  /** Recomputes silver for the orgs touched by drops ingested since the last conform. */
  public Result conform() {
    Map<LandingDataset, Set<String>> touched = new EnumMap<>(LandingDataset.class);
    Map<LandingDataset, Set<LocalDate>> newDrops = new EnumMap<>(LandingDataset.class);
    Dataset<Row> log = lakehouse.read(LakehouseTables.INGEST_LOG);
    log.filter(col("conformed").equalTo(false))
        .select("dataset", "affected_orgs", "dt")
        .collectAsList()
        .forEach(
            r -> {
              LandingDataset dataset = LandingDataset.fromFolder(r.getString(0)).orElseThrow();
              touched.computeIfAbsent(dataset, d -> new TreeSet<>()).addAll(r.getList(1));
              newDrops.computeIfAbsent(dataset, d -> new TreeSet<>()).add(r.getLocalDate(2));
            });
    // One row per dataset: the latest drop silver already reflects (a snapshot fold needs every
    // new drop to come after it).
    Map<LandingDataset, LocalDate> lastConformed = new EnumMap<>(LandingDataset.class);
    if (!touched.isEmpty()) {
      log.filter(col("conformed").equalTo(true))
          .groupBy("dataset")
          .agg(functions.max("dt"))
          .collectAsList()
          .forEach(
              r ->
                  LandingDataset.fromFolder(r.getString(0))
                      .ifPresent(d -> lastConformed.put(d, r.getLocalDate(1))));
    }
    Map<LandingDataset, Integer> recomputed = new EnumMap<>(LandingDataset.class);
    Set<LandingDataset> folded = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Parallel.map(
        List.of(LandingDataset.values()),
        parallelism,
        dataset -> {
          TableContract silver = LakehouseTables.silver(dataset);
          lakehouse.ensure(silver);
          Set<String> orgs = touched.get(dataset);
          if (orgs != null && !orgs.isEmpty()) {
            Dataset<Row> rows = null;
            Dataset<Row> latestNew = null;
            if (incremental) {
              if (dataset.kind() == DatasetKind.SNAPSHOT) {
                rows =
                    foldInHistory(dataset, orgs, newDrops.get(dataset), lastConformed.get(dataset));
              } else {
                latestNew = foldIn(dataset, orgs, newDrops.get(dataset));
              }
            }
            boolean fold = rows != null || latestNew != null;
            progress.accept(
                String.format(
                    "  conform %-18s %3d org(s)%s",
                    silver.qualifiedName(), orgs.size(), fold ? ", new drops folded in" : ""));
            if (fold) {
              folded.add(dataset);
            }
            if (latestNew != null) {
              // Only the keys of the new drops: a later version replaces its key's row, a new key
              // is added, every other row stays (and so does every file that holds none of them).
              lakehouse.upsert(
                  silver,
                  latestNew,
                  dataset.keyColumns().stream().map(LakehouseTables::silverColumnName).toList(),
                  "s.source_dt > t.source_dt");
            } else {
              lakehouse.replaceWhere(
                  silver, rows != null ? rows : build(dataset, orgs, null), orgIn(orgs));
            }
          }
          return dataset;
        });
    touched.forEach((dataset, orgs) -> recomputed.put(dataset, orgs.size()));
    if (!touched.isEmpty()) {
      lakehouse.update(
          LakehouseTables.INGEST_LOG,
          "conformed = false AND dataset IN ("
              + touched.keySet().stream()
                  .map(d -> Lakehouse.literal(d.folder()))
                  .collect(Collectors.joining(", "))
              + ")",
          "conformed",
          "true");
    }
    return new Result(recomputed, folded);
  }

  /**
   * The latest version of each key in an upsert dataset's new drops, to be merged into silver: the
   * latest version of a key over all its drops is the later of its current silver version (the
   * latest over the drops conformed before) and its latest version in the new drops. That holds
   * unless a new drop replaces one whose version silver holds (the replacement may have dropped the
   * key, and its version from an earlier drop would be needed): then null, and the caller rebuilds
   * the touched orgs from all bronze. Merged by key ({@link Lakehouse#upsert}, the new version
   * replacing the silver one only when later), exactly what {@link #build} gives.
   */
  private Dataset<Row> foldIn(LandingDataset dataset, Set<String> orgs, Set<LocalDate> drops) {
    TableContract silver = LakehouseTables.silver(dataset);
    if (!lakehouse.read(silver).filter(orgIn(orgs)).filter(dateIn("source_dt", drops)).isEmpty()) {
      return null;
    }
    return latest(dataset, scopedToDrops(LakehouseTables.bronze(dataset), orgs, drops));
  }

  /**
   * The new SCD2 history of a snapshot dataset's orgs from their current silver versions and the
   * drops not yet conformed only. The history over all drops is the history over the drops
   * conformed before (silver) continued by the new drops, applied in date order to the state the
   * old drops left (the open versions), when every new drop comes after every conformed drop and no
   * silver version starts or ends on or after the first new drop (a version that does came from a
   * drop the new one replaces; a replaced drop that changed nothing left no trace, and the open
   * versions are then the state before it, as they must be). Otherwise null, and the caller
   * rebuilds from all bronze. Exactly what {@link #build} gives: the closed versions are kept, the
   * open ones continue (an unchanged value extends a version and keeps its {@code valid_from}).
   *
   * @param lastConformed the latest drop of the dataset silver reflects; null if none
   */
  private Dataset<Row> foldInHistory(
      LandingDataset dataset, Set<String> orgs, Set<LocalDate> drops, LocalDate lastConformed) {
    LocalDate first = drops.iterator().next(); // a TreeSet: the earliest new drop
    if (lastConformed != null && !lastConformed.isBefore(first)) {
      return null;
    }
    TableContract silver = LakehouseTables.silver(dataset);
    Dataset<Row> current = lakehouse.read(silver).filter(orgIn(orgs));
    Column firstNew = lit(first);
    if (!current
        .filter(col("valid_from").geq(firstNew).or(col("valid_to").geq(firstNew)))
        .isEmpty()) {
      return null;
    }
    Dataset<Row> closed =
        current
            .filter(col("is_current").equalTo(false))
            .select(silver.columnNames().stream().map(functions::col).toArray(Column[]::new));
    Dataset<Row> observed =
        observations(
                dataset,
                scopedToDrops(LakehouseTables.bronze(dataset), orgs, drops),
                scopedToDrops(LakehouseTables.QUARANTINE, orgs, drops))
            .withColumn("_from", lit(null).cast(DataTypes.DateType));
    List<String> keyWithinOrg =
        dataset.keyColumns().stream().filter(k -> !k.equals("org_id")).toList();
    Dataset<Row> open =
        current
            .filter(col("is_current").equalTo(true))
            .select(
                col("org_id"),
                lit(OPEN).as("dt"),
                concat_ws(
                        "\u0001",
                        keyWithinOrg.stream()
                            .map(k -> col(LakehouseTables.silverColumnName(k)))
                            .toArray(Column[]::new))
                    .as("_key"),
                struct(
                        LakehouseTables.silverFields(dataset).stream()
                            .map(f -> col(LakehouseTables.silverColumnName(f.name())))
                            .toArray(Column[]::new))
                    .cast(observed.schema().apply("_value").dataType())
                    .as("_value"),
                col("valid_from").as("_from"));
    Dataset<Row> continued =
        observed
            .unionByName(open)
            .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
            .flatMapGroups(new BuildHistory(silver.schema().size()), Encoders.row(silver.schema()));
    return closed.unionByName(continued);
  }

  /** The date given to the open versions a fold continues: before every drop. */
  private static final LocalDate OPEN = LocalDate.of(1, 1, 1);

  private Dataset<Row> scopedToDrops(TableContract table, Set<String> orgs, Set<LocalDate> drops) {
    return lakehouse.read(table).filter(dateIn("dt", drops)).filter(orgIn(orgs));
  }

  /** {@code column IN (DATE '...', ...)}, one literal per date. */
  private static String dateIn(String column, Set<LocalDate> dates) {
    return column
        + " IN ("
        + dates.stream()
            .map(d -> "DATE " + Lakehouse.literal(d.toString()))
            .collect(Collectors.joining(", "))
        + ")";
  }

  /**
   * The silver rows of one dataset, built from bronze.
   *
   * @param orgs only these orgs; null for every org
   * @param cutoff only drops with {@code dt <= cutoff}; null for every ingested drop
   */
  public Dataset<Row> build(LandingDataset dataset, Set<String> orgs, LocalDate cutoff) {
    Dataset<Row> bronze = scoped(lakehouse.read(LakehouseTables.bronze(dataset)), orgs, cutoff);
    return dataset.kind() == DatasetKind.SNAPSHOT
        ? history(dataset, bronze, orgs, cutoff)
        : latest(dataset, bronze);
  }

  private static Dataset<Row> scoped(Dataset<Row> rows, Set<String> orgs, LocalDate cutoff) {
    if (orgs != null) {
      rows = rows.filter(orgIn(orgs));
    }
    if (cutoff != null) {
      rows = rows.filter(col("dt").leq(lit(cutoff)));
    }
    return rows;
  }

  /** A landing column as it appears in silver: person ids pseudonymised. */
  private Column silverValue(String landingColumn, Column value) {
    String name = LakehouseTables.silverColumnName(landingColumn);
    return (name.equals(landingColumn) ? value : pseudonym.apply(value)).as(name);
  }

  private Dataset<Row> latest(LandingDataset dataset, Dataset<Row> bronze) {
    Column[] key = dataset.keyColumns().stream().map(functions::col).toArray(Column[]::new);
    List<Column> cols = new ArrayList<>();
    for (LandingField f : LakehouseTables.silverFields(dataset)) {
      cols.add(silverValue(f.name(), col(f.name())));
    }
    cols.add(col("dt").as("source_dt"));
    cols.add(col("source_file"));
    return bronze
        .withColumn("_rn", row_number().over(Window.partitionBy(key).orderBy(col("dt").desc())))
        .filter(col("_rn").equalTo(1))
        .select(cols.toArray(Column[]::new));
  }

  private Dataset<Row> history(
      LandingDataset dataset, Dataset<Row> bronze, Set<String> orgs, LocalDate cutoff) {
    StructType schema = LakehouseTables.silver(dataset).schema();
    return observations(
            dataset, bronze, scoped(lakehouse.read(LakehouseTables.QUARANTINE), orgs, cutoff))
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups(new BuildHistory(schema.size()), Encoders.row(schema));
  }

  /**
   * A snapshot dataset's observations (org_id, dt, _key, _value): its accepted bronze rows, and its
   * quarantined rows whose key could be read, with a null value.
   */
  private Dataset<Row> observations(
      LandingDataset dataset, Dataset<Row> bronze, Dataset<Row> quarantine) {
    List<String> keyWithinOrg =
        dataset.keyColumns().stream().filter(k -> !k.equals("org_id")).toList();

    List<Column> valueCols = new ArrayList<>();
    for (LandingField f : LakehouseTables.silverFields(dataset)) {
      valueCols.add(silverValue(f.name(), col(f.name())));
    }
    Column[] acceptedKey =
        keyWithinOrg.stream().map(k -> silverValue(k, col(k))).toArray(Column[]::new);
    Dataset<Row> accepted =
        bronze.select(
            col("org_id"),
            col("dt"),
            concat_ws("\u0001", acceptedKey).as("_key"),
            struct(valueCols.toArray(Column[]::new)).as("_value"));

    Column[] quarantinedKey =
        keyWithinOrg.stream()
            .map(k -> silverValue(k, element_at(col("record_key"), k)))
            .toArray(Column[]::new);
    Dataset<Row> quarantined =
        quarantine
            .filter(col("dataset").equalTo(dataset.folder()))
            .filter(col("record_key").isNotNull())
            .select(
                col("org_id"),
                col("dt"),
                concat_ws("\u0001", quarantinedKey).as("_key"),
                lit(null).cast(accepted.schema().apply("_value").dataType()).as("_value"));
    return accepted.unionByName(quarantined);
  }

  private static String orgIn(Set<String> orgs) {
    return "org_id IN ("
        + orgs.stream().map(Lakehouse::literal).collect(Collectors.joining(", "))
        + ")";
  }

  /** Executor side: one org's observations -> its SCD2 versions as silver rows. */
  private static final class BuildHistory implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final int width;

    BuildHistory(int width) {
      this.width = width;
    }

    @Override
    public Iterator<Row> call(String org, Iterator<Row> rows) {
      List<Scd2.Observation<Row>> observations = new ArrayList<>();
      // A fold's open versions (observed on OPEN) and the valid_from each keeps.
      Map<String, LocalDate> openSince = new HashMap<>();
      rows.forEachRemaining(
          r -> {
            observations.add(
                new Scd2.Observation<>(r.getLocalDate(1), r.getString(2), r.<Row>getAs(3)));
            if (r.size() > 4 && !r.isNullAt(4)) {
              openSince.put(r.getString(2), r.getLocalDate(4));
            }
          });
      List<Row> out = new ArrayList<>();
      for (Scd2.Version<Row> v : Scd2.build(observations)) {
        Object[] cells = new Object[width];
        Row value = v.value();
        for (int i = 0; i < value.size(); i++) {
          cells[i] = value.get(i);
        }
        cells[width - 3] = v.validFrom().equals(OPEN) ? openSince.get(v.key()) : v.validFrom();
        cells[width - 2] = v.validTo();
        cells[width - 1] = v.validTo() == null;
        out.add(RowFactory.create(cells));
      }
      return out.iterator();
    }
  }
}
