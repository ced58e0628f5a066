package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.LandingField;
import io.stratify.common.landing.LandingFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the simulated rows into files the way customers' exports would: one file per export tool per
 * drop, each tool with its format and habits (header case, timestamp style, booleans, extra
 * columns, column order), some habits changing over the weeks as tools are upgraded.
 */
final class LandingLayout {

  private record FileSpec(
      String name,
      LandingFormat format,
      FileStyle style,
      List<String> extras,
      List<String> order) {}

  private final GeneratorSettings settings;

  /** Specs by dataset, channel and week: every row of a file has the same. */
  private final Map<List<Object>, FileSpec> specs = new HashMap<>();

  /** Columns by spec. */
  private final Map<FileSpec, List<String>> columns = new HashMap<>();

  private LandingLayout(GeneratorSettings settings) {
    this.settings = settings;
  }

  /** The files of the landing zone, sorted by path. */
  static List<LandingFile> assemble(List<LandingRow> rows, GeneratorSettings settings) {
    return new LandingLayout(settings).files(rows);
  }

  private List<LandingFile> files(List<LandingRow> rows) {
    Map<String, LandingRow> latestPerKey = new LinkedHashMap<>();
    for (LandingRow row : rows) {
      latestPerKey.put(row.dataset() + "|" + row.dt() + "|" + row.key(), row);
    }
    Map<String, LandingFile> files = new TreeMap<>();
    for (LandingRow row : latestPerKey.values()) {
      int week = (int) ((row.dt().toEpochDay() - settings.start().toEpochDay()) / 7);
      FileSpec spec =
          specs.computeIfAbsent(
              List.of(row.dataset(), row.org().channel(), week),
              k -> spec(row.dataset(), row.org().channel(), week));
      LandingFile file =
          files.computeIfAbsent(
              row.dataset().folder() + "/dt=" + row.dt() + "/" + spec.name(),
              p ->
                  new LandingFile(
                      row.dataset(),
                      row.dt(),
                      spec.name(),
                      spec.format(),
                      spec.style(),
                      columns.computeIfAbsent(spec, c -> columns(row.dataset(), c))));
      LandingFile.Row fileRow = new LandingFile.Row(row.org(), row.values());
      for (String extra : spec.extras()) {
        fileRow.values.put(extra, extraValue(extra, row));
      }
      file.rows.add(fileRow);
    }
    return new ArrayList<>(files.values());
  }

  private static List<String> columns(LandingDataset dataset, FileSpec spec) {
    List<String> columns = new ArrayList<>();
    if (spec.order().isEmpty()) {
      dataset.fields().forEach(f -> columns.add(f.name()));
    } else {
      columns.addAll(spec.order());
      for (LandingField f : dataset.fields()) {
        if (!columns.contains(f.name())) {
          columns.add(f.name());
        }
      }
    }
    columns.addAll(spec.extras());
    return columns;
  }

  private FileSpec spec(LandingDataset dataset, OrgProfile.Channel channel, int week) {
    boolean json = channel == OrgProfile.Channel.JSON_LINES;
    boolean parquet = channel == OrgProfile.Channel.PARQUET;
    FileStyle jsonStyle = FileStyle.PLAIN.omittingNulls();
    return switch (dataset) {
      case ORGS ->
          week == 3
              ? spec("orgs.json", LandingFormat.JSON, FileStyle.PLAIN)
              : spec("orgs.csv", LandingFormat.CSV, FileStyle.PLAIN);
      case TEAMS ->
          json
              ? spec("workday-teams.jsonl", LandingFormat.JSONL, jsonStyle)
              : spec("scim-groups.csv", LandingFormat.CSV, FileStyle.PLAIN);
      case PEOPLE ->
          json
              ? spec("workday-people.jsonl", LandingFormat.JSONL, jsonStyle)
              : new FileSpec(
                  "scim-users.csv",
                  LandingFormat.CSV,
                  FileStyle.PLAIN.windows().withBooleans("True", "False"),
                  List.of("active"),
                  List.of());
      case DEPLOYMENTS ->
          json
              ? spec("port-entities.jsonl", LandingFormat.JSONL, FileStyle.PLAIN)
              : parquet
                  ? spec("catalog.parquet", LandingFormat.PARQUET, FileStyle.PLAIN)
                  : spec(
                      "backstage-catalog.csv",
                      LandingFormat.CSV,
                      FileStyle.PLAIN
                          .withListSeparator("; ")
                          .titleCase(week >= 10)
                          .floatInts(week >= 8));
      case BUDGETS ->
          json
              ? spec("budgets.json", LandingFormat.JSON, FileStyle.PLAIN.decimalStrings())
              : parquet
                  ? spec("budgets.parquet", LandingFormat.PARQUET, FileStyle.PLAIN)
                  : spec("budgets.csv", LandingFormat.CSV, FileStyle.PLAIN);
      case DEPLOYMENT_CHANGES ->
          parquet
              ? spec("devlake-deployments.parquet", LandingFormat.PARQUET, FileStyle.PLAIN)
              : new FileSpec(
                  "devlake-deployments.csv",
                  LandingFormat.CSV,
                  FileStyle.PLAIN.quotingAll().withTimestamps(TimestampStyle.SPACE_UTC),
                  List.of(),
                  List.of("change_id", "org_id", "deployment_id", "deployed_at", "outcome"));
      case INCIDENTS ->
          json
              ? new FileSpec(
                  "opsgenie-alerts.jsonl",
                  LandingFormat.JSONL,
                  jsonStyle,
                  List.of("tags"),
                  List.of())
              : new FileSpec(
                  "pagerduty-incidents.csv",
                  LandingFormat.CSV,
                  FileStyle.PLAIN.withTimestamps(TimestampStyle.LOCAL_OFFSET).titleCase(week >= 6),
                  List.of("urgency"),
                  List.of());
      case INCIDENT_EVENTS ->
          json
              ? spec("opsgenie-timeline.jsonl", LandingFormat.JSONL, jsonStyle)
              : spec(
                  "pagerduty-log-entries.csv",
                  LandingFormat.CSV,
                  FileStyle.PLAIN.withTimestamps(TimestampStyle.LOCAL_OFFSET_COMPACT));
      case INFERENCE_USAGE ->
          json
              ? spec("litellm-spend.jsonl", LandingFormat.JSONL, FileStyle.PLAIN)
              : parquet
                  ? new FileSpec(
                      "focus-usage.parquet",
                      LandingFormat.PARQUET,
                      FileStyle.PLAIN,
                      List.of("currency"),
                      List.of())
                  : new FileSpec(
                      "gateway-usage.csv",
                      LandingFormat.CSV,
                      FileStyle.PLAIN,
                      week >= 4 && week < 8 ? List.of("gateway_region") : List.of(),
                      List.of());
    };
  }

  private static FileSpec spec(String name, LandingFormat format, FileStyle style) {
    return new FileSpec(name, format, style, List.of(), List.of());
  }

  private static Object extraValue(String column, LandingRow row) {
    return switch (column) {
      case "active" -> "true";
      case "urgency" -> (Integer) row.values().get("severity") <= 2 ? "high" : "low";
      case "tags" -> List.of("ai", "sev" + row.values().get("severity"));
      case "currency" -> "USD";
      case "gateway_region" ->
          switch (String.valueOf(row.org().region())) {
            case "EMEA" -> "eu-west-1";
            case "NA" -> "us-east-1";
            case "APAC" -> "ap-southeast-2";
            case "LATAM" -> "sa-east-1";
            default -> null;
          };
      default -> throw new IllegalStateException("Cannot fill unknown extra column " + column);
    };
  }
}
