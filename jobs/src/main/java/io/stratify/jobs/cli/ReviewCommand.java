package io.stratify.jobs.cli;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.StratifySpark;
import io.stratify.jobs.UnusableInputException;
import io.stratify.jobs.review.OperatingReview;
import io.stratify.jobs.review.RecordedSettings;
import io.stratify.jobs.review.ReviewPage;
import io.stratify.jobs.review.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the executive operating review of one org: a self-contained HTML page (charts"
          + " included, no network needed) on its support boundary, operating signals, peers,"
          + " cost, budgets and the deployments that need attention.",
      "Without --date, the review is as of the latest run date in marts.budget_status and"
          + " marts.org_trend; the page's week is the week of that date."
    })
final class ReviewCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Mixin OrgDateOptions target;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.html",
      description = "The page to write (replaced if it exists).")
  Path out;

  @Override
  public Integer call() {
    Optional<LocalDate> asOf = target.runDate();
    if (Files.isDirectory(out)) {
      throw new UnusableInputException("Cannot write the review to " + out + ": it is a directory");
    }
    String root = common.existingLakehouseRoot("review the marts");
    StratifyConfig config = common.config();
    try (StratifySpark.Scoped session = StratifySpark.scoped("stratify-review", config, root)) {
      SparkSession spark = session.spark();
      Lakehouse lakehouse = new Lakehouse(spark, root);
      OperatingReview review =
          OperatingReview.load(
              lakehouse, RecordedSettings.read(lakehouse, config), target.org, asOf);
      String html = ReviewPage.render(review);
      write(html);
      System.out.printf(
          "Wrote %s: %s, week of %s (marts as of %s).%n  %s%n",
          out,
          review.org().orgId(),
          review.weekStart(),
          review.asOfDate(),
          Verdict.of(review).headline());
      return StratifyCli.EXIT_OK;
    }
  }

  private void write(String html) {
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the review to " + out, e);
    }
  }
}
