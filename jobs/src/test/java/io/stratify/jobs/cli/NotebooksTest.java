package io.stratify.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.jobs.testing.SampleLakehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every cell of every notebook runs against the sample's marts and returns rows. */
class NotebooksTest {

  static Path notebooks() {
    return SampleLakehouse.projectDir().resolve("notebooks");
  }

  @TestFactory
  Stream<DynamicTest> everyCellOfEveryNotebookRuns() throws Exception {
    SampleLakehouse sample = SampleLakehouse.get();
    List<Path> files;
    try (Stream<Path> s = Files.list(notebooks())) {
      files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      List<NotebookCells.Cell> cells =
                          NotebookCells.parse(Files.readString(file, StandardCharsets.UTF_8));
                      assertThat(cells).anyMatch(NotebookCells.Cell::markdown);
                      int queries = 0;
                      for (NotebookCells.Cell cell : cells) {
                        if (cell.markdown()) {
                          continue;
                        }
                        List<Row> rows = sample.spark().sql(cell.text()).collectAsList();
                        if (!cell.text().startsWith("DECLARE")) {
                          queries++;
                          assertThat(rows)
                              .as("%s: %s", file.getFileName(), cell.text())
                              .isNotEmpty();
                        }
                      }
                      assertThat(queries).isGreaterThanOrEqualTo(3);
                    }));
  }

  @Test
  void notebook04ShowsEndedBudgetsWithTheirFinalSpendNotAsOnTrack() throws Exception {
    SampleLakehouse sample = SampleLakehouse.get();
    String cell =
        NotebookCells.parse(
                Files.readString(
                    notebooks().resolve("04_inference_spend_and_budgets.sql"),
                    StandardCharsets.UTF_8))
            .stream()
            .filter(c -> !c.markdown() && c.text().contains("FROM marts.budget_status"))
            .findFirst()
            .orElseThrow()
            .text();
    java.time.LocalDate asOf =
        sample.spark().sql("SELECT max(as_of_date) FROM marts.budget_status").first().getAs(0);

    List<Row> rows = sample.spark().sql(cell).collectAsList();
    List<Row> ended =
        rows.stream()
            .filter(r -> r.<java.time.LocalDate>getAs("period_end").isBefore(asOf))
            .toList();

    assertThat(ended).as("the sample has budgets whose period ended").isNotEmpty();
    for (Row r : ended) {
      assertThat(r.<String>getAs("status")).as(r.toString()).isIn("ended_within", "ended_over");
      assertThat((Object) r.getAs("projected_exhaustion_date")).as(r.toString()).isNull();
      assertThat(r.<String>getAs("status"))
          .isEqualTo(
              r.<java.math.BigDecimal>getAs("spent_usd")
                          .compareTo(r.<java.math.BigDecimal>getAs("amount_usd"))
                      > 0
                  ? "ended_over"
                  : "ended_within");
    }
  }

  @Test
  void cellsSplitIntoMarkdownAndStatements() {
    List<NotebookCells.Cell> cells =
        NotebookCells.parse(
            """
            -- Databricks notebook source
            -- MAGIC %md
            -- MAGIC # Title
            -- MAGIC text

            -- COMMAND ----------

            SELECT 1
            AS one;
            """);
    assertThat(cells)
        .containsExactly(
            new NotebookCells.Cell(true, "# Title\ntext"),
            new NotebookCells.Cell(false, "SELECT 1\nAS one"));
  }
}
