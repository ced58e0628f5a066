package io.stratify.jobs.cli;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.StratifySpark;
import io.stratify.jobs.UnusableInputException;
import io.stratify.jobs.review.OperatingReview;
import io.stratify.jobs.review.PortfolioPage;
import io.stratify.jobs.review.RecordedSettings;
import io.stratify.jobs.review.ReviewPage;
import io.stratify.jobs.review.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
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
          + " marts.org_trend; the page's week is the latest complete week before that date's.",
      "With --all, --out is a folder: one page per org and index.html, which ranks the orgs by"
          + " boundary status, trend and peer percentile."
    })
final class ReviewCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = "--org", paramLabel = "ORG", description = "The org_id.")
    String org;

    @Option(
        names = "--all",
        description = "Every org of the marts, plus a portfolio index (--out is then a folder).")
    boolean all;
  }

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "A run date of the marts (default: the latest).")
  String date;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.html|DIR",
      description = "The page to write (replaced if it exists); with --all, the folder.")
  Path out;

  @Override
  public Integer call() {
    Optional<LocalDate> asOf =
        date == null ? Optional.empty() : Optional.of(StageCommand.parse("--date", date));
    if (which.all) {
      return portfolio(asOf);
    }
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
              lakehouse, RecordedSettings.read(lakehouse, config), which.org, asOf);
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

  private Integer portfolio(Optional<LocalDate> asOf) {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UnusableInputException(
          "Cannot write the portfolio to " + out + ": it is a file; --all needs a folder");
    }
    String root = common.existingLakehouseRoot("review the marts");
    StratifyConfig config = common.config();
    try (StratifySpark.Scoped session = StratifySpark.scoped("stratify-review", config, root)) {
      Lakehouse lakehouse = new Lakehouse(session.spark(), root);
      RecordedSettings settings = RecordedSettings.read(lakehouse, config);
      List<OperatingReview> reviews = new ArrayList<>();
      Map<String, String> failures = new TreeMap<>();
      OperatingReview.loadAll(
          lakehouse,
          settings,
          asOf,
          new OperatingReview.Reviews() {
            @Override
            public void reviewed(OperatingReview review) {
              write(
                  out.resolve(PortfolioPage.fileName(review.org().orgId())),
                  ReviewPage.render(review));
              reviews.add(review);
            }

            @Override
            public void notReviewed(String orgId, UnusableInputException why) {
              failures.put(orgId, why.getMessage());
            }

            @Override
            public void progress(int done, int total) {
              System.out.printf("  reviewed %d of %d org(s)%n", done, total);
            }
          });
      Path index = out.resolve("index.html");
      write(index, PortfolioPage.render(reviews, failures));
      System.out.printf(
          "Wrote %s: %d org pages%s.%n",
          index,
          reviews.size(),
          failures.isEmpty() ? "" : "; not reviewed: " + String.join(", ", failures.keySet()));
      return StratifyCli.EXIT_OK;
    }
  }

  private void write(String html) {
    write(out, html);
  }

  private static void write(Path out, String html) {
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
