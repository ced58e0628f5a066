package io.stratify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.ingest.LandingZone;
import io.stratify.jobs.testing.LandingFixture;
import io.stratify.jobs.testing.SparkTestSession;
import io.stratify.jobs.testing.TableSnapshot;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Late and corrected data: an incident resolved three weeks later, a cost row restated and a
 * snapshot that arrives after its night change exactly the weeks they belong to; nothing else
 * changes, and running the night again changes nothing.
 */
class LateDataTest {

  /**
   * The fixture lands its snapshots once, weeks before the run dates: the staleness gate's limits
   * are raised so the marts are computed (the gate has its own test).
   */
  private static final StratifyConfig LATE_TOLERANT = lateTolerant();

  private static StratifyConfig lateTolerant() {
    StratifyConfig config = StratifyConfig.defaults();
    for (var option : io.stratify.common.config.StratifyOptions.MAX_AGE_DAYS) {
      config = config.with(option.key(), "400");
    }
    return config;
  }

  static final LocalDate W1 = LocalDate.of(2026, 3, 2);
  static final LocalDate W2 = LocalDate.of(2026, 3, 9);
  static final LocalDate W3 = LocalDate.of(2026, 3, 16);
  static final LocalDate FIRST_RUN = LocalDate.of(2026, 4, 1);
  static final LocalDate LATE_RUN = LocalDate.of(2026, 4, 2);

  static final String PEOPLE = "org_id,person_id,full_name,email,team_id,manager_id,role,on_call";
  static final String USAGE =
      "org_id,usage_date,deployment_id,model_name,model_provider,model_tier,requests,input_tokens,output_tokens,errors,cost_usd,latency_p95_ms";
  static final String INCIDENTS = "org_id,incident_id,deployment_id,severity,opened_at,resolved_at";

  @TempDir Path dir;

  Map<String, List<String>> marts(Lakehouse lakehouse) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    Lakehouse published = new Lakehouse(lakehouse.spark(), lakehouse.root());
    for (TableContract mart : MartTables.all()) {
      all.put(mart.name(), TableSnapshot.of(published.read(mart)));
    }
    return all;
  }

  Map<LocalDate, Row> weeks(Lakehouse lakehouse) {
    return new Lakehouse(lakehouse.spark(), lakehouse.root())
        .read(MartTables.ORG_WEEKLY).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<LocalDate>getAs("week_start"), r -> r));
  }

  @Test
  void lateAndCorrectedDataChangeOnlyTheirWeeks() {
    SparkSession spark = SparkTestSession.get();
    LandingFixture f = new LandingFixture(dir.resolve("landing"));
    f.file(
        "orgs",
        "2026-03-02",
        "orgs.csv",
        "org_id,org_name,industry,size_band,timezone,benchmark_consent,loaded_hourly_cost_usd",
        "acme,Acme,retail,M,UTC,true,100");
    f.file(
        "teams",
        "2026-03-02",
        "teams.csv",
        "org_id,team_id,team_name,function",
        "acme,t1,Platform,platform");
    f.file(
        "people",
        "2026-03-02",
        "people.csv",
        PEOPLE,
        "acme,p1,Ada Lovelace,ada@example.com,t1,,sre,true",
        "acme,p2,Alan Turing,alan@example.com,t1,,sre,true");
    f.file(
        "people",
        "2026-03-23",
        "people.csv",
        PEOPLE,
        "acme,p1,Ada Lovelace,ada@example.com,t1,,sre,true",
        "acme,p2,Alan Turing,alan@example.com,t1,,sre,true");
    f.file(
        "deployments",
        "2026-03-02",
        "deployments.csv",
        "org_id,deployment_id,name,owner_team_id,lifecycle_stage,business_criticality,dependent_business_units,monitored,has_runbook,human_fallback",
        "acme,d1,bot,t1,production,1,1,true,true,true");
    f.file(
        "incidents",
        "2026-03-03",
        "incidents.csv",
        INCIDENTS,
        "acme,i1,d1,2,2026-03-03T10:00:00Z,");
    f.file(
        "incidents",
        "2026-04-01",
        "incidents.csv",
        INCIDENTS,
        "acme,i2,d1,3,2026-03-31T10:00:00Z,2026-03-31T11:00:00Z");
    f.file(
        "inference_usage",
        "2026-03-11",
        "usage.csv",
        USAGE,
        "acme,2026-03-10,d1,m,p,standard,100,10,10,0,10.00,100");

    Lakehouse lakehouse = new Lakehouse(spark, dir.resolve("lakehouse").toString());
    NightlyRun nightly =
        new NightlyRun(spark, LATE_TOLERANT, new PrintStream(OutputStream.nullOutputStream()));
    nightly.run(scan(f, spark), lakehouse.root(), FIRST_RUN, FIRST_RUN);
    Map<LocalDate, Row> before = weeks(lakehouse);
    Map<String, List<String>> martsBefore = marts(lakehouse);
    assertThat(before).hasSize(5);

    // The incident of W1 resolved three weeks later; W2's cost restated; a people snapshot of
    // W3 arriving late (p1 off call for a few days).
    f.file(
        "incidents",
        "2026-04-02",
        "incidents.csv",
        INCIDENTS,
        "acme,i1,d1,2,2026-03-03T10:00:00Z,2026-03-24T10:00:00Z");
    f.file(
        "inference_usage",
        "2026-04-02",
        "usage.csv",
        USAGE,
        "acme,2026-03-10,d1,m,p,standard,100,10,10,0,12.00,100");
    f.file(
        "people",
        "2026-03-18",
        "people.csv",
        PEOPLE,
        "acme,p1,Ada Lovelace,ada@example.com,t1,,sre,false",
        "acme,p2,Alan Turing,alan@example.com,t1,,sre,true");
    nightly.run(scan(f, spark), lakehouse.root(), LATE_RUN, LATE_RUN);
    Map<LocalDate, Row> after = weeks(lakehouse);

    assertThat(after.keySet()).isEqualTo(before.keySet());
    assertThat(before.get(W1).<Double>getAs("mttr_p50_min")).isNull();
    assertThat(after.get(W1).<Double>getAs("mttr_p50_min"))
        .as("resolved 21 days later")
        .isEqualTo(21 * 24 * 60.0);
    assertThat(after.get(W2).<java.math.BigDecimal>getAs("inference_cost_usd"))
        .isEqualByComparingTo("12");
    assertThat(before.get(W3).<Integer>getAs("oncall_engineers")).isEqualTo(2);
    assertThat(after.get(W3).<Integer>getAs("oncall_engineers")).isEqualTo(1);
    for (LocalDate week : before.keySet()) {
      if (!List.of(W1, W2, W3).contains(week)) {
        assertThat(after.get(week)).as("week %s is unaffected", week).isEqualTo(before.get(week));
      }
    }
    assertThat(
            TableSnapshot.of(
                new Lakehouse(spark, lakehouse.root())
                    .read(MartTables.BUDGET_STATUS)
                    .filter("as_of_date = DATE'" + FIRST_RUN + "'")))
        .as("what the first run date knew is kept")
        .containsExactlyElementsOf(martsBefore.get(MartTables.BUDGET_STATUS.name()));

    Map<String, List<String>> once = marts(lakehouse);
    nightly.run(scan(f, spark), lakehouse.root(), LATE_RUN, LATE_RUN);
    assertThat(marts(lakehouse)).as("running the night again changes nothing").isEqualTo(once);
  }

  static LandingZone scan(LandingFixture f, SparkSession spark) {
    return LandingZone.scan(f.root().toString(), spark.sparkContext().hadoopConfiguration());
  }
}
