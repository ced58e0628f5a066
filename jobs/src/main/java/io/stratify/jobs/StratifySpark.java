package io.stratify.jobs;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.io.NioLocalFileSystem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is configured: Delta, UTC, java.time values in rows. Under
 * spark-submit the master and resources come from the submit; run from the local launcher it is the
 * embedded default, {@code local[*]}, tuned for one machine. Any {@code spark.*} setting from the
 * config file or {@code --conf} wins.
 */
public final class StratifySpark {

  private StratifySpark() {}

  public static SparkSession session(String appName, StratifyConfig config) {
    return session(appName, config, null);
  }

  /**
   * The settings that make {@code file:} paths go through {@link NioLocalFileSystem} (no child
   * process per file created or renamed): in local mode, and only where Hadoop's own class loader
   * sees the class, as on the launcher's class path. Under spark-submit the application jar has a
   * class loader of its own, which a Hadoop {@code Configuration} does not always use (S3A's buffer
   * files found no such class), and executors on a cluster would need the class on theirs: there
   * Hadoop's own local file system stays.
   */
  static Map<String, String> localFileSystem(boolean local, ClassLoader hadoopLoader) {
    if (!local) {
      return Map.of();
    }
    try {
      Class.forName(NioLocalFileSystem.class.getName(), false, hadoopLoader);
    } catch (ClassNotFoundException e) {
      return Map.of();
    }
    return Map.of(
        "spark.hadoop.fs.file.impl",
        NioLocalFileSystem.class.getName(),
        "spark.hadoop.fs.AbstractFileSystem.file.impl",
        NioLocalFileSystem.Fs.class.getName());
  }

  /**
   * A session whose catalog keeps the lakehouse's tables by name. With a lakehouse on local disk
   * and no catalog configured, that is an embedded Hive metastore (Derby) inside the lakehouse,
   * {@code <lakehouse>/_stratify/metastore}, so names survive between sessions; an external
   * metastore is configured the usual way ({@code spark.sql.catalogImplementation=hive} and {@code
   * spark.hadoop.hive.metastore.uris}); otherwise the session catalog is in memory and commands
   * register the tables when they start.
   *
   * @param lakehouseRoot the lakehouse, or null when the session reads none by name
   */
  public static SparkSession session(String appName, StratifyConfig config, String lakehouseRoot) {
    SparkConf conf = new SparkConf(true);
    // the master a --conf or the configuration file names wins over spark-submit's
    String master =
        config.sparkConf().getOrDefault("spark.master", conf.get("spark.master", "local[*]"));
    boolean local = master.startsWith("local");
    Map<String, String> defaults =
        Map.of(
            "spark.master",
            "local[*]",
            "spark.sql.shuffle.partitions",
            local ? "8" : "200",
            "spark.databricks.delta.snapshotPartitions",
            local ? "2" : "50",
            "spark.ui.enabled",
            local ? "false" : "true",
            "spark.ui.showConsoleProgress",
            "false",
            "spark.sql.adaptive.enabled",
            "true",
            // Locally, listing more than 32 paths as a Spark job (Spark's default) only adds a
            // job per Parquet batch of ingest; on a cluster the parallel listing pays off.
            "spark.sql.sources.parallelPartitionDiscovery.threshold",
            local ? "100000" : "32");
    defaults.forEach(conf::setIfMissing);
    localFileSystem(local, Configuration.class.getClassLoader()).forEach(conf::setIfMissing);
    conf.set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .set("spark.sql.session.timeZone", "UTC")
        .set("spark.sql.datetime.java8API.enabled", "true")
        // Delta 4.1 answers min/max/count from file statistics, but converts dates to
        // java.sql.Date even under the java8 API (ClassCastException): keep it off.
        .set("spark.databricks.delta.optimizeMetadataQuery.enabled", "false")
        .setIfMissing("spark.app.name", appName);
    config.sparkConf().forEach(conf::set);
    boolean localLakehouse =
        lakehouseRoot != null && !lakehouseRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    boolean embeddedMetastore =
        localLakehouse && !conf.contains("spark.sql.catalogImplementation") && hiveAvailable();
    if (embeddedMetastore && !claimEmbeddedMetastore(Path.of(lakehouseRoot, "_stratify"))) {
      System.err.println(
          "warning: another process is using this lakehouse's embedded metastore (Derby admits"
              + " one process at a time); this session names the tables in memory instead, which"
              + " changes no result. For several concurrent users, use a metastore server"
              + " (docs/bi.md).");
      embeddedMetastore = false;
    }
    if (embeddedMetastore) {
      String meta = lakehouseRoot + "/_stratify";
      System.setProperty("derby.stream.error.file", meta + "/derby.log");
      conf.set("spark.sql.catalogImplementation", "hive")
          .set(
              "spark.hadoop.javax.jdo.option.ConnectionURL",
              "jdbc:derby:;databaseName=" + meta + "/metastore;create=true")
          .set("spark.hadoop.datanucleus.schema.autoCreateAll", "true")
          .set("spark.hadoop.hive.metastore.schema.verification", "false")
          .setIfMissing("spark.sql.warehouse.dir", meta + "/warehouse");
    }
    SparkSession session = SparkSession.builder().config(conf).getOrCreate();
    // Row encoders read java8API from the thread's active session: make it this one.
    SparkSession.setActiveSession(session);
    SparkSession.setDefaultSession(session);
    return session;
  }

  /** A session for one command: stopped when the command ends, unless it was already running. */
  public record Scoped(SparkSession spark, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        spark.stop();
      }
    }
  }

  /**
   * The session of one command. A session already running in this JVM (a test, a notebook) belongs
   * to its caller and is reused as it is.
   */
  public static Scoped scoped(String appName, StratifyConfig config, String lakehouseRoot) {
    if (SparkSession.getDefaultSession().isDefined()) {
      return new Scoped(SparkSession.getDefaultSession().get(), false);
    }
    return new Scoped(session(appName, config, lakehouseRoot), true);
  }

  /** The embedded metastores this process has claimed, by lock file; held until it exits. */
  private static final Map<Path, FileLock> CLAIMED = new HashMap<>();

  /**
   * Claims the embedded metastore under {@code meta} for this process, for the rest of its life;
   * false when another process has it. Derby admits one process per database, and a second one
   * fails only after minutes of retries by the metastore client, so processes first take an
   * exclusive lock on {@code metastore.lock} (released by the OS when the process ends, even under
   * kill -9). A Derby database booted by a process that does not take the lock (a Thrift server
   * configured by hand) is recognised by Derby's own lock on {@code dbex.lck}.
   */
  static synchronized boolean claimEmbeddedMetastore(Path meta) {
    Path file = meta.resolve("metastore.lock").toAbsolutePath().normalize();
    if (CLAIMED.containsKey(file)) {
      return true;
    }
    if (derbyBootedElsewhere(meta.resolve("metastore"))) {
      return false;
    }
    try {
      Files.createDirectories(meta);
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return false;
      }
      CLAIMED.put(file, lock);
      return true;
    } catch (IOException | RuntimeException e) {
      return true; // cannot tell: let Derby decide
    }
  }

  /** Whether Derby's exclusive lock on {@code dbex.lck}, held while it is booted, is taken. */
  private static boolean derbyBootedElsewhere(Path database) {
    Path lock = database.resolve("dbex.lck");
    if (!Files.isRegularFile(lock)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held == null) {
        return true;
      }
      held.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return false; // this process has it booted
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean hiveAvailable() {
    try {
      Class.forName("org.apache.spark.sql.hive.HiveSessionStateBuilder");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
