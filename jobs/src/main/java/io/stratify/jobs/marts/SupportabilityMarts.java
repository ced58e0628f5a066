package io.stratify.jobs.marts;

import static org.apache.spark.sql.functions.col;

import io.stratify.common.config.MetricSettings;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.common.metrics.Benchmarks;
import io.stratify.common.metrics.BudgetStatus;
import io.stratify.common.metrics.MetricRow;
import io.stratify.common.metrics.OrgHistory;
import io.stratify.common.metrics.OrgWeekly;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Silver as of a run date -> marts.org_weekly, marts.deployment_weekly, marts.budget_status,
 * marts.incident_attribution.
 *
 * <p>Spark groups silver by org; the metric engine ({@link OrgWeekly}, {@link BudgetStatus})
 * computes each org's rows on the executors. The weekly marts and incident_attribution hold the
 * latest knowledge of every week and are replaced whole; budget_status replaces the rows of its run
 * date and keeps the others.
 */
public final class SupportabilityMarts {

  /** The marts of one run date, computed, not yet written. */
  public record Marts(
      LocalDate runDate,
      Dataset<Row> orgWeekly,
      Dataset<Row> deploymentWeekly,
      Dataset<Row> budgetStatus,
      Dataset<Row> benchmarkInputs,
      Dataset<Row> incidentAttribution,
      Dataset<Row> cached) {

    public void release() {
      cached.unpersist();
    }
  }

  private static final String MART = "_mart";
  private static final String BENCHMARK_INPUT = "benchmark_input";

  /** An org-week's cohort, consent and benchmark values as of week end. */
  static final StructType BENCHMARK_INPUT_SCHEMA =
      new StructType()
          .add("org_id", DataTypes.StringType, false)
          .add("week_start", DataTypes.DateType, false)
          .add("industry", DataTypes.StringType, false)
          .add("size_band", DataTypes.StringType, false)
          .add("consent", DataTypes.BooleanType, false)
          .add(
              "values",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true),
              false);

  private static final StructType OUT =
      new StructType()
          .add(MART, DataTypes.StringType, false)
          .add(MartTables.ORG_WEEKLY.name(), MartTables.ORG_WEEKLY.schema(), true)
          .add(MartTables.DEPLOYMENT_WEEKLY.name(), MartTables.DEPLOYMENT_WEEKLY.schema(), true)
          .add(MartTables.BUDGET_STATUS.name(), MartTables.BUDGET_STATUS.schema(), true)
          .add(BENCHMARK_INPUT, BENCHMARK_INPUT_SCHEMA, true)
          .add(
              MartTables.INCIDENT_ATTRIBUTION.name(),
              MartTables.INCIDENT_ATTRIBUTION.schema(),
              true);

  private SupportabilityMarts() {}

  public static Marts compute(SilverAsOf silver, LocalDate runDate, MetricSettings settings) {
    Dataset<Row> all =
        OrgHistories.grouped(silver)
            .flatMap(new ComputeOrg(runDate, settings), Encoders.row(OUT))
            .persist(StorageLevel.MEMORY_AND_DISK());
    return new Marts(
        runDate,
        all.filter(col(MART).equalTo(MartTables.ORG_WEEKLY.name()))
            .select(MartTables.ORG_WEEKLY.name() + ".*"),
        all.filter(col(MART).equalTo(MartTables.DEPLOYMENT_WEEKLY.name()))
            .select(MartTables.DEPLOYMENT_WEEKLY.name() + ".*"),
        all.filter(col(MART).equalTo(MartTables.BUDGET_STATUS.name()))
            .select(MartTables.BUDGET_STATUS.name() + ".*"),
        all.filter(col(MART).equalTo(BENCHMARK_INPUT)).select(BENCHMARK_INPUT + ".*"),
        all.filter(col(MART).equalTo(MartTables.INCIDENT_ATTRIBUTION.name()))
            .select(MartTables.INCIDENT_ATTRIBUTION.name() + ".*"),
        all);
  }

  /**
   * budget_status alone, for the orgs of {@code silver}: a function of each org's orgs, budgets and
   * inference_usage rows and the run date ({@link BudgetStatus}).
   */
  public static Dataset<Row> budgetStatus(SilverAsOf silver, LocalDate runDate) {
    return OrgHistories.grouped(
            silver.only(
                Set.of(
                    LandingDataset.ORGS, LandingDataset.BUDGETS, LandingDataset.INFERENCE_USAGE)))
        .flatMap(
            (FlatMapFunction<Row, Row>)
                grouped ->
                    BudgetStatus.compute(OrgHistories.history(grouped), runDate).stream()
                        .map(r -> RowFactory.create(r.values()))
                        .iterator(),
            Encoders.row(MartTables.BUDGET_STATUS.schema()));
  }

  /**
   * The writes of the marts of a run date, one per table, independent of each other: the weekly
   * marts only when {@code weekly} is set.
   */
  public static List<Runnable> writes(Lakehouse lakehouse, Marts marts, boolean weekly) {
    List<Runnable> writes = new ArrayList<>();
    if (weekly) {
      writes.add(() -> lakehouse.overwrite(MartTables.ORG_WEEKLY, marts.orgWeekly()));
      writes.add(() -> lakehouse.overwrite(MartTables.DEPLOYMENT_WEEKLY, marts.deploymentWeekly()));
      writes.add(
          () -> lakehouse.overwrite(MartTables.INCIDENT_ATTRIBUTION, marts.incidentAttribution()));
    }
    writes.add(
        () ->
            lakehouse.replaceWhere(
                MartTables.BUDGET_STATUS,
                marts.budgetStatus(),
                "as_of_date = DATE'" + marts.runDate() + "'"));
    return writes;
  }

  /** Executor side: one org's grouped silver -> its mart rows, tagged by mart. */
  private static final class ComputeOrg implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final LocalDate runDate;
    private final MetricSettings settings;

    ComputeOrg(LocalDate runDate, MetricSettings settings) {
      this.runDate = runDate;
      this.settings = settings;
    }

    @Override
    public Iterator<Row> call(Row grouped) {
      OrgHistory history = OrgHistories.history(grouped);
      OrgWeekly.Result weekly = OrgWeekly.compute(history, runDate, settings);
      List<Row> out = new ArrayList<>();
      weekly.orgWeeks().forEach(r -> out.add(tagged(MartTables.ORG_WEEKLY, r)));
      weekly.deploymentWeeks().forEach(r -> out.add(tagged(MartTables.DEPLOYMENT_WEEKLY, r)));
      weekly
          .incidentAttribution()
          .forEach(r -> out.add(tagged(MartTables.INCIDENT_ATTRIBUTION, r)));
      BudgetStatus.compute(history, runDate)
          .forEach(r -> out.add(tagged(MartTables.BUDGET_STATUS, r)));
      for (Benchmarks.OrgWeek o : weekly.benchmarkInputs()) {
        Object[] cells = new Object[OUT.size()];
        cells[0] = BENCHMARK_INPUT;
        cells[4] =
            RowFactory.create(
                o.orgId(),
                o.weekStart(),
                o.industry(),
                o.sizeBand(),
                o.consent(),
                CollectionConverters.asScala(new HashMap<>(o.values())));
        out.add(RowFactory.create(cells));
      }
      return out.iterator();
    }

    private static Row tagged(TableContract mart, MetricRow row) {
      Object[] cells = new Object[OUT.size()];
      cells[0] = mart.name();
      cells[OUT.fieldIndex(mart.name())] = RowFactory.create(row.values());
      return RowFactory.create(cells);
    }
  }
}
