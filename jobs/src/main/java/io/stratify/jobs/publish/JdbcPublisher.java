package io.stratify.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import io.stratify.common.contract.Column;
import io.stratify.common.contract.ColumnType;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.UnusableInputException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Copies the published marts into a PostgreSQL schema that BI tools connect to. Input: every table
 * of {@link MartTables#all()} at the lakehouse's published marts version, and that version's row of
 * ops.publish_log. Output: the schema {@code <schema>} on the server, one table per mart (the
 * contract's columns, types, NOT NULL, primary key and descriptions as comments) plus {@code
 * publish_info}, one row saying which marts version it holds. Grain: as each mart.
 *
 * <p>Readers never see a half-written set: the tables are built and loaded in a fresh staging
 * schema, {@code <schema>__staging}, then one transaction renames the current schema to {@code
 * <schema>__previous}, renames staging to {@code <schema>} and drops the previous one (PostgreSQL
 * DDL is transactional). A publish that fails before that commit leaves the served marts as they
 * were; its staging schema is dropped, and dropped again by the next publish if that failed too.
 *
 * <p>Nothing is granted: the new schema and tables belong to the publishing role, and readers get
 * access through default privileges set once by an administrator (docs/bi.md). Credentials are
 * never printed; a password embedded in the URL is masked in every message.
 */
public final class JdbcPublisher {

  /** Environment variables holding the publishing role's credentials. */
  public static final String USER_ENV = "STRATIFY_JDBC_USER";

  public static final String PASSWORD_ENV = "STRATIFY_JDBC_PASSWORD";

  /** libpq's variables, accepted when the Stratify ones are not set. */
  public static final String PGUSER_ENV = "PGUSER";

  public static final String PGPASSWORD_ENV = "PGPASSWORD";

  /** The table, in the published schema, saying which marts version it holds. */
  public static final String PUBLISH_INFO = "publish_info";

  static final String STAGING_SUFFIX = "__staging";
  static final String PREVIOUS_SUFFIX = "__previous";

  /** Rows per INSERT batch, and at most this many connections load one table at a time. */
  private static final int BATCH_SIZE = 5_000;

  private static final int LOAD_CONNECTIONS = 4;

  /** How long the swap waits for BI queries still reading the tables it drops. */
  private static final String SWAP_LOCK_TIMEOUT = "2min";

  /** An unquoted PostgreSQL identifier, short enough for the __previous suffix (63 bytes). */
  private static final Pattern SCHEMA_NAME =
      Pattern.compile("[a-z_][a-z0-9_]{0," + (62 - PREVIOUS_SUFFIX.length()) + "}");

  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

  /**
   * What one publish did.
   *
   * @param schema the schema the marts are served from
   * @param martsVersion the lakehouse marts version it holds, e.g. v12
   * @param runDate the run date those marts are as of
   * @param tables the mart tables, in contract order
   * @param rows rows per table, as counted in PostgreSQL after the load
   */
  public record Result(
      String schema,
      String martsVersion,
      LocalDate runDate,
      List<String> tables,
      Map<String, Long> rows) {

    public Result {
      tables = List.copyOf(tables);
      rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    public long totalRows() {
      return rows.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private JdbcPublisher() {}

  /**
   * Publishes the marts version the lakehouse reads ({@link Lakehouse#martsVersion()}: the
   * published one unless it was given another) to {@code schema}, replacing what the schema held in
   * one transaction.
   *
   * @param jdbcUrl {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?options]}
   * @param credentials JDBC connection properties: {@code user} and {@code password} (see {@link
   *     #credentials}), and any other driver property (e.g. {@code sslmode})
   * @param schema an unquoted lower-case PostgreSQL identifier, e.g. {@code marts}
   * @throws UnusableInputException for a bad URL or schema name, missing credentials, a server that
   *     cannot be reached or refuses the login, a lakehouse without published marts, or a schema
   *     that exists but was not made by a publish
   */
  public static Result publish(
      Lakehouse lakehouse, String jdbcUrl, Properties credentials, String schema) {
    return publish(lakehouse, jdbcUrl, credentials, schema, loaded -> {});
  }

  /**
   * As above; {@code afterLoad} runs after each table is loaded into staging (tests fail there).
   */
  static Result publish(
      Lakehouse lakehouse,
      String jdbcUrl,
      Properties credentials,
      String schema,
      Consumer<TableContract> afterLoad) {
    Properties properties = connectionProperties(jdbcUrl, credentials, schema);
    String version = lakehouse.martsVersion();
    Row published = publishLogRow(lakehouse, version);
    LocalDate runDate = published.getAs("run_date");
    Instant martsPublishedAt = published.getAs("published_at");
    try (Connection control = connect(jdbcUrl, properties)) {
      lockSchema(control, schema);
      checkReplaceable(control, schema);
      String staging = schema + STAGING_SUFFIX;
      Map<String, Long> rows = new LinkedHashMap<>();
      try {
        execute(
            control,
            List.of("DROP SCHEMA IF EXISTS " + staging + " CASCADE", "CREATE SCHEMA " + staging));
        for (TableContract mart : MartTables.all()) {
          execute(control, createTable(staging, mart));
          long expected = load(lakehouse, mart, jdbcUrl, properties, staging + "." + mart.name());
          long loaded = count(control, staging + "." + mart.name());
          if (loaded != expected) {
            throw new IllegalStateException(
                "Cannot publish "
                    + mart.name()
                    + ": "
                    + loaded
                    + " rows arrived in PostgreSQL, "
                    + expected
                    + " were sent");
          }
          execute(control, List.of("ANALYZE " + staging + "." + mart.name()));
          rows.put(mart.name(), loaded);
          afterLoad.accept(mart);
        }
        swap(control, schema, version, runDate, martsPublishedAt);
      } catch (RuntimeException | SQLException e) {
        dropStaging(control, staging, e);
        throw e;
      }
      return new Result(schema, version, runDate, new ArrayList<>(rows.keySet()), rows);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot publish the marts to " + masked(jdbcUrl) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The publishing role's credentials from the environment: {@value #USER_ENV} and {@value
   * #PASSWORD_ENV} if either is set, else libpq's {@value #PGUSER_ENV} and {@value
   * #PGPASSWORD_ENV}. Absent variables give absent properties.
   */
  public static Properties credentials(Map<String, String> environment) {
    boolean stratify = environment.containsKey(USER_ENV) || environment.containsKey(PASSWORD_ENV);
    String user = environment.get(stratify ? USER_ENV : PGUSER_ENV);
    String password = environment.get(stratify ? PASSWORD_ENV : PGPASSWORD_ENV);
    Properties credentials = new Properties();
    if (user != null && !user.isBlank()) {
      credentials.setProperty("user", user);
    }
    if (password != null && !password.isEmpty()) {
      credentials.setProperty("password", password);
    }
    return credentials;
  }

  /** The URL with any password parameter replaced by {@code ***}, for messages. */
  public static String masked(String jdbcUrl) {
    return URL_PASSWORD.matcher(jdbcUrl).replaceAll("$1***");
  }

  /** {@code CREATE TABLE} with the contract's types, NOT NULL and key, then its comments. */
  static List<String> createTable(String schema, TableContract table) {
    String name = schema + "." + table.name();
    List<String> lines = new ArrayList<>();
    for (Column c : table.columns()) {
      lines.add(
          "  "
              + quote(c.name())
              + " "
              + postgresType(c.type())
              + (c.nullable() ? "" : " NOT NULL"));
    }
    if (!table.key().isEmpty()) {
      lines.add(
          "  PRIMARY KEY ("
              + table.key().stream().map(JdbcPublisher::quote).collect(Collectors.joining(", "))
              + ")");
    }
    List<String> statements = new ArrayList<>();
    statements.add("CREATE TABLE " + name + " (\n" + String.join(",\n", lines) + "\n)");
    statements.add(
        "COMMENT ON TABLE "
            + name
            + " IS "
            + literal(table.description() + " Grain: " + table.grain() + "."));
    for (Column c : table.columns()) {
      statements.add(
          "COMMENT ON COLUMN " + name + "." + quote(c.name()) + " IS " + literal(c.description()));
    }
    return statements;
  }

  /** The PostgreSQL type of a contract type; maps are stored as JSON text. */
  static String postgresType(ColumnType type) {
    return switch (type) {
      case STRING, STRING_MAP -> "text";
      case INT -> "integer";
      case LONG -> "bigint";
      case DOUBLE -> "double precision";
      case DECIMAL_18_6 -> "numeric(18,6)";
      case DECIMAL_18_2 -> "numeric(18,2)";
      case DECIMAL_38_6 -> "numeric(38,6)";
      case BOOLEAN -> "boolean";
      case DATE -> "date";
      case TIMESTAMP -> "timestamptz";
      case STRING_LIST -> "text[]";
    };
  }

  private static Properties connectionProperties(
      String jdbcUrl, Properties credentials, String schema) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new UnusableInputException(
          "Cannot publish to "
              + masked(jdbcUrl)
              + ": not a PostgreSQL JDBC URL (jdbc:postgresql://HOST[:PORT]/DATABASE)");
    }
    if (!SCHEMA_NAME.matcher(schema).matches() || schema.startsWith("pg_")) {
      throw new UnusableInputException(
          "Cannot publish to schema "
              + schema
              + ": give a lower-case name of letters, digits and _ (at most "
              + (63 - PREVIOUS_SUFFIX.length())
              + " characters, not starting with pg_), e.g. marts");
    }
    if (!credentials.containsKey("user") && !jdbcUrl.matches("(?i).*[?&]user=[^&]+.*")) {
      throw new UnusableInputException(
          "Cannot publish to "
              + masked(jdbcUrl)
              + ": no database user; set "
              + USER_ENV
              + " and "
              + PASSWORD_ENV
              + " (or "
              + PGUSER_ENV
              + " and "
              + PGPASSWORD_ENV
              + ")");
    }
    Properties properties = new Properties();
    properties.putAll(credentials);
    // Fail in seconds, not minutes, when the server is not there.
    properties.putIfAbsent("connectTimeout", "10");
    properties.putIfAbsent("ApplicationName", "stratify publish");
    return properties;
  }

  private static Row publishLogRow(Lakehouse lakehouse, String version) {
    List<Row> rows =
        lakehouse.exists(OpsTables.PUBLISH_LOG)
            ? lakehouse
                .read(OpsTables.PUBLISH_LOG)
                .where(col("version").equalTo(version))
                .select("run_date", "published_at")
                .collectAsList()
            : List.of();
    if (rows.isEmpty()) {
      throw new UnusableInputException(
          "Cannot publish the marts of "
              + lakehouse.root()
              + ": it holds no published marts (ops.publish_log has no row for "
              + version
              + "); run `stratify run` first");
    }
    return rows.get(0);
  }

  private static Connection connect(String jdbcUrl, Properties properties) {
    try {
      Connection connection = DriverManager.getConnection(jdbcUrl, properties);
      try (Statement st = connection.createStatement()) {
        // COMMENT literals below double their quotes and nothing else.
        st.execute("SET standard_conforming_strings = on");
      }
      return connection;
    } catch (SQLException e) {
      // 28: invalid authorization; 08004: the server rejected the login (e.g. no password given).
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      boolean login = state.startsWith("28") || state.equals("08004");
      throw new UnusableInputException(
          "Cannot connect to "
              + masked(jdbcUrl)
              + ": "
              + e.getMessage()
              + (login ? " (check " + USER_ENV + " and " + PASSWORD_ENV + ")" : ""),
          e);
    }
  }

  /** One publish per schema at a time; the lock goes with the connection. */
  private static void lockSchema(Connection control, String schema) throws SQLException {
    try (PreparedStatement st =
        control.prepareStatement("SELECT pg_try_advisory_lock(hashtext('stratify publish'), ?)")) {
      st.setInt(1, schema.hashCode());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          throw new IllegalStateException(
              "Cannot publish to schema " + schema + ": another publish to it is running");
        }
      }
    }
  }

  /** A schema that exists is replaced only if a publish made it (it has publish_info). */
  private static void checkReplaceable(Connection control, String schema) throws SQLException {
    try (PreparedStatement st =
        control.prepareStatement(
            """
            SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?),
                   EXISTS (SELECT 1 FROM information_schema.tables
                           WHERE table_schema = ? AND table_name = ?)
            """)) {
      st.setString(1, schema);
      st.setString(2, schema);
      st.setString(3, PUBLISH_INFO);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        if (rs.getBoolean(1) && !rs.getBoolean(2)) {
          throw new UnusableInputException(
              "Cannot publish to schema "
                  + schema
                  + ": it exists and has no "
                  + PUBLISH_INFO
                  + " table, so stratify publish did not make it and will not replace it; give"
                  + " another --publish-schema");
        }
      }
    }
  }

  /** Appends the mart's rows to the staging table; returns how many were sent. */
  private static long load(
      Lakehouse lakehouse,
      TableContract mart,
      String jdbcUrl,
      Properties properties,
      String table) {
    Dataset<Row> rows =
        lakehouse
            .read(mart)
            .select(
                mart.columns().stream()
                    .map(
                        c ->
                            c.type() == ColumnType.STRING_MAP
                                ? to_json(col(c.name())).as(c.name())
                                : col(c.name()))
                    .toArray(org.apache.spark.sql.Column[]::new));
    Map<String, String> options = new LinkedHashMap<>();
    properties.forEach((k, v) -> options.put(k.toString(), v.toString()));
    options.put("url", jdbcUrl);
    options.put("driver", "org.postgresql.Driver");
    options.put("dbtable", table);
    options.put("batchsize", Integer.toString(BATCH_SIZE));
    options.put("numPartitions", Integer.toString(LOAD_CONNECTIONS));
    rows.write().format("jdbc").options(options).mode(SaveMode.Append).save();
    return rows.count();
  }

  /**
   * The switch: publish_info and the schema comment are written into staging, then the served
   * schema is renamed away, staging takes its name and the old one is dropped, in one transaction.
   */
  private static void swap(
      Connection control,
      String schema,
      String version,
      LocalDate runDate,
      Instant martsPublishedAt)
      throws SQLException {
    String staging = schema + STAGING_SUFFIX;
    String previous = schema + PREVIOUS_SUFFIX;
    String info = staging + "." + PUBLISH_INFO;
    control.setAutoCommit(false);
    try {
      execute(
          control,
          List.of(
              "SET LOCAL lock_timeout = '" + SWAP_LOCK_TIMEOUT + "'",
              """
              CREATE TABLE %s (
                "marts_version" text NOT NULL,
                "run_date" date NOT NULL,
                "marts_published_at" timestamptz NOT NULL,
                "published_at" timestamptz NOT NULL
              )"""
                  .formatted(info),
              "COMMENT ON TABLE "
                  + info
                  + " IS "
                  + literal(
                      "Which marts this schema holds. Replaced as a whole, with every table of"
                          + " the schema, at each publish. Grain: one row."),
              "COMMENT ON COLUMN "
                  + info
                  + ".\"marts_version\" IS "
                  + literal("The lakehouse marts version copied here, v1, v2, ..."),
              "COMMENT ON COLUMN "
                  + info
                  + ".\"run_date\" IS "
                  + literal("The run date the marts are as of."),
              "COMMENT ON COLUMN "
                  + info
                  + ".\"marts_published_at\" IS "
                  + literal("When that version was published in the lakehouse."),
              "COMMENT ON COLUMN "
                  + info
                  + ".\"published_at\" IS "
                  + literal("When this copy became visible here.")));
      try (PreparedStatement st =
          control.prepareStatement("INSERT INTO " + info + " VALUES (?, ?, ?, now())")) {
        st.setString(1, version);
        st.setObject(2, runDate);
        st.setObject(3, OffsetDateTime.ofInstant(martsPublishedAt, ZoneOffset.UTC));
        st.executeUpdate();
      }
      execute(
          control,
          List.of(
              "COMMENT ON SCHEMA "
                  + staging
                  + " IS "
                  + literal(
                      "Stratify marts "
                          + version
                          + ", as of "
                          + runDate
                          + ". Replaced as a whole at each publish; see "
                          + PUBLISH_INFO
                          + "."),
              "DROP SCHEMA IF EXISTS " + previous + " CASCADE"));
      if (schemaExists(control, schema)) {
        execute(control, List.of("ALTER SCHEMA " + schema + " RENAME TO " + previous));
      }
      execute(
          control,
          List.of(
              "ALTER SCHEMA " + staging + " RENAME TO " + schema,
              "DROP SCHEMA IF EXISTS " + previous + " CASCADE"));
      control.commit();
    } catch (SQLException | RuntimeException e) {
      control.rollback();
      throw e;
    } finally {
      control.setAutoCommit(true);
    }
  }

  private static void dropStaging(Connection control, String staging, Exception failure) {
    try {
      if (!control.getAutoCommit()) {
        control.rollback();
        control.setAutoCommit(true);
      }
      execute(control, List.of("DROP SCHEMA IF EXISTS " + staging + " CASCADE"));
    } catch (SQLException e) {
      // The next publish drops it first; the failure that got us here is what matters.
      failure.addSuppressed(e);
    }
  }

  private static boolean schemaExists(Connection control, String schema) throws SQLException {
    try (PreparedStatement st =
        control.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)")) {
      st.setString(1, schema);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static long count(Connection control, String table) throws SQLException {
    try (Statement st = control.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(Connection control, List<String> statements) throws SQLException {
    try (Statement st = control.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
