package io.stratify.jobs.cli;

import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.LakehouseCatalog;
import io.stratify.jobs.StratifySpark;
import io.stratify.jobs.UnusableInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
      "Runs one SQL statement over the lakehouse tables (bronze.*, silver.*, marts.*, ops.*) and"
          + " prints the result; without a statement, opens an interactive SQL prompt, or runs"
          + " the statements piped in (the first that fails stops them: exit 2).",
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

  @Option(
      names = "--file",
      paramLabel = "NOTEBOOK",
      description =
          "Run every cell of a SQL notebook (Databricks source format, as in notebooks/) in order.")
  Path file;

  @Parameters(
      paramLabel = "STATEMENT",
      arity = "0..1",
      description = "The SQL statement; none for the prompt, or for statements piped in.")
  String statement;

  @Override
  public Integer call() {
    if (file != null && statement != null) {
      throw new UnusableInputException("Cannot run both --file and a STATEMENT: give one of them");
    }
    String lakehouseRoot = common.existingLakehouseRoot("query the lakehouse");
    try (StratifySpark.Scoped session =
        StratifySpark.scoped("stratify-sql", common.config(), lakehouseRoot)) {
      SparkSession spark = session.spark();
      Lakehouse lakehouse = new Lakehouse(spark, lakehouseRoot);
      LakehouseCatalog.register(lakehouse);
      if (file != null) {
        runNotebook(spark);
        return StratifyCli.EXIT_OK;
      }
      if (statement == null) {
        SqlShell shell = new SqlShell(spark, this::print);
        if (System.console() != null) {
          shell.runOnTerminal();
        } else {
          shell.runScript(
              new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
              System.out);
        }
        return StratifyCli.EXIT_OK;
      }
      print(spark.sql(statement), System.out);
      System.out.flush();
      return StratifyCli.EXIT_OK;
    }
  }

  private void runNotebook(SparkSession spark) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UnusableInputException("Cannot read notebook " + file + ": " + e.getMessage(), e);
    }
    PrintStream out = System.out;
    for (NotebookCells.Cell cell : NotebookCells.parse(text)) {
      if (cell.markdown()) {
        out.println();
        out.println(cell.text());
        continue;
      }
      print(spark.sql(cell.text()), out);
    }
    out.flush();
  }

  private void print(Dataset<Row> result, PrintStream out) {
    if (format == Format.csv) {
      ResultPrinter.csv(result, out);
    } else {
      ResultPrinter.table(result, out);
    }
  }
}
