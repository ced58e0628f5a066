package io.stratify.common.contract;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * What a table promises: its grain, key, columns and invariants. The writer creates the Delta table
 * from it (columns, NOT NULL, comments, CHECK constraints) and the docs are generated from it, so
 * code and docs cannot drift apart.
 *
 * @param layer bronze, silver or marts
 * @param name table name within the layer's schema
 * @param description what the table is for
 * @param grain what one row is
 * @param key columns that identify a row
 * @param columns all columns, in order
 * @param partitionBy Delta partition columns (empty for none)
 * @param checks CHECK constraints
 */
public record TableContract(
    Layer layer,
    String name,
    String description,
    String grain,
    List<String> key,
    List<Column> columns,
    List<String> partitionBy,
    List<Check> checks) {

  public TableContract {
    key = List.copyOf(key);
    columns = List.copyOf(columns);
    partitionBy = List.copyOf(partitionBy);
    checks = List.copyOf(checks);
    for (String k : key) {
      if (columns.stream().noneMatch(c -> c.name().equals(k))) {
        throw new IllegalArgumentException(
            "Cannot define table " + name + ": key column " + k + " is not a column");
      }
    }
  }

  /** {@code schema.table}, e.g. {@code silver.incidents}. */
  public String qualifiedName() {
    return layer.schema() + "." + name;
  }

  public StructType schema() {
    return Column.schema(columns);
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }
}
