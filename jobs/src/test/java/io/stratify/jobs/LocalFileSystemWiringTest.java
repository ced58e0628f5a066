package io.stratify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.io.NioLocalFileSystem;
import io.stratify.jobs.testing.SparkTestSession;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.AbstractFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session Stratify configures reads and writes {@code file:} through {@link NioLocalFileSystem}
 * (no child process per file created or renamed), for Spark's writers and for Delta's log, which
 * commits through FileContext.
 */
class LocalFileSystemWiringTest {

  @TempDir Path dir;

  @Test
  void fileUrisGoThroughTheShellFreeLocalFileSystem() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Configuration conf = spark.sessionState().newHadoopConf();
    assertThat(FileSystem.get(URI.create("file:///"), conf)).isInstanceOf(NioLocalFileSystem.class);
    assertThat(AbstractFileSystem.get(URI.create("file:///"), conf))
        .isInstanceOf(NioLocalFileSystem.Fs.class);

    String table = dir.resolve("t").toUri().toString();
    spark.range(5).write().format("delta").save(table);
    spark.range(5, 7).write().format("delta").mode("append").save(table);
    assertThat(spark.read().format("delta").load(table).count()).isEqualTo(7);
  }

  @Test
  void onlyWhereHadoopsClassLoaderSeesItAndInLocalMode() {
    ClassLoader hadoop = Configuration.class.getClassLoader();
    assertThat(StratifySpark.localFileSystem(true, hadoop))
        .containsEntry("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName())
        .containsEntry(
            "spark.hadoop.fs.AbstractFileSystem.file.impl", NioLocalFileSystem.Fs.class.getName());
    assertThat(StratifySpark.localFileSystem(false, hadoop))
        .as("executors on a cluster may not have the class: Hadoop's own stays")
        .isEmpty();
    assertThat(StratifySpark.localFileSystem(true, ClassLoader.getPlatformClassLoader()))
        .as("spark-submit: the application jar is not on Hadoop's class loader")
        .isEmpty();
  }
}
