package io.stratify.jobs.marts;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.stratify.common.contract.MartTables;
import io.stratify.common.io.Lakehouse;
import io.stratify.common.metrics.Benchmarks;
import io.stratify.common.metrics.LeadTime;
import io.stratify.common.metrics.MetricRow;
import io.stratify.common.metrics.Trends;
import io.stratify.common.stats.MinCohortSize;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * org_weekly as of a run date -> marts.benchmark_cohort_weekly, marts.org_benchmark_weekly (weekly
 * marts, replaced whole), marts.org_trend and marts.signal_lead_time (one set of rows per run
 * date). Spark groups the rows; {@link Benchmarks}, {@link Trends} and {@link LeadTime} compute.
 */
public final class BenchmarkAndTrendMarts {

  private static final StructType BENCHMARK_OUT =
      new StructType()
          .add("cohort", MartTables.BENCHMARK_COHORT_WEEKLY.schema(), true)
          .add("org", MartTables.ORG_BENCHMARK_WEEKLY.schema(), true);

  private BenchmarkAndTrendMarts() {}

  /** Computes and writes the benchmark marts (weekly: only for the last date of a run). */
  public static void writeBenchmarks(
      Lakehouse lakehouse, SupportabilityMarts.Marts marts, MinCohortSize k) {
    writeBenchmarks(lakehouse, marts.benchmarkInputs(), k, null);
  }

  /**
   * Computes the benchmark marts of the weeks in {@code inputs} (every org's benchmark inputs of
   * those weeks) and writes them, with the rows of the other weeks taken from {@code kept} (a marts
   * version; null: there are no other weeks).
   */
  static void writeBenchmarks(
      Lakehouse lakehouse, Dataset<Row> inputs, MinCohortSize k, Lakehouse kept) {
    Dataset<Row> out =
        inputs
            .groupByKey((MapFunction<Row, LocalDate>) r -> r.getLocalDate(1), Encoders.LOCALDATE())
            .flatMapGroups(new BenchmarkWeek(k), Encoders.row(BENCHMARK_OUT))
            .cache();
    try {
      Dataset<Row> cohorts = out.filter(col("cohort").isNotNull()).select("cohort.*");
      Dataset<Row> orgs = out.filter(col("org").isNotNull()).select("org.*");
      if (kept != null) {
        Dataset<Row> weeks = inputs.select("week_start").distinct();
        cohorts = cohorts.unionByName(otherWeeks(kept, MartTables.BENCHMARK_COHORT_WEEKLY, weeks));
        orgs = orgs.unionByName(otherWeeks(kept, MartTables.ORG_BENCHMARK_WEEKLY, weeks));
      }
      lakehouse.overwrite(MartTables.BENCHMARK_COHORT_WEEKLY, cohorts);
      lakehouse.overwrite(MartTables.ORG_BENCHMARK_WEEKLY, orgs);
    } finally {
      out.unpersist();
    }
  }

  private static Dataset<Row> otherWeeks(
      Lakehouse kept, io.stratify.common.contract.TableContract mart, Dataset<Row> weeks) {
    return kept.read(mart).join(weeks.hint("broadcast"), new String[] {"week_start"}, "left_anti");
  }

  /**
   * The writes of org_trend and signal_lead_time for the run date (computed from {@code marts}'s
   * org_weekly), independent of each other.
   */
  public static List<Runnable> trendWrites(Lakehouse lakehouse, SupportabilityMarts.Marts marts) {
    LocalDate runDate = marts.runDate();
    String date = "as_of_date = DATE'" + runDate + "'";
    return List.of(
        () ->
            lakehouse.replaceWhere(
                MartTables.ORG_TREND,
                marts
                    .orgWeekly()
                    .groupByKey(
                        (MapFunction<Row, String>) r -> r.getAs("org_id"), Encoders.STRING())
                    .flatMapGroups(
                        new OrgTrend(runDate), Encoders.row(MartTables.ORG_TREND.schema())),
                date),
        () ->
            lakehouse.replaceWhere(
                MartTables.SIGNAL_LEAD_TIME, leadTime(lakehouse.spark(), marts), date));
  }

