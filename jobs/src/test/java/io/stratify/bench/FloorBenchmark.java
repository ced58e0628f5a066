package io.stratify.bench;

import static org.apache.spark.sql.functions.input_file_name;

import io.stratify.common.config.StratifyConfig;
import io.stratify.jobs.StratifySpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The floor of scripts/bench: what plain Spark needs to read every landing file once and write it
 * once as Delta, with no validation. Per dataset and format, one read of all its files (CSV with
 * its header and every column a string, JSON Lines as lines of text, JSON documents whole, Parquet
 * as written) and one Delta write. Kept with the tests so it is not in the product jar.
 *
 * <p>Usage: {@code FloorBenchmark <landing dir> <output dir>}; prints what it wrote.
 */
public final class FloorBenchmark {

  private static final Map<String, String> GLOBS =
      Map.of("csv", "*.csv", "jsonl", "*.jsonl", "json", "*.json", "parquet", "*.parquet");

  private FloorBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path landing = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    SparkSession spark = StratifySpark.session("stratify-floor", StratifyConfig.defaults());
    int tables = 0;
    List<Path> datasets;
    try (Stream<Path> s = Files.list(landing)) {
      datasets = s.filter(Files::isDirectory).sorted().toList();
    }
    for (Path dataset : datasets) {
      for (Map.Entry<String, String> format : GLOBS.entrySet()) {
        if (!hasFiles(dataset, format.getKey())) {
          continue;
        }
        String glob = dataset + "/dt=*/" + format.getValue();
        Dataset<Row> frame =
            switch (format.getKey()) {
              case "csv" -> spark.read().option("header", "true").csv(glob);
              case "jsonl" -> spark.read().text(glob);
              case "json" -> spark.read().option("wholetext", "true").text(glob);
              default -> spark.read().parquet(glob);
            };
        frame = frame.withColumn("_source_file", input_file_name());
        String table = out.resolve(dataset.getFileName() + "_" + format.getKey()).toString();
        frame.write().format("delta").mode("overwrite").save(table);
        tables++;
      }
    }
    System.out.printf("floor: wrote %d Delta tables to %s%n", tables, out);
    spark.stop();
  }

  private static boolean hasFiles(Path dataset, String extension) throws IOException {
    try (Stream<Path> s = Files.walk(dataset, 2)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith("." + extension));
    }
  }
}
