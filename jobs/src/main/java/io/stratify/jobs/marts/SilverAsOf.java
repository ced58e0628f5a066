package io.stratify.jobs.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.conform.ConformSilver;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The silver tables as they stood with the drops up to a run date: the stored silver tables when no
 * later drop has been ingested (the nightly case), else silver rebuilt in memory from the bronze
 * drops with {@code dt <=} the run date (a re-run of an older night).
 */
public final class SilverAsOf {

  private final Map<LandingDataset, Dataset<Row>> tables = new EnumMap<>(LandingDataset.class);
  private final boolean rebuilt;

  private SilverAsOf(Map<LandingDataset, Dataset<Row>> tables, boolean rebuilt) {
    this.tables.putAll(tables);
    this.rebuilt = rebuilt;
  }

  public SilverAsOf(Lakehouse lakehouse, ConformSilver conform, LocalDate runDate) {
    Row latest = lakehouse.read(LakehouseTables.INGEST_LOG).agg(max(col("dt"))).first();
    LocalDate newest = latest.isNullAt(0) ? null : latest.getLocalDate(0);
    this.rebuilt = newest != null && newest.isAfter(runDate);
    for (LandingDataset d : LandingDataset.values()) {
      tables.put(
          d, rebuilt ? conform.build(d, null, runDate) : lakehouse.read(LakehouseTables.silver(d)));
    }
  }

  public Dataset<Row> table(LandingDataset dataset) {
    return tables.get(dataset);
  }

  /** The rows of these orgs only. */
  public SilverAsOf forOrgs(Set<String> orgs) {
    Map<LandingDataset, Dataset<Row>> scoped = new EnumMap<>(LandingDataset.class);
    tables.forEach((d, t) -> scoped.put(d, t.filter(col("org_id").isin(orgs.toArray()))));
    return new SilverAsOf(scoped, rebuilt);
  }

  /** These datasets as they are, the others empty. */
  public SilverAsOf only(Set<LandingDataset> datasets) {
    Map<LandingDataset, Dataset<Row>> kept = new EnumMap<>(LandingDataset.class);
    tables.forEach((d, t) -> kept.put(d, datasets.contains(d) ? t : t.limit(0)));
    return new SilverAsOf(kept, rebuilt);
  }

  /** Whether silver had to be rebuilt because later drops were already ingested. */
  public boolean rebuilt() {
    return rebuilt;
  }
}
