package io.stratify.jobs;

import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.Layer;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the lakehouse's tables queryable by name ({@code silver.incidents}) in a Spark session: one
 * database per layer, one external Delta table per contract whose data exists.
 */
public final class LakehouseCatalog {

  private LakehouseCatalog() {}

  /** Every table contract, in layer order. */
  public static List<TableContract> contracts() {
    List<TableContract> all = new ArrayList<>(LakehouseTables.all());
    all.addAll(MartTables.all());
    all.addAll(OpsTables.all());
    return all;
  }

  /**
   * Registers the tables that exist; returns their names. A name already registered is pointed at
   * this lakehouse (tables are external: dropping the name never touches the data).
   */
  public static List<String> register(Lakehouse lakehouse) {
    for (Layer layer : Layer.values()) {
      lakehouse.spark().sql("CREATE DATABASE IF NOT EXISTS " + layer.schema());
    }
    List<String> registered = new ArrayList<>();
    for (TableContract table : contracts()) {
      if (lakehouse.exists(table)) {
        lakehouse.spark().sql("DROP TABLE IF EXISTS " + table.qualifiedName());
        lakehouse
            .spark()
            .sql(
                "CREATE TABLE "
                    + table.qualifiedName()
                    + " USING delta LOCATION "
                    + Lakehouse.literal(lakehouse.location(table)));
        registered.add(table.qualifiedName());
      }
    }
    return registered;
  }
}