  /**
   * Pairs (signal of org o in week w, sev12_incidents of o in week w + L), both weeks complete,
   * grouped by signal and lag, each group reduced to one Spearman row.
   */
  private static Dataset<Row> leadTime(SparkSession spark, SupportabilityMarts.Marts marts) {
    Dataset<Row> complete = marts.orgWeekly().filter(col("week_complete"));
    Dataset<Row> lags =
        spark
            .createDataFrame(
                MartTables.LEAD_LAGS_WEEKS.stream().map(l -> RowFactory.create(l)).toList(),
                new StructType().add("lag_weeks", DataTypes.IntegerType, false))
            .hint("broadcast");
    Dataset<Row> later =
        complete.select(
            col("org_id").as("later_org"),
            col("week_start").as("later_week"),
            col("sev12_incidents").cast("double").as("later_severe"));
    Column[] signals =
        MartTables.LEAD_SIGNALS.stream()
            .map(s -> struct(lit(s).as("signal"), col(s).as("value")))
            .toArray(Column[]::new);
    Dataset<Row> pairs =
        complete
            .crossJoin(lags)
            .join(
                later,
                col("org_id")
                    .equalTo(col("later_org"))
                    .and(
                        col("later_week")
                            .equalTo(date_add(col("week_start"), col("lag_weeks").multiply(7)))))
            .select(col("lag_weeks"), col("later_severe"), explode(array(signals)).as("s"))
            .select(
                col("s.signal").as("signal"),
                col("lag_weeks"),
                col("s.value").as("value"),
                col("later_severe"))
            .filter(col("value").isNotNull());
    return pairs
        .groupByKey(
            (MapFunction<Row, Tuple2<String, Integer>>)
                r -> new Tuple2<>(r.getString(0), r.getInt(1)),
            Encoders.tuple(Encoders.STRING(), Encoders.INT()))
        .flatMapGroups(
            new SignalLag(marts.runDate()), Encoders.row(MartTables.SIGNAL_LEAD_TIME.schema()));
  }

  private static final class BenchmarkWeek implements FlatMapGroupsFunction<LocalDate, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final MinCohortSize k;

    BenchmarkWeek(MinCohortSize k) {
      this.k = k;
    }

    @Override
    public Iterator<Row> call(LocalDate week, Iterator<Row> rows) {
      List<Benchmarks.OrgWeek> orgs = new ArrayList<>();
      rows.forEachRemaining(
          r ->
              orgs.add(
                  new Benchmarks.OrgWeek(
                      r.getAs("org_id"),
                      week,
                      r.getAs("industry"),
                      r.getAs("size_band"),
                      r.<Boolean>getAs("consent"),
                      new HashMap<>(r.<String, Double>getJavaMap(r.fieldIndex("values"))))));
      Benchmarks.Result result = Benchmarks.week(week, orgs, k);
      List<Row> out = new ArrayList<>();
      result
          .cohortRows()
          .forEach(c -> out.add(RowFactory.create(RowFactory.create(c.values()), null)));
      result
          .orgRows()
          .forEach(o -> out.add(RowFactory.create(null, RowFactory.create(o.values()))));
      return out.iterator();
    }
  }

  private static final class OrgTrend implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final LocalDate runDate;

    OrgTrend(LocalDate runDate) {
      this.runDate = runDate;
    }

    @Override
    public Iterator<Row> call(String org, Iterator<Row> rows) {
      Map<String, Map<LocalDate, Double>> series = new HashMap<>();
      rows.forEachRemaining(
          r -> {
            LocalDate week = r.getAs("week_start");
            for (String metric : MartTables.TREND_METRICS) {
              Object v = r.getAs(metric);
              Double value =
                  v == null
                      ? null
                      : v instanceof BigDecimal b ? b.doubleValue() : ((Number) v).doubleValue();
              series.computeIfAbsent(metric, m -> new HashMap<>()).put(week, value);
            }
          });
      List<Row> out = new ArrayList<>();
      for (MetricRow row : Trends.org(org, runDate, series)) {
        out.add(RowFactory.create(row.values()));
      }
      return out.iterator();
    }
  }

  private static final class SignalLag
      implements FlatMapGroupsFunction<Tuple2<String, Integer>, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final LocalDate runDate;

    SignalLag(LocalDate runDate) {
      this.runDate = runDate;
    }

    @Override
    public Iterator<Row> call(Tuple2<String, Integer> key, Iterator<Row> rows) {
      List<double[]> pairs = new ArrayList<>();
      rows.forEachRemaining(r -> pairs.add(new double[] {r.getDouble(2), r.getDouble(3)}));
      // One order whatever the partitioning: floating-point sums depend on it, and an
      // incremental night must give the bits of a full rebuild.
      pairs.sort(
          java.util.Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
      double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
      double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
      return LeadTime.row(key._1(), key._2(), runDate, x, y).stream()
          .map(row -> RowFactory.create(row.values()))
          .iterator();
    }
  }
}
