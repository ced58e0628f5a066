package io.stratify.jobs.cli;

import io.stratify.common.contract.Layer;
import io.stratify.jobs.RunOutcome;
import io.stratify.jobs.UnusableInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The SQL prompt of {@code scripts/stratify sql} without a statement, in one of two modes.
 *
 * <ul>
 *   <li>On a terminal: line editing and history (JLine, kept in {@code ~/.stratify_sql_history}), a
 *       banner and prompts, the time each statement took; a failing statement prints its error and
 *       the prompt goes on.
 *   <li>Statements piped in (a script, a heredoc): no banner, prompts, timings or history file,
 *       only the results on stdout; the first failing statement stops the script with exit 2 and an
 *       error naming the statement and its line.
 * </ul>
 *
 * Both split statements at {@code ;} (outside quotes and comments) and know the shortcuts {@code
 * tables;}, {@code help;} and {@code quit;}.
 */
final class SqlShell {

  private static final String HELP =
      """
      Statements end with ';' and may span lines. Tables: bronze.*, silver.*, marts.*, ops.*
        tables;                  list them (SHOW TABLES IN marts; works too)
        DESCRIBE marts.org_weekly;   columns with their definitions
        help;   quit;   (or Ctrl-D)""";

  private final SparkSession spark;
  private final BiConsumer<Dataset<Row>, PrintStream> printer;

  /**
   * @param printer how results are printed ({@code --format})
   */
  SqlShell(SparkSession spark, BiConsumer<Dataset<Row>, PrintStream> printer) {
    this.spark = spark;
    this.printer = printer;
  }

  /** The interactive prompt on the process's terminal. */
  void runOnTerminal() {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("stratify")
              .variable(
                  LineReader.HISTORY_FILE,
                  Path.of(System.getProperty("user.home"), ".stratify_sql_history"))
              .build();
      PrintStream out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
      out.println("Stratify SQL. Statements end with ';'. Type help; for help, quit; to leave.");
      SqlStatements statements = new SqlStatements();
      while (true) {
        String line;
        try {
          line = reader.readLine(statements.pending() ? "       -> " : "stratify> ");
        } catch (UserInterruptException e) {
          statements.clear();
          continue;
        } catch (EndOfFileException e) {
          break;
        }
        for (SqlStatements.Statement statement : statements.add(line)) {
          if (isQuit(statement)) {
            return;
          }
          long start = System.nanoTime();
          try {
            execute(statement.sql(), out);
            out.printf("(%.1f s)%n", (System.nanoTime() - start) / 1e9);
          } catch (Exception e) { // AnalysisException is a checked exception to Java
            out.println("error: " + RunOutcome.firstLine(e));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the statements read from {@code in} in order, printing each result to {@code out}; returns
   * how many ran. A statement left without {@code ;} at the end of the input runs too.
   *
   * @throws UnusableInputException at the first statement that fails (exit 2); the ones after it do
   *     not run
   */
  int runScript(BufferedReader in, PrintStream out) {
    SqlStatements statements = new SqlStatements();
    int ran = 0;
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        for (SqlStatements.Statement statement : statements.add(line)) {
          if (isQuit(statement)) {
            return ran;
          }
          ran += runInScript(statement, ran + 1, out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<SqlStatements.Statement> last = statements.rest();
    if (last.isPresent() && !isQuit(last.get())) {
      ran += runInScript(last.get(), ran + 1, out);
    }
    out.flush();
    return ran;
  }

  private int runInScript(SqlStatements.Statement statement, int number, PrintStream out) {
    try {
      execute(statement.sql(), out);
      return 1;
    } catch (Exception e) { // AnalysisException is a checked exception to Java
      // A script's failing statement is the script's to fix, whatever Spark threw: exit 2.
      throw new UnusableInputException(
          "Cannot run statement "
              + number
              + " (line "
              + statement.line()
              + "): "
              + RunOutcome.firstLine(e)
              + "; the statements after it were not run",
          e);
    }
  }

  private static boolean isQuit(SqlStatements.Statement statement) {
    return statement.sql().equalsIgnoreCase("quit") || statement.sql().equalsIgnoreCase("exit");
  }

  private void execute(String sql, PrintStream out) {
    if (sql.equalsIgnoreCase("help")) {
      out.println(HELP);
    } else if (sql.equalsIgnoreCase("tables")) {
      printer.accept(tables(), out);
    } else {
      printer.accept(spark.sql(sql), out);
    }
    out.flush();
  }

  /** Every lakehouse table by schema and name, in layer order. */
  private Dataset<Row> tables() {
    List<Dataset<Row>> layers =
        Arrays.stream(Layer.values())
            .map(Layer::schema)
            .filter(schema -> spark.catalog().databaseExists(schema))
            .map(
                schema ->
                    spark
                        .sql("SHOW TABLES IN " + schema)
                        .selectExpr("namespace AS `schema`", "tableName AS `table`"))
            .toList();
    return layers.stream()
        .reduce(Dataset::unionAll)
        .orElseGet(() -> spark.sql("SELECT '' AS `schema`, '' AS `table` WHERE false"));
  }
}
