package io.stratify.jobs.cli;

import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.StratifySpark;
import io.stratify.jobs.publish.JdbcPublisher;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Copies the published marts into a PostgreSQL schema for BI tools (Metabase, Superset,"
          + " Tableau, Power BI). The new tables replace the schema's in one transaction: readers"
          + " see the previous marts or the new ones, never a mix.",
      "Credentials come from the environment: "
          + JdbcPublisher.USER_ENV
          + " and "
          + JdbcPublisher.PASSWORD_ENV
          + " (or "
          + JdbcPublisher.PGUSER_ENV
          + " and "
          + JdbcPublisher.PGPASSWORD_ENV
          + "). Nothing is granted; see docs/bi.md."
    })
final class PublishCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Option(
      names = "--publish-jdbc",
      required = true,
      paramLabel = "URL",
      description = "The database: jdbc:postgresql://HOST[:PORT]/DATABASE[?sslmode=...].")
  String jdbcUrl;

  @Option(
      names = "--publish-schema",
      paramLabel = "NAME",
      defaultValue = "marts",
      description = "The schema BI tools read (default: ${DEFAULT-VALUE}).")
  String schema;

  @Override
  public Integer call() {
    String root = common.existingLakehouseRoot("publish the marts");
    try (StratifySpark.Scoped session =
        StratifySpark.scoped("stratify-publish", common.config(), root)) {
      publish(new Lakehouse(session.spark(), root), jdbcUrl, schema);
      return StratifyCli.EXIT_OK;
    }
  }

  /** Publishes the lakehouse's published marts to the database and prints what it did. */
  static void publish(Lakehouse lakehouse, String jdbcUrl, String schema) {
    Properties credentials = JdbcPublisher.credentials(System.getenv());
    JdbcPublisher.Result result = JdbcPublisher.publish(lakehouse, jdbcUrl, credentials, schema);
    System.out.printf(
        "Published marts %s (as of %s) to schema %s at %s: %d tables, %d rows.%n",
        result.martsVersion(),
        result.runDate(),
        result.schema(),
        JdbcPublisher.masked(jdbcUrl),
        result.tables().size(),
        result.totalRows());
    for (Map.Entry<String, Long> table : result.rows().entrySet()) {
      System.out.printf("  %-26s %,12d%n", table.getKey(), table.getValue());
    }
    System.out.flush();
  }
}
