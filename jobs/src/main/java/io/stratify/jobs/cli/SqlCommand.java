package io.stratify.jobs.cli;

import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.LakehouseCatalog;
import io.stratify.jobs.StratifySpark;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one SQL statement over the lakehouse tables (bronze.*, silver.*, marts.*) and prints"
          + " the result.",
      "--format csv prints a header row and RFC 4180 rows to stdout, nothing else."
    })
final class SqlCommand implements Callable<Integer> {

  enum Format {
    csv,
    table
  }

  @Mixin CommonOptions common;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "csv or table (default: ${DEFAULT-VALUE}).")
  Format format;

  @Parameters(paramLabel = "STATEMENT", description = "The SQL statement.")
  String statement;

  @Override
  public Integer call() {
    String lakehouseRoot = common.lakehouseRoot();
    SparkSession spark = StratifySpark.session("stratify-sql", common.config());
    try {
      Lakehouse lakehouse = new Lakehouse(spark, lakehouseRoot);
      LakehouseCatalog.register(lakehouse);
      Dataset<Row> result = spark.sql(statement);
      PrintStream out = System.out;
      if (format == Format.csv) {
        ResultPrinter.csv(result, out);
      } else {
        ResultPrinter.table(result, out);
      }
      out.flush();
      return StratifyCli.EXIT_OK;
    } finally {
      spark.stop();
    }
  }
}
