package io.stratify.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.testing.SparkTestSession;
import io.stratify.jobs.testing.ThreeNights;
import io.stratify.jobs.testing.TreeCopy;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each check of the quality gate sees its own defect: a copy of a published version is given one
 * defect per kind of check, and every check's observed value is the one its defect makes, the
 * others' the clean version's.
 */
class QualityGateTest {

  @TempDir Path dir;

  @Test
  void everyCheckMeasuresItsOwnTableAndDefect() {
    SparkSession spark = SparkTestSession.get();
    Path root = dir.resolve("lakehouse");
    TreeCopy.copy(ThreeNights.publishedAsOfD3(), root);
    Lakehouse lakehouse = new Lakehouse(spark, root.toString());
    String published = lakehouse.martsVersion();
    TreeCopy.copy(root.resolve("marts").resolve(published), root.resolve("marts").resolve("v99"));
    Lakehouse next = lakehouse.withMartsVersion("v99");
    LocalDate runDate = ThreeNights.D3;

    long orgWeeklyRows = next.read(MartTables.ORG_WEEKLY).count();
    long deploymentWeeklyRows = next.read(MartTables.DEPLOYMENT_WEEKLY).count();
    long orgs = next.read(MartTables.ORG_WEEKLY).select("org_id").distinct().count();
    LocalDate runWeek = runDate.minusDays(runDate.getDayOfWeek().getValue() - 1);
    long inRunWeek =
        next.read(MartTables.ORG_WEEKLY).filter(col("week_start").equalTo(lit(runWeek))).count();
    assertThat(inRunWeek).as("the clean version has every org in the run week").isEqualTo(orgs);

    // deployment_weekly: one row twice (a duplicate key), one row of an org-week org_weekly lacks
    Dataset<Row> deployment = next.read(MartTables.DEPLOYMENT_WEEKLY).limit(1);
    next.append(MartTables.DEPLOYMENT_WEEKLY, deployment);
    next.append(
        MartTables.DEPLOYMENT_WEEKLY,
        next.read(MartTables.DEPLOYMENT_WEEKLY).limit(1).withColumn("org_id", lit("ghost-a")));
    // org_trend: a row of the run date for an org org_weekly does not know (the fixture's weeks
    // are too few for a trend of its own)
    next.append(
        MartTables.ORG_TREND,
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "ghost-b",
                    "incidents",
                    runDate,
                    6,
                    0.0,
                    0.0,
                    null,
                    null,
                    null,
                    null,
                    "stable",
                    null,
                    null)),
            MartTables.ORG_TREND.schema()));
    // org_weekly: an org with no row in the run week (an earlier week only)
    next.append(
        MartTables.ORG_WEEKLY,
        next.read(MartTables.ORG_WEEKLY)
            .filter(col("week_start").lt(lit(runWeek)))
            .limit(1)
            .withColumn("org_id", lit("ghost-c")));

    List<QualityGate.Result> results =
        QualityGate.check(
            lakehouse,
            new MartsPublisher.Staged(next, "v99", 99, published),
            runDate,
            runDate,
            0.2);
    Map<String, QualityGate.Result> byCheck =
        results.stream().collect(Collectors.toMap(QualityGate.Result::check, Function.identity()));

    assertThat(byCheck).hasSize(results.size());
    for (TableContract mart : MartTables.all()) {
      boolean defect = mart.equals(MartTables.DEPLOYMENT_WEEKLY);
      assertThat(byCheck.get(mart.name() + ".key_unique"))
          .as(mart.name())
          .extracting(QualityGate.Result::observed, QualityGate.Result::passed)
          .containsExactly(defect ? 1.0 : 0.0, !defect);
    }
    assertThat(byCheck.get("deployment_weekly.org_week_known").observed()).isEqualTo(1.0);
    assertThat(byCheck.get("org_benchmark_weekly.org_week_known").observed()).isZero();
    assertThat(byCheck.get("incident_attribution.org_week_known").observed()).isZero();
    assertThat(byCheck.get("org_trend.org_known"))
        .extracting(QualityGate.Result::observed, QualityGate.Result::passed)
        .containsExactly(1.0, false);
    assertThat(byCheck.get("budget_status.org_known").passed()).isTrue();
    assertThat(byCheck.get("org_weekly.run_week_complete"))
        .extracting(
            QualityGate.Result::observed, QualityGate.Result::threshold, QualityGate.Result::passed)
        .containsExactly((double) inRunWeek, (double) orgs + 1, false);
    // one row more than the published version in org_weekly, two in deployment_weekly: no drop
    assertThat(byCheck.get("org_weekly.row_count_sane"))
        .extracting(QualityGate.Result::observed, QualityGate.Result::passed)
        .containsExactly(-1.0 / orgWeeklyRows, true);
    assertThat(byCheck.get("deployment_weekly.row_count_sane"))
        .extracting(QualityGate.Result::observed, QualityGate.Result::passed)
        .containsExactly(-2.0 / deploymentWeeklyRows, true);
    assertThat(results.stream().filter(r -> !r.passed()).map(QualityGate.Result::check))
        .containsExactlyInAnyOrder(
            "deployment_weekly.key_unique",
            "deployment_weekly.org_week_known",
            "org_trend.org_known",
            "org_weekly.run_week_complete");
  }
}
