package io.stratify.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.config.StratifyOptions;
import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.generate.GeneratorSettings;
import io.stratify.jobs.generate.LandingGenerator;
import io.stratify.jobs.ingest.LandingZone;
import io.stratify.jobs.marts.IncrementalMarts;
import io.stratify.jobs.testing.LandingFixture;
import io.stratify.jobs.testing.SparkTestSession;
import io.stratify.jobs.testing.TableSnapshot;
import io.stratify.jobs.testing.TreeCopy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental night gives the marts a full rebuild gives. A generated landing zone (6 orgs, 2
 * weeks): night 1 in full, then, after a late orgs snapshot lands for the first week, night 2 of
 * the same week incrementally on one lakehouse and in full (marts.incremental=false) on a copy of
 * the lakehouse of night 1. Every mart is compared value for value.
 */
class IncrementalNightTest {

  static final GeneratorSettings LANDING =
      new GeneratorSettings(8, 3, 7, GeneratorSettings.START_DEFAULT);
  static final LocalDate NIGHT_1 = GeneratorSettings.START_DEFAULT.plusDays(16); // a Wednesday
  static final LocalDate NIGHT_2 = NIGHT_1.plusDays(1);
  static final LocalDate LATE_DROP = GeneratorSettings.START_DEFAULT.plusDays(3);

  @TempDir Path dir;

  @Test
  void anIncrementalNightEqualsAFullRebuildValueForValue() {
    SparkSession spark = SparkTestSession.get();
    Path landing = dir.resolve("landing");
    LandingGenerator.generate(landing, LANDING);
    Lakehouse incremental = new Lakehouse(spark, dir.resolve("incremental").toString());
    NightlyRun.Result first = run(spark, landing, incremental, NIGHT_1, true);
    assertThat(first.marts().orElseThrow().recomputed().fullBecause())
        .as("night 1 has nothing to build on")
        .isEqualTo("no marts published yet");
    Lakehouse full = new Lakehouse(spark, dir.resolve("full").toString());
    TreeCopy.copy(Path.of(incremental.root()), Path.of(full.root()));

    // A late orgs snapshot of the first week: one org in another size band for a few days, so its
    // cohort (a benchmark input) changes in a week whose org_weekly rows stay the same.
    String orgId = "northwind-bank";
    assertThat(
            incremental
                .read(LakehouseTables.silver(LandingDataset.ORGS))
                .filter(col("org_id").equalTo(orgId).and(col("size_band").equalTo("L")))
                .count())
        .isPositive();
    new LandingFixture(landing)
        .file(
            "orgs",
            LATE_DROP.toString(),
            "late.csv",
            "org_id,org_name,industry,size_band,region,timezone,benchmark_consent,"
                + "loaded_hourly_cost_usd",
            orgId + ",Northwind Bank,financial services,XL,EMEA,Europe/Berlin,true,95.00");

    NightlyRun.Result second = run(spark, landing, incremental, NIGHT_2, true);
    NightlyRun.Result rebuilt = run(spark, landing, full, NIGHT_2, false);

    IncrementalMarts.Recomputed recomputed = second.marts().orElseThrow().recomputed();
    assertThat(recomputed.fullBecause()).as("night 2 is incremental").isNull();
    assertThat(recomputed.orgs())
        .as("the orgs of the drops ingested on night 2, the late one included")
        .isEqualTo(orgsOfDropsIngestedOn(second))
        .contains(orgId);
    assertThat(recomputed.benchmarkWeeks())
        .as("the late snapshot's week is among the weeks whose benchmarks were recomputed")
        .contains(GeneratorSettings.START_DEFAULT);
    assertThat(rebuilt.marts().orElseThrow().recomputed().fullBecause())
        .isEqualTo("marts.incremental is false");

    Map<String, List<String>> expected = marts(full);
    assertThat(expected.get(MartTables.BENCHMARK_COHORT_WEEKLY.name()))
        .as("the fixture publishes benchmarks")
        .isNotEmpty();
    Map<String, List<String>> actual = marts(incremental);
    for (TableContract mart : MartTables.all()) {
      List<String> want = expected.get(mart.name());
      List<String> got = actual.get(mart.name());
      assertThat(got)
          .as(
              "%s: incremental equals full; missing %s; extra %s",
              mart.name(),
              want.stream().filter(r -> !got.contains(r)).limit(5).toList(),
              got.stream().filter(r -> !want.contains(r)).limit(5).toList())
          .isEqualTo(want);
    }
  }

  private static NightlyRun.Result run(
      SparkSession spark, Path landing, Lakehouse lakehouse, LocalDate date, boolean incremental) {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    StratifyConfig config =
        StratifyConfig.defaults()
            .with(StratifyOptions.MARTS_INCREMENTAL.key(), Boolean.toString(incremental));
    return new NightlyRun(spark, config, out)
        .run(
            LandingZone.scan(landing.toString(), spark.sparkContext().hadoopConfiguration()),
            lakehouse.root(),
            date,
            date);
  }

  private static Set<String> orgsOfDropsIngestedOn(NightlyRun.Result night) {
    Set<String> orgs = new TreeSet<>();
    night.ingest().drops().forEach(d -> orgs.addAll(d.affectedOrgs()));
    return orgs;
  }

  private static Map<String, List<String>> marts(Lakehouse lakehouse) {
    Lakehouse published = new Lakehouse(lakehouse.spark(), lakehouse.root());
    Map<String, List<String>> all = new LinkedHashMap<>();
    for (TableContract mart : MartTables.all()) {
      all.put(mart.name(), TableSnapshot.of(published.read(mart)));
    }
    return all;
  }
}
