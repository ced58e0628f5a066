package io.stratify.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive SQL prompt of {@code scripts/stratify sql}: line editing and history (JLine, kept
 * in {@code ~/.stratify_sql_history}), statements over several lines ending with {@code ;}, results
 * as aligned tables. A failing statement prints its error and the prompt goes on.
 */
final class SqlShell {

  private static final String HELP =
      """
      Statements end with ';' and may span lines. Tables: bronze.*, silver.*, marts.*, ops.*
        tables;                  list them (SHOW TABLES IN marts; works too)
        DESCRIBE marts.org_weekly;   columns with their definitions
        help;   quit;   (or Ctrl-D)""";

  private final SparkSession spark;

  SqlShell(SparkSession spark) {
    this.spark = spark;
  }

  /** The prompt on the process's terminal. */
  void runOnTerminal() {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      run(terminal, Path.of(System.getProperty("user.home"), ".stratify_sql_history"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The prompt over given streams (no history file): for tests and piped input. */
  void run(InputStream in, OutputStream out) {
    try (Terminal terminal =
        TerminalBuilder.builder()
            .streams(in, out)
            .dumb(true)
            .encoding(StandardCharsets.UTF_8)
            .build()) {
      run(terminal, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void run(Terminal terminal, Path history) {
    LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("stratify");
    if (history != null) {
      builder.variable(LineReader.HISTORY_FILE, history);
    }
    LineReader reader = builder.build();
    PrintStream out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
    out.println("Stratify SQL. Statements end with ';'. Type help; for help, quit; to leave.");
    StringBuilder statement = new StringBuilder();
    while (true) {
      String line;
      try {
        line = reader.readLine(statement.length() == 0 ? "stratify> " : "       -> ");
      } catch (UserInterruptException e) {
        statement.setLength(0);
        continue;
      } catch (EndOfFileException e) {
        break;
      }
      statement.append(statement.length() == 0 ? "" : "\n").append(line);
      String text = statement.toString().strip();
      if (!text.endsWith(";")) {
        continue;
      }
      statement.setLength(0);
      String sql = text.substring(0, text.length() - 1).strip();
      if (sql.equalsIgnoreCase("quit") || sql.equalsIgnoreCase("exit")) {
        break;
      }
      execute(sql, out);
    }
    out.flush();
  }

  private void execute(String sql, PrintStream out) {
    if (sql.isEmpty()) {
      return;
    }
    if (sql.equalsIgnoreCase("help")) {
      out.println(HELP);
      return;
    }
    if (sql.equalsIgnoreCase("tables")) {
      sql =
          "SELECT namespace AS schema, tableName AS table FROM (SHOW TABLES IN bronze)"
              + " UNION ALL SELECT namespace, tableName FROM (SHOW TABLES IN silver)"
              + " UNION ALL SELECT namespace, tableName FROM (SHOW TABLES IN marts)"
              + " UNION ALL SELECT namespace, tableName FROM (SHOW TABLES IN ops)";
    }
    long start = System.nanoTime();
    try {
      ResultPrinter.table(spark.sql(sql), out);
      out.printf("(%.1f s)%n", (System.nanoTime() - start) / 1e9);
    } catch (Exception e) {
      String message =
          e instanceof AnalysisException a
              ? a.getMessage().lines().findFirst().orElse(a.getMessage())
              : e.toString();
      out.println("error: " + message);
    }
  }
}
