package io.stratify.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.jobs.cli.SqlStatements.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {

  static List<Statement> split(String text, SqlStatements statements) {
    List<Statement> all = new ArrayList<>();
    text.lines().forEach(line -> all.addAll(statements.add(line)));
    return all;
  }

  @Test
  void splitsAtSemicolonsOutsideQuotesAndCommentsWithTheLineEachStartsOn() {
    SqlStatements statements = new SqlStatements();
    List<Statement> all =
        split(
            """
            -- a script
            SELECT 1; SELECT 'a;b' AS s;
            SELECT "x;" -- not the end;
              , `c;d` /* nor ; this */
            FROM t;

            tables;
            """,
            statements);
    assertThat(all)
        .containsExactly(
            new Statement("-- a script\nSELECT 1", 2),
            new Statement("SELECT 'a;b' AS s", 2),
            new Statement("SELECT \"x;\" -- not the end;\n  , `c;d` /* nor ; this */\nFROM t", 3),
            new Statement("tables", 7));
    assertThat(statements.pending()).as("nothing left open").isFalse();
    assertThat(statements.rest()).isEmpty();
  }

  @Test
  void aStatementWithoutItsSemicolonIsLeftPendingAndCommentsAloneAreNoStatement() {
    SqlStatements statements = new SqlStatements();
    assertThat(split("-- only a comment\n/* and\nanother */\n", statements)).isEmpty();
    assertThat(statements.pending()).isFalse();
    assertThat(statements.rest()).isEmpty();

    assertThat(split("SELECT 'it''s'\n  FROM t", statements)).isEmpty();
    assertThat(statements.pending()).isTrue();
    assertThat(statements.rest())
        .as("comments before a statement stay with it; Spark skips them")
        .contains(
            new Statement("-- only a comment\n/* and\nanother */\nSELECT 'it''s'\n  FROM t", 4));

    statements.clear();
    assertThat(statements.pending()).isFalse();
    assertThat(split("SELECT 2;", statements)).containsExactly(new Statement("SELECT 2", 6));
  }
}
