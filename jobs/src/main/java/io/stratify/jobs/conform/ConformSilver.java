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

  /** Orgs recomputed per dataset. */
  public record Result(Map<LandingDataset, Integer> orgsRecomputed) {}

  private final Lakehouse lakehouse;
  private final UserDefinedFunction pseudonym;
  private final int parallelism;
  private final Consumer<String> progress;

  public ConformSilver(
      Lakehouse lakehouse,
      Pseudonymiser pseudonymiser,
      int parallelism,
      Consumer<String> progress) {
    this.lakehouse = lakehouse;
    this.parallelism = parallelism;
    this.progress = progress;
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
    lakehouse
        .read(LakehouseTables.INGEST_LOG)
        .filter(col("conformed").equalTo(false))
        .select("dataset", "affected_orgs")
        .collectAsList()
        .forEach(
            r -> {
              Set<String> orgs =
                  touched.computeIfAbsent(
                      LandingDataset.fromFolder(r.getString(0)).orElseThrow(),
                      d -> new TreeSet<>());
              orgs.addAll(r.getList(1));
            });
    Map<LandingDataset, Integer> recomputed = new EnumMap<>(LandingDataset.class);
    Parallel.map(
        List.of(LandingDataset.values()),
        parallelism,
        dataset -> {
          TableContract silver = LakehouseTables.silver(dataset);
          lakehouse.ensure(silver);
          Set<String> orgs = touched.get(dataset);
          if (orgs != null && !orgs.isEmpty()) {
            progress.accept(
                String.format("  conform %-18s %3d org(s)", silver.qualifiedName(), orgs.size()));
            lakehouse.replaceWhere(silver, build(dataset, orgs, null), orgIn(orgs));
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
    return new Result(recomputed);
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
