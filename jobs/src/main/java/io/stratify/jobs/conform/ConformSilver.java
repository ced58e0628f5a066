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
 * between recomputes them again.
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
   * @param incremental fold the new drops of the upsert datasets into the current silver rows when
   *     no drop conformed before is replaced; false rebuilds every touched org from all bronze
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
    lakehouse
        .read(LakehouseTables.INGEST_LOG)
        .filter(col("conformed").equalTo(false))
        .select("dataset", "affected_orgs", "dt")
        .collectAsList()
        .forEach(
            r -> {
              LandingDataset dataset = LandingDataset.fromFolder(r.getString(0)).orElseThrow();
              touched.computeIfAbsent(dataset, d -> new TreeSet<>()).addAll(r.getList(1));
              newDrops.computeIfAbsent(dataset, d -> new TreeSet<>()).add(r.getLocalDate(2));
            });
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
            if (incremental && dataset.kind() != DatasetKind.SNAPSHOT) {
              rows = foldIn(dataset, orgs, newDrops.get(dataset));
            }
            progress.accept(
                String.format(
                    "  conform %-18s %3d org(s)%s",
                    silver.qualifiedName(),
                    orgs.size(),
                    rows != null ? ", new drops folded in" : ""));
            if (rows != null) {
              folded.add(dataset);
            } else {
              rows = build(dataset, orgs, null);
            }
            lakehouse.replaceWhere(silver, rows, orgIn(orgs));
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
   * The new silver rows of an upsert dataset's orgs from their current silver rows and the bronze
   * rows of the new drops only: the latest version of a key over all its drops is the later of its
   * current silver version (the latest over the drops conformed before) and its latest version in
   * the new drops. That holds unless a new drop replaces one whose version silver holds (the
   * replacement may have dropped the key, and its version from an earlier drop would be needed):
   * then null, and the caller rebuilds from all bronze. Exactly what {@link #build} gives.
   */
  private Dataset<Row> foldIn(LandingDataset dataset, Set<String> orgs, Set<LocalDate> drops) {
    TableContract silver = LakehouseTables.silver(dataset);
    String dts =
        drops.stream()
            .map(d -> "DATE " + Lakehouse.literal(d.toString()))
            .collect(Collectors.joining(", "));
    Dataset<Row> current = lakehouse.read(silver).filter(orgIn(orgs));
    if (!current.filter("source_dt IN (" + dts + ")").isEmpty()) {
      return null;
    }
    Dataset<Row> fresh =
        latest(
            dataset,
            lakehouse
                .read(LakehouseTables.bronze(dataset))
                .filter("dt IN (" + dts + ")")
                .filter(orgIn(orgs)));
    Column[] key =
        dataset.keyColumns().stream()
            .map(k -> col(LakehouseTables.silverColumnName(k)))
            .toArray(Column[]::new);
    return current
        .select(silver.columnNames().stream().map(functions::col).toArray(Column[]::new))
        .unionByName(fresh)
        .withColumn(
            "_rn", row_number().over(Window.partitionBy(key).orderBy(col("source_dt").desc())))
        .filter(col("_rn").equalTo(1))
        .drop("_rn");
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
    TableContract silver = LakehouseTables.silver(dataset);
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
        scoped(lakehouse.read(LakehouseTables.QUARANTINE), orgs, cutoff)
            .filter(col("dataset").equalTo(dataset.folder()))
            .filter(col("record_key").isNotNull())
            .select(
                col("org_id"),
                col("dt"),
                concat_ws("\u0001", quarantinedKey).as("_key"),
                lit(null).cast(accepted.schema().apply("_value").dataType()).as("_value"));

    StructType schema = silver.schema();
    return accepted
        .unionByName(quarantined)
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups(new BuildHistory(schema.size()), Encoders.row(schema));
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
      rows.forEachRemaining(
          r ->
              observations.add(
                  new Scd2.Observation<>(r.getLocalDate(1), r.getString(2), r.<Row>getAs(3))));
      List<Row> out = new ArrayList<>();
      for (Scd2.Version<Row> v : Scd2.build(observations)) {
        Object[] cells = new Object[width];
        Row value = v.value();
        for (int i = 0; i < value.size(); i++) {
          cells[i] = value.get(i);
        }
        cells[width - 3] = v.validFrom();
        cells[width - 2] = v.validTo();
        cells[width - 1] = v.validTo() == null;
        out.add(RowFactory.create(cells));
      }
      return out.iterator();
    }
  }
}
