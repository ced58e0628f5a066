package io.stratify.jobs.testing;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A table's rows as sorted text, so two tables can be compared as values. */
public final class TableSnapshot {

  private TableSnapshot() {}

  public static List<String> of(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
