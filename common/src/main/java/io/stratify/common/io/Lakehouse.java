package io.stratify.common.io;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import io.stratify.common.contract.Check;
import io.stratify.common.contract.Column;
import io.stratify.common.contract.Layer;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The lakehouse: where each table lives and the one way every job reads and writes Delta tables.
 * Every write goes through a table's contract: columns are selected and cast in contract order, the
 * table is created with its NOT NULL columns, comments and CHECK constraints, and every write is a
 * single Delta commit that is safe to re-run.
 *
 * <p>Bronze, silver and ops tables live at {@code <root>/<layer>/<table>}. Marts are published as a
 * whole, version by version, at {@code <root>/marts/<version>/<table>}; a lakehouse reads the
 * version named by the latest row of {@code ops.publish_log} (resolved once, so one reader sees one
 * consistent set), or the version it was given with {@link #withMartsVersion}.
 */
public final class Lakehouse {

  private static final String CONSTRAINT_PREFIX = "delta.constraints.";

  /** The marts version name before anything was published. */
  public static final String NO_MARTS = "v0";

  private final SparkSession spark;
  private final String root;
  private final Set<String> ensured;
  private volatile String martsVersion;

  public Lakehouse(SparkSession spark, String root) {
    this(spark, root, null, ConcurrentHashMap.newKeySet());
  }

  private Lakehouse(SparkSession spark, String root, String martsVersion, Set<String> ensured) {
    this.spark = spark;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.martsVersion = martsVersion;
    this.ensured = ensured;
  }

  /**
   * The same lakehouse, reading and writing the marts of {@code version} (e.g. one being built).
   */
  public Lakehouse withMartsVersion(String version) {
    return new Lakehouse(spark, root, version, ensured);
  }

  /** The marts version this lakehouse reads: the published one unless given. */
  public String martsVersion() {
    if (martsVersion == null) {
      martsVersion = publishedMartsVersion().orElse(NO_MARTS);
    }
    return martsVersion;
  }

  /** The latest published marts version, read from ops.publish_log. */
  public Optional<String> publishedMartsVersion() {
    TableContract log = OpsTables.PUBLISH_LOG;
    if (!exists(log)) {
      return Optional.empty();
    }
    List<Row> latest =
        read(log)
            .orderBy(functions.col("sequence").desc())
            .select("version")
            .limit(1)
            .collectAsList();
    return latest.isEmpty() ? Optional.empty() : Optional.of(latest.get(0).getString(0));
  }

  public String root() {
    return root;
  }

  public SparkSession spark() {
    return spark;
  }

  /** Where the table's Delta log lives. */
  public String location(TableContract table) {
    if (table.layer() == Layer.MARTS) {
      return martsRoot() + "/" + martsVersion() + "/" + table.name();
    }
    return root + "/" + table.layer().schema() + "/" + table.name();
  }

  /** The folder holding every marts version. */
  public String martsRoot() {
    return root + "/" + Layer.MARTS.schema();
  }

  public boolean exists(TableContract table) {
    return DeltaTable.isDeltaTable(spark, location(table));
  }

  /** The table's rows; an empty frame of the contract's schema when it does not exist yet. */
  public Dataset<Row> read(TableContract table) {
    if (!exists(table)) {
      return spark.createDataFrame(List.of(), table.schema());
    }
    return spark.read().format("delta").load(location(table));
  }

  /**
   * Creates the table from its contract if it does not exist. An existing table is left as it is:
   * inspecting its constraints would cost a snapshot reconstruction on every run.
   */
  public void ensure(TableContract table) {
    String path = location(table);
    if (ensured.contains(path)) {
      return;
    }
    if (!DeltaTable.isDeltaTable(spark, path)) {
      // CHECK constraints are table properties: set at creation they cost no extra commit.
      DeltaTableBuilder builder =
          DeltaTable.createIfNotExists(spark)
              .location(path)
              .comment(table.description() + " Grain: " + table.grain() + ".")
              .addColumns(table.schema())
              .partitionedBy(table.partitionBy().toArray(String[]::new));
      for (Check check : table.checks()) {
        builder = builder.property(CONSTRAINT_PREFIX + check.name(), check.sql());
      }
      builder.execute();
    }
    ensured.add(path);
  }

  /**
   * Replaces the rows matching {@code predicate} by {@code rows} in one commit (Delta
   * replaceWhere). Every row written must match the predicate.
   */
  public void replaceWhere(TableContract table, Dataset<Row> rows, String predicate) {
    ensure(table);
    conform(table, rows)
        .write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", predicate)
        .save(location(table));
  }

  /**
   * Upserts {@code rows} by key in one commit (Delta MERGE): a row whose key the table holds
   * replaces that row when {@code replaceWhen} holds ({@code s.} the new row, {@code t.} the
   * table's; null: always), a row with a new key is inserted, and every other row of the table
   * stays as it is. Delta rewrites only the files holding a replaced row; inserts go to new files.
   * The rows must be unique by key.
   */
  public void upsert(TableContract table, Dataset<Row> rows, List<String> key, String replaceWhen) {
    ensure(table);
    String on =
        key.stream()
            .map(k -> "t.`" + k + "` = s.`" + k + "`")
            .collect(java.util.stream.Collectors.joining(" AND "));
    io.delta.tables.DeltaMergeBuilder merge =
        DeltaTable.forPath(spark, location(table)).as("t").merge(conform(table, rows).as("s"), on);
    (replaceWhen == null ? merge.whenMatched() : merge.whenMatched(replaceWhen))
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  /** Appends the rows in one commit. */
  public void append(TableContract table, Dataset<Row> rows) {
    ensure(table);
    // mergeSchema: a table created before its contract gained a nullable column takes it on.
    conform(table, rows)
        .write()
        .format("delta")
        .mode("append")
        .option("mergeSchema", "true")
        .save(location(table));
  }

  /** Replaces the whole table in one commit. */
  public void overwrite(TableContract table, Dataset<Row> rows) {
    ensure(table);
    conform(table, rows).write().format("delta").mode("overwrite").save(location(table));
  }

  /** Sets {@code column = value} on the rows matching {@code condition}. */
  public void update(TableContract table, String condition, String column, String valueSql) {
    ensure(table);
    DeltaTable.forPath(spark, location(table)).updateExpr(condition, Map.of(column, valueSql));
  }

  /** The rows in the contract's column order and types; a missing or extra column is an error. */
  private static Dataset<Row> conform(TableContract table, Dataset<Row> rows) {
    Set<String> expected = new HashSet<>(table.columnNames());
    Set<String> given = Set.of(rows.columns());
    for (String c : given) {
      if (!expected.contains(c)) {
        throw new IllegalArgumentException(
            "Cannot write " + table.qualifiedName() + ": column " + c + " is not in its contract");
      }
    }
    for (String c : expected) {
      if (!given.contains(c)) {
        throw new IllegalArgumentException(
            "Cannot write " + table.qualifiedName() + ": column " + c + " is missing");
      }
    }
    Dataset<Row> typed =
        rows.select(
            table.columns().stream()
                .map(c -> functions.col(c.name()).cast(c.type().sparkType()).as(c.name()))
                .toArray(org.apache.spark.sql.Column[]::new));
    // One task per partition value: one file per partition, not one per task and partition.
    return table.partitionBy().isEmpty()
        ? typed
        : typed.repartition(
            table.partitionBy().stream()
                .map(functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
  }

  /** A SQL string literal. */
  public static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** Columns of a contract, for select lists. */
  public static org.apache.spark.sql.Column[] columns(TableContract table) {
    return table.columns().stream()
        .map(Column::name)
        .map(functions::col)
        .toArray(org.apache.spark.sql.Column[]::new);
  }
}
