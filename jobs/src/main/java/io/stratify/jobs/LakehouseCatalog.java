package io.stratify.jobs;

import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.Layer;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import scala.Option;

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
   * Registers the tables that exist, with their contract's description as the table comment (column
   * comments come with the Delta schema); returns their names. A name already registered at another
   * location (a new marts version, another lakehouse) is re-pointed: the tables are external, so
   * dropping a name never touches data.
   */
  public static List<String> register(Lakehouse lakehouse) {
    SparkSession spark = lakehouse.spark();
    SessionCatalog catalog = spark.sessionState().catalog();
    for (Layer layer : Layer.values()) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + layer.schema());
    }
    List<String> registered = new ArrayList<>();
    for (TableContract table : contracts()) {
      if (!lakehouse.exists(table)) {
        continue;
      }
      String location = lakehouse.location(table);
      TableIdentifier id = new TableIdentifier(table.name(), Option.apply(table.layer().schema()));
      if (catalog.tableExists(id)) {
        if (samePath(registeredLocation(catalog, id), location)) {
          registered.add(table.qualifiedName());
          continue;
        }
        spark.sql("DROP TABLE " + table.qualifiedName());
      }
      spark.sql(
          "CREATE TABLE "
              + table.qualifiedName()
              + " USING delta LOCATION "
              + Lakehouse.literal(location));
      registered.add(table.qualifiedName());
    }
    return registered;
  }

  private static String registeredLocation(SessionCatalog catalog, TableIdentifier id) {
    try {
      return catalog.getTableMetadata(id).location().toString();
    } catch (AnalysisException e) {
      return "";
    }
  }

  private static boolean samePath(String a, String b) {
    return !a.isEmpty() && new Path(a).toUri().getPath().equals(new Path(b).toUri().getPath());
  }
}
