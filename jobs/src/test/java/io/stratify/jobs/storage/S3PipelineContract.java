package io.stratify.jobs.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.stratify.common.config.StratifyConfig;
import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.LakehouseCatalog;
import io.stratify.jobs.NightlyRun;
import io.stratify.jobs.RunOutcome;
import io.stratify.jobs.ingest.LandingZone;
import io.stratify.jobs.testing.LandingFixture;
import io.stratify.jobs.testing.SampleLakehouse;
import io.stratify.jobs.testing.SharedLakehouses;
import io.stratify.jobs.testing.SparkTestSession;
import io.stratify.jobs.testing.TableSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole nightly run (ingest, conform, marts) with the landing zone at the root of one bucket
 * and the lakehouse under a prefix of another, through Hadoop S3A, checked against the same night
 * run on local disk ({@link #referenceOnDisk()}, which the cluster test compares with too).
 * Subclasses bring the S3-compatible server.
 *
 * <p>The test JVM has one SparkSession, so S3A is configured per bucket ({@code
 * fs.s3a.bucket.<name>.*}) on its Hadoop configuration, and each subclass uses its own buckets:
 * other tests, and the other server, are unaffected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class S3PipelineContract {

  /** The sample's first night: every dataset's first drop (CSV, JSON Lines, JSON and Parquet). */
  static final LocalDate NIGHT = LocalDate.of(2026, 1, 5);

  /** A hand-made file beside the sample's drop: a space in its name, one bad row. */
  static final String PLANTED = "manual export.csv";

  /** An S3-compatible endpoint and the (fake) credentials it accepts. */
  record S3Endpoint(URI url, String accessKey, String secretKey) {}

  @TempDir static Path dir;
  static final String REFERENCE = "sample-night-on-disk";
  SparkSession spark;
  S3Endpoint s3;
  String landingBucket;
  String lakeBucket;
  Lakehouse onS3;
  Lakehouse onDisk;
  String output;

  /** Starts the server; called once, before anything touches S3. */
  abstract S3Endpoint start() throws Exception;

  /** Stops the server. */
  abstract void stop() throws Exception;

  /** A short name, unique per subclass, that makes its bucket names unique in the JVM. */
  abstract String variant();

  /**
   * Whether this server can be stopped and started again on its port, keeping what it stores. If
   * so, the S3 run is first cut off from its store in the middle of ingest (an outage mid-run),
   * then run again, unchanged, once the store is back: what the comparisons below see is that
   * re-run.
   */
  boolean canPause() {
    return false;
  }

  /** Stops the server, keeping its data: every request fails until {@link #resume()}. */
  void pause() throws Exception {
    throw new UnsupportedOperationException(variant() + " cannot pause");
  }

  /** Starts the server again on the same port, with the same data. */
  void resume() throws Exception {
    throw new UnsupportedOperationException(variant() + " cannot resume");
  }

  /** The first S3 run's failure, when {@link #canPause()}: the store went away under it. */
  Throwable outageFailure;

  /** What the first S3 run printed before it failed. */
  String outageOutput;

  /**
   * Ingest starts its fifth dataset when one of the first four (the pool runs four at a time) has
   * written its bronze rows: the store goes away with bronze partly written and other datasets'
   * writes in flight, a minute of ingest earlier than at conform, which the re-run would redo.
   */
  static final String OUTAGE_MARK = "ingest deployment_changes";

  @BeforeAll
  void runTheNightOnS3() throws Exception {
    spark = SparkTestSession.get();
    s3 = start();
    landingBucket = "landing-" + variant();
    lakeBucket = "lake-" + variant();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (S3Client client = client(s3)) {
      for (String bucket : List.of(landingBucket, lakeBucket)) {
        client.createBucket(b -> b.bucket(bucket));
        s3aSettings(s3).forEach((k, v) -> conf.set("fs.s3a.bucket." + bucket + "." + k, v));
      }
    }
    LandingFixture landing = sampleNight(new LandingFixture(dir.resolve("landing")));
    // The landing zone is a whole bucket, given with its trailing slash.
    String s3Landing = "s3a://" + landingBucket + "/";
    upload(landing.root(), s3Landing, conf);

    onS3 = new Lakehouse(spark, "s3a://" + lakeBucket + "/warehouse/stratify");
    if (canPause()) {
      runNightsThroughAnOutage(s3Landing, conf);
    }
    output = runNight(s3Landing, onS3.root());
    onDisk = new Lakehouse(spark, referenceOnDisk().toString());
  }

  /**
   * {@link #sampleNight}'s landing zone run on local disk, as of {@link #NIGHT}, with the default
   * settings: the reference the S3 runs and the cluster's run ({@code StandaloneClusterIT}) must
   * equal, built once per build and shared ({@link SharedLakehouses}). Read it in place.
   */
  static Path referenceOnDisk() {
    return SharedLakehouses.publishedNight(REFERENCE, S3PipelineContract::sampleNight, NIGHT);
  }

  @AfterAll
  void closeFileSystemsAndStop() throws Exception {
    try {
      if (landingBucket == null) {
        return;
      }
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      for (String bucket : List.of(landingBucket, lakeBucket)) {
        // Closing removes just this bucket's instance from Hadoop's FileSystem cache.
        FileSystem.get(URI.create("s3a://" + bucket + "/"), conf).close();
      }
    } finally {
      stop();
    }
  }

  /**
   * What S3A needs to talk to a local S3-compatible server: its endpoint over plain HTTP,
   * path-style URLs (no per-bucket DNS names), a fixed region (no region lookup) and the fake keys
   * given directly. Change detection is off and ETags optional: some S3-compatible stores
   * (s3proxy's filesystem back end among them) return none.
   */
  static Map<String, String> s3aSettings(S3Endpoint s3) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("endpoint", s3.url().toString());
    s.put("endpoint.region", "us-east-1");
    s.put("path.style.access", "true");
    s.put("connection.ssl.enabled", "false");
    s.put("aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    s.put("access.key", s3.accessKey());
    s.put("secret.key", s3.secretKey());
    s.put("change.detection.mode", "none");
    s.put("change.detection.version.required", "false");
    return s;
  }

  static S3Client client(S3Endpoint s3) {
    return S3Client.builder()
        .endpointOverride(s3.url())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .build();
  }

  /**
   * The first night of the committed sample landing zone (every dataset, CSV, JSON Lines, JSON and
   * Parquet) plus one hand-made incidents file with a row to quarantine.
   */
  static LandingFixture sampleNight(LandingFixture f) throws IOException {
    Path sample = SampleLakehouse.projectDir().resolve("sample-data/landing");
    for (LandingDataset dataset : LandingDataset.values()) {
      Path drop = sample.resolve(dataset.folder()).resolve("dt=" + NIGHT);
      if (!Files.isDirectory(drop)) {
        continue;
      }
      try (Stream<Path> files = Files.list(drop)) {
        for (Path file : files.sorted().toList()) {
          f.bytes(
              dataset.folder(),
              NIGHT.toString(),
              file.getFileName().toString(),
              Files.readAllBytes(file));
        }
      }
    }
    return f.file(
        "incidents",
        NIGHT.toString(),
        PLANTED,
        "org_id,incident_id,deployment_id,title,severity,opened_at,acknowledged_at,resolved_at",
        "harbor-mutual,INC-S3-1,dep-005,Severity out of range,9,2026-01-06T10:00:00Z,,");
  }

  /** Copies the local landing zone's dataset folders to {@code target} with the Hadoop API. */
  private static void upload(Path local, String target, Configuration conf) throws IOException {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(target);
    FileSystem fs = root.getFileSystem(conf);
    try (Stream<Path> datasets = Files.list(local)) {
      for (Path d : datasets.toList()) {
        fs.copyFromLocalFile(
            false,
            true,
            new org.apache.hadoop.fs.Path(d.toUri()),
            new org.apache.hadoop.fs.Path(root, d.getFileName().toString()));
      }
    }
  }

  /**
   * The first attempt of the S3 run: the server stops in the middle of ingest ({@link
   * #OUTAGE_MARK}). S3A and the AWS SDK do not retry meanwhile, so the failure comes at once. Then
   * the server comes back and, as a re-run's new process would, S3A starts with fresh connections
   * and its usual retries.
   */
  private void runNightsThroughAnOutage(String s3Landing, Configuration conf) throws Exception {
    Map<String, String> failFast =
        Map.of("retry.limit", "0", "attempts.maximum", "0", "retry.interval", "10ms");
    for (String bucket : List.of(landingBucket, lakeBucket)) {
      failFast.forEach((k, v) -> conf.set("fs.s3a.bucket." + bucket + "." + k, v));
      FileSystem.get(URI.create("s3a://" + bucket + "/"), conf).close();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out =
        new PrintStream(new RunWhenPrinted(bytes, OUTAGE_MARK, this::pause), true, UTF_8);
    try {
      LandingZone zone = LandingZone.scan(s3Landing, conf);
      new NightlyRun(spark, StratifyConfig.defaults(), out).run(zone, onS3.root(), NIGHT, NIGHT);
    } catch (Throwable e) {
      outageFailure = e;
    }
    outageOutput = bytes.toString(UTF_8);
    resume();
    for (String bucket : List.of(landingBucket, lakeBucket)) {
      failFast.keySet().forEach(k -> conf.unset("fs.s3a.bucket." + bucket + "." + k));
      FileSystem.get(URI.create("s3a://" + bucket + "/"), conf).close();
    }
  }

  /** Passes bytes on; runs {@code action} once, as soon as {@code mark} has been printed. */
  private static final class RunWhenPrinted extends java.io.OutputStream {
    interface Action {
      void run() throws Exception;
    }

    private final ByteArrayOutputStream sink;
    private final String mark;
    private final Action action;
    private boolean done;

    RunWhenPrinted(ByteArrayOutputStream sink, String mark, Action action) {
      this.sink = sink;
      this.mark = mark;
      this.action = action;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      sink.write(b, off, len);
      // what was printed is ASCII: look at the new bytes and enough before them for a split mark
      int from = Math.max(0, sink.size() - len - mark.length());
      if (!done && new String(sink.toByteArray(), from, sink.size() - from, UTF_8).contains(mark)) {
        done = true;
        try {
          action.run();
        } catch (Exception e) {
          throw new IOException("Cannot stop the S3 server", e);
        }
      }
    }
  }

  /** Runs the night; returns what it printed. */
  private String runNight(String landing, String lakehouseRoot) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    LandingZone zone = LandingZone.scan(landing, spark.sparkContext().hadoopConfiguration());
    new NightlyRun(spark, StratifyConfig.defaults(), out).run(zone, lakehouseRoot, NIGHT, NIGHT);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyTableOnS3EqualsTheSameNightsRunOnLocalDisk() {
    for (TableContract table : LakehouseCatalog.contracts()) {
      if (table.equals(OpsTables.PUBLISH_LOG)) {
        // an audit log: when each version was published differs between the two runs
        assertThat(onS3.read(table).select("version", "run_date").collectAsList())
            .isEqualTo(onDisk.read(table).select("version", "run_date").collectAsList());
        continue;
      }
      assertThat(TableSnapshot.of(onS3.read(table)))
          .as("%s on S3 equals the local run", table.qualifiedName())
          .isEqualTo(TableSnapshot.of(onDisk.read(table)));
    }
    for (TableContract table :
        List.of(
            LakehouseTables.silver(LandingDataset.ORGS),
            LakehouseTables.silver(LandingDataset.INCIDENTS),
            LakehouseTables.silver(LandingDataset.INFERENCE_USAGE),
            MartTables.ORG_WEEKLY,
            MartTables.DEPLOYMENT_WEEKLY)) {
      assertThat(onS3.read(table).count())
          .as("%s holds rows (the comparison is not of two empty tables)", table.qualifiedName())
          .isPositive();
    }
  }

  @Test
  void aRunCutOffFromItsStoreFailsRetryablyAndItsReRunTakesOverItsLock() {
    Assumptions.assumeTrue(canPause(), variant() + " cannot be stopped and started again");
    assertThat(outageOutput)
        .as("the store went away in the middle of ingest")
        .contains(OUTAGE_MARK);
    assertThat(outageFailure)
        .as("the run cut off from its store failed; it printed:%n%s", outageOutput)
        .isNotNull();
    assertThat(RunOutcome.of(outageFailure))
        .as("a storage outage is exit 1, retryable: %s", RunOutcome.firstLine(outageFailure))
        .isEqualTo(RunOutcome.FAILED);
    assertThat(RunOutcome.of(outageFailure).retryable()).isTrue();
    assertThat(output)
        .as("the re-run took over the lock the failed run could not remove from the stopped store")
        .contains("warning: removing the lock of run pid " + ProcessHandle.current().pid());
  }

  @Test
  void theTablesAreDeltaTablesUnderTheS3Prefix() throws IOException {
    for (TableContract table : LakehouseCatalog.contracts()) {
      assertThat(DeltaTable.isDeltaTable(spark, onS3.location(table)))
          .as(
              "%s is a Delta table at %s as it is on disk",
              table.qualifiedName(), onS3.location(table))
          .isEqualTo(onDisk.exists(table));
    }
    org.apache.hadoop.fs.Path firstCommit =
        new org.apache.hadoop.fs.Path(
            onS3.location(MartTables.ORG_WEEKLY) + "/_delta_log/00000000000000000000.json");
    assertThat(
            firstCommit
                .getFileSystem(spark.sparkContext().hadoopConfiguration())
                .exists(firstCommit))
        .isTrue();
    assertThat(Path.of("s3a:"))
        .as("no s3a:// location was taken for a local relative path")
        .doesNotExist();
  }

  @Test
  void sourceFilesAreRelativeToTheBucketRootAndTheBadRowIsQuarantined() {
    List<Row> planted =
        onS3.read(LakehouseTables.QUARANTINE)
            .filter("record_key['incident_id'] = 'INC-S3-1'")
            .collectAsList();
    assertThat(planted).hasSize(1);
    assertThat((String) planted.get(0).getAs("source_file"))
        .isEqualTo("incidents/dt=" + NIGHT + "/" + PLANTED);
    assertThat(planted.get(0).<String>getList(planted.get(0).fieldIndex("reason_codes")))
        .containsExactly("out_of_range");
    assertThat(
            onS3.read(LakehouseTables.INGEST_FILES).collectAsList().stream()
                .map(r -> (String) r.getAs("source_file"))
                .filter(f -> !f.matches("[a-z_]+/dt=" + NIGHT + "/[^/]+"))
                .toList())
        .as("every ingested file is named <dataset>/dt=<dt>/<file>, never by its s3a:// URI")
        .isEmpty();
    assertThat(onS3.read(LakehouseTables.INGEST_FILES).filter("status = 'read'").count())
        .as("every file of the night was read")
        .isEqualTo(onS3.read(LakehouseTables.INGEST_FILES).count());
  }

  @Test
  void theRunNamesTheS3LocationsAndNoCredential() {
    assertThat(output)
        .contains(
            "stratify run "
                + NIGHT
                + ": landing s3a://"
                + landingBucket
                + " -> lakehouse "
                + onS3.root())
        .doesNotContain(s3.secretKey())
        .doesNotContain(s3.accessKey());
  }
}
