package io.stratify.common.io;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import io.stratify.common.contract.Check;
import io.stratify.common.contract.Column;
import io.stratify.common.contract.TableContract;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The lakehouse: where each table lives ({@code <root>/<layer>/<table>}) and the one way every job
 * reads and writes Delta tables. Every write goes through a table's contract: columns are selected
 * and cast in contract order, the table is created with its NOT NULL columns, comments and CHECK
 * constraints, and every write is a single Delta commit that is safe to re-run.
 */
public final class Lakehouse {

  private static final String CONSTRAINT_PREFIX = "delta.constraints.";

  private final SparkSession spark;
  private final String root;
  private final Set<String> ensured = ConcurrentHashMap.newKeySet();

  public Lakehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public String root() {
    return root;
  }

  public SparkSession spark() {
    return spark;
  }

  /** Where the table's Delta log lives. */
  public String location(TableContract table) {
    return root + "/" + table.layer().schema() + "/" + table.name();
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
    if (ensured.contains(table.qualifiedName())) {
      return;
    }
    String path = location(table);
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
    ensured.add(table.qualifiedName());
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
