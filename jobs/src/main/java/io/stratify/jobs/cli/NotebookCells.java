package io.stratify.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The cells of a Databricks source-format SQL notebook: cells separated by {@code -- COMMAND
 * ----------}, markdown cells written as {@code -- MAGIC} comments, every other cell one Spark SQL
 * statement.
 */
final class NotebookCells {

  /** One cell: markdown text, or a SQL statement (without its closing semicolon). */
  record Cell(boolean markdown, String text) {}

  private static final Pattern SEPARATOR = Pattern.compile("(?m)^-- COMMAND -+\\s*$");
  private static final String HEADER = "-- Databricks notebook source";
  private static final String MAGIC = "-- MAGIC";

  private NotebookCells() {}

  static List<Cell> parse(String notebook) {
    List<Cell> cells = new ArrayList<>();
    for (String raw : SEPARATOR.split(notebook)) {
      List<String> lines =
          raw.lines().filter(l -> !l.strip().equals(HEADER)).filter(l -> !l.isBlank()).toList();
      if (lines.isEmpty()) {
        continue;
      }
      if (lines.stream().allMatch(l -> l.startsWith(MAGIC))) {
        String text =
            String.join(
                "\n",
                lines.stream()
                    .map(l -> l.substring(MAGIC.length()).replaceFirst("^ ", ""))
                    .filter(l -> !l.strip().equals("%md"))
                    .toList());
        cells.add(new Cell(true, text));
      } else {
        String sql = String.join("\n", lines).strip();
        cells.add(
            new Cell(false, sql.endsWith(";") ? sql.substring(0, sql.length() - 1).strip() : sql));
      }
    }
    return cells;
  }
}
