package io.stratify.jobs.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.LakehouseCatalog;
import io.stratify.jobs.RunOutcome;
import io.stratify.jobs.storage.S3PipelineContract.S3Endpoint;
import io.stratify.jobs.testing.LandingFixture;
import io.stratify.jobs.testing.SampleLakehouse;
import io.stratify.jobs.testing.SparkTestSession;
import io.stratify.jobs.testing.TableSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The spark-submit jar on a real Spark cluster: a standalone master and two workers, each its own
 * JVM on 127.0.0.1, run {@code jobs/target/stratify-jobs-spark-submit.jar} through Spark's own
 * submit entry point, with the landing zone and the lakehouse on S3 (s3proxy in this JVM). The
 * tables it publishes for one night of the sample (with the S3 test's hand-made file and its bad
 * row) must equal, value for value, those of a local run on the same night: the S3 test's reference
 * ({@link S3PipelineContract#referenceOnDisk()}), built once per build by whichever test JVM asks
 * first (in {@code mvn -B verify}, {@code ObjectStorageTest}, before this class).
 *
 * <p>An integration test (failsafe, after {@code package} built the jar): the first case runs in
 * the default build ({@code mvn -B verify}, the README's test command and what CI runs), about 4
 * minutes on 2 cores, most of it the pipeline's many small Spark jobs crossing processes; the
 * worker-loss case is tagged {@code slow} and runs with {@code -Pcluster-it} (docs/scaling.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

  private static final String ACCESS_KEY = "stratify-cluster-access";
  private static final String SECRET_KEY = "stratify-cluster-secret-0123456789";
  private static final String LANDING_BUCKET = "landing-cluster";
  private static final String LAKE_BUCKET = "lake-cluster";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
  private static final LocalDate NIGHT = S3PipelineContract.NIGHT;
  private static final String CLUSTER_LAKEHOUSE = "s3a://" + LAKE_BUCKET + "/stratify";

  @TempDir static Path dir;
  private InMemoryS3 server;
  private S3Endpoint s3;
  private LocalSparkCluster cluster;
  private Lakehouse onDisk;
  private SparkSession spark;

  @BeforeAll
  void startStorageAndCluster() throws Exception {
    server = InMemoryS3.start(ACCESS_KEY, SECRET_KEY);
    s3 = server.endpoint();
    LandingFixture landing =
        S3PipelineContract.sampleNight(new LandingFixture(dir.resolve("landing")));
    try (S3Client client = S3PipelineContract.client(s3)) {
      client.createBucket(b -> b.bucket(LANDING_BUCKET));
      client.createBucket(b -> b.bucket(LAKE_BUCKET));
      try (Stream<Path> files = Files.walk(landing.root())) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String key = landing.root().relativize(file).toString().replace('\\', '/');
          client.putObject(
              b -> b.bucket(LANDING_BUCKET).key(key), RequestBody.fromFile(file.toFile()));
        }
      }
    }
    spark = SparkTestSession.get();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    for (String bucket : List.of(LANDING_BUCKET, LAKE_BUCKET)) {
      S3PipelineContract.s3aSettings(s3)
          .forEach((k, v) -> conf.set("fs.s3a.bucket." + bucket + "." + k, v));
    }
    // the S3 test's reference: built by ObjectStorageTest earlier in the same build, else here
    onDisk = new Lakehouse(spark, S3PipelineContract.referenceOnDisk().toString());

    cluster =
        LocalSparkCluster.prepare(SampleLakehouse.projectDir(), dir.resolve("cluster"))
            .start(2, 768, Duration.ofSeconds(90));
  }

  @AfterAll
  void stopEverything() throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  @Order(1)
  void theJarSubmittedToTheClusterPublishesTheLocalRunsTables() throws Exception {
    Process run = cluster.submit("run", submitArguments(CLUSTER_LAKEHOUSE));
    int exit = LocalSparkCluster.awaitExit(run, cluster.log("run"), RUN_TIMEOUT);

    String log = Files.readString(cluster.log("run"));
    assertThat(exit).as("exit code of the cluster run; its log:%n%s", log).isZero();
    assertThat(log)
        .as("the driver ran against the standalone master, with executors on both workers")
        .contains("Connected to Spark cluster with app ID")
        .containsPattern("Granted executor ID \\S+ on hostPort 127\\.0\\.0\\.1");
    assertSameTablesAsTheLocalRun(new Lakehouse(spark, CLUSTER_LAKEHOUSE), false);
  }

  /**
   * A worker lost in the middle of a night (issue 14): the run is left to Spark. It either recovers
   * (the lost tasks and shuffle output are recomputed on the surviving executor: exit 0) or fails
   * retryably (exit 1); either way the same command, run again once a worker has replaced the lost
   * one, publishes the local run's tables.
   */
  @Test
  @Order(2)
  @Tag("slow") // three cluster runs: in -Pcluster-it, not in the default build (docs/scaling.md)
  void aWorkerKilledMidRunLeavesARunThatEndsRetryablyAndARerunThatEqualsTheLocalRun()
      throws Exception {
    String lakehouse = "s3a://" + LAKE_BUCKET + "/killed";
    Process run = cluster.submit("killed", submitArguments(lakehouse));
    cluster.awaitLine(
        run, cluster.log("killed"), Pattern.compile("\\[2/3\\] conform bronze"), RUN_TIMEOUT);
    Process victim = cluster.workers().get(0);
    cluster.killWorker(victim);
    int exit = LocalSparkCluster.awaitExit(run, cluster.log("killed"), RUN_TIMEOUT);
    String log = Files.readString(cluster.log("killed"));
    assertThat(victim.isAlive()).isFalse();
    assertThat(exit)
        .as("a lost worker: Spark recovers (0) or the run fails retryably (1); its log:%n%s", log)
        .isIn(RunOutcome.SUCCEEDED.exitCode(), RunOutcome.FAILED.exitCode());
    assertThat(log)
        .as("the driver saw its executor on the killed worker go")
        .containsPattern("(?i)lost executor|executor \\S+ (was )?removed|Executor lost");

    cluster.addWorker();
    Process rerun = cluster.submit("rerun", submitArguments(lakehouse));
    int rerunExit = LocalSparkCluster.awaitExit(rerun, cluster.log("rerun"), RUN_TIMEOUT);
    assertThat(rerunExit)
        .as("the re-run's exit code; its log:%n%s", Files.readString(cluster.log("rerun")))
        .isZero();
    assertSameTablesAsTheLocalRun(new Lakehouse(spark, lakehouse), exit == 0);
  }

  private void assertSameTablesAsTheLocalRun(Lakehouse onCluster, boolean reRun) {
    for (TableContract table : LakehouseCatalog.contracts()) {
      if (table.equals(OpsTables.PUBLISH_LOG)) {
        // an audit log: when each version was published differs between the runs; a re-run of a
        // night that had succeeded publishes it again, as a newer version of the same run date
        String columns = reRun ? "run_date" : "version, run_date";
        assertThat(onCluster.read(table).selectExpr(columns.split(", ")).distinct().collectAsList())
            .isEqualTo(
                onDisk.read(table).selectExpr(columns.split(", ")).distinct().collectAsList());
        continue;
      }
      if (reRun && table.equals(OpsTables.QUALITY_RESULTS)) {
        // the killed run published v1, whose findings equal the local run's; the re-run checked
        // and published again (v2, its row counts compared with v1's): every check passed
        assertThat(TableSnapshot.of(onCluster.read(table).filter("version = 'v1'")))
            .as("%s of the killed run's version equals the local run", table.qualifiedName())
            .isEqualTo(TableSnapshot.of(onDisk.read(table)));
        assertThat(onCluster.read(table).filter("version <> 'v1' AND NOT passed").count())
            .as("checks the re-run's version failed")
            .isZero();
        continue;
      }
      assertThat(TableSnapshot.of(onCluster.read(table)))
          .as("%s from the cluster equals the local run", table.qualifiedName())
          .isEqualTo(TableSnapshot.of(onDisk.read(table)));
    }
    for (TableContract table :
        List.of(
            LakehouseTables.silver(LandingDataset.INCIDENTS),
            MartTables.ORG_WEEKLY,
            MartTables.DEPLOYMENT_WEEKLY,
            MartTables.ORG_BENCHMARK_WEEKLY)) {
      assertThat(onCluster.read(table).count())
          .as("%s holds rows (the comparison is not of two empty tables)", table.qualifiedName())
          .isPositive();
    }
  }

  /**
   * The spark-submit command line of the docs (docs/scaling.md), with S3A pointed at s3proxy: small
   * executors (one core, 512 MiB) on the two workers, the driver on 127.0.0.1.
   */
  private List<String> submitArguments(String lakehouse) {
    List<String> args = new ArrayList<>();
    Map<String, String> conf = new java.util.LinkedHashMap<>();
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.executor.memory", "512m");
    conf.put("spark.executor.cores", "1");
    conf.put("spark.cores.max", "2");
    conf.put("spark.sql.shuffle.partitions", "4");
    // sized for a test night of kilobytes, as the docs' values are for a real one: Delta's log
    // replay in 2 tasks instead of 50, and no 3 s wait for a data-local slot (the executors share
    // one host and the data is on S3)
    conf.put("spark.databricks.delta.snapshotPartitions", "2");
    conf.put("spark.locality.wait", "0");
    conf.put(
        "spark.executor.extraJavaOptions", System.getProperty("stratify.test.jvm.options", ""));
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.log.level", "INFO");
    for (String bucket : List.of(LANDING_BUCKET, LAKE_BUCKET)) {
      S3PipelineContract.s3aSettings(s3)
          .forEach((k, v) -> conf.put("spark.hadoop.fs.s3a.bucket." + bucket + "." + k, v));
    }
    args.add("--class");
    args.add("io.stratify.jobs.cli.StratifyCli");
    conf.forEach(
        (k, v) -> {
          args.add("--conf");
          args.add(k + "=" + v);
        });
    args.add(
        SampleLakehouse.projectDir()
            .resolve("jobs/target/stratify-jobs-spark-submit.jar")
            .toString());
    args.addAll(
        List.of(
            "run",
            "--landing",
            "s3a://" + LANDING_BUCKET + "/",
            "--lakehouse",
            lakehouse,
            "--date",
            NIGHT.toString()));
    return args;
  }
}
