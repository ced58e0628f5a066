package io.stratify.common.contract;

import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One column of a table contract.
 *
 * @param name column name, snake_case
 * @param type logical type
 * @param nullable whether null is allowed; non-nullable columns become Delta NOT NULL
 * @param description what the value means, with its unit; feeds the docs and table comments
 */
public record Column(String name, ColumnType type, boolean nullable, String description) {

  public static Column required(String name, ColumnType type, String description) {
    return new Column(name, type, false, description);
  }

  public static Column optional(String name, ColumnType type, String description) {
    return new Column(name, type, true, description);
  }

  public StructField field() {
    return new StructField(
            name, type.sparkType(), nullable, org.apache.spark.sql.types.Metadata.empty())
        .withComment(description);
  }

  public static StructType schema(List<Column> columns) {
    return new StructType(columns.stream().map(Column::field).toArray(StructField[]::new));
  }
}
