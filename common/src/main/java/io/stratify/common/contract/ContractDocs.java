package io.stratify.common.contract;

import io.stratify.common.config.ConfigOption;
import io.stratify.common.config.StratifyOptions;
import io.stratify.common.landing.QuarantineReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the reference docs from the contracts, so the docs are the code: {@code docs/tables.md}
 * (bronze and silver), {@code docs/metrics.md} (the marts) and {@code docs/configuration.md} (every
 * setting). A test fails when a committed file differs from what this renders; {@link #main}
 * rewrites them.
 */
public final class ContractDocs {

  private static final String HEADER =
      "<!-- Generated from the contracts in common/ by ContractDocs; do not edit by hand. -->\n";

  private ContractDocs() {}

  /** docs file name -> content. */
  public static Map<String, String> render() {
    Map<String, String> docs = new TreeMap<>();
    docs.put("tables.md", tables());
    docs.put("metrics.md", metrics(MartTables.all()));
    docs.put("configuration.md", configuration());
    return docs;
  }

  static String tables() {
    StringBuilder sb = new StringBuilder(HEADER);
    sb.append("# Lakehouse tables: bronze, silver and ops\n\n");
    sb.append(
        "Every table is a Delta table at `<lakehouse>/<layer>/<table>` and is registered as"
            + " `<layer>.<table>`. Columns marked *required* are Delta NOT NULL; checks are Delta"
            + " CHECK constraints, enforced on every write. The marts are in"
            + " [metrics.md](metrics.md).\n\n");
    sb.append("## Quarantine reasons\n\n");
    sb.append("| code | meaning |\n|---|---|\n");
    for (QuarantineReason r : QuarantineReason.values()) {
      sb.append("| `").append(r.code()).append("` | ").append(r.meaning()).append(" |\n");
    }
    sb.append('\n');
    for (TableContract t : LakehouseTables.all()) {
      table(sb, t);
    }
    for (TableContract t : OpsTables.all()) {
      table(sb, t);
    }
    return sb.toString();
  }

  static String metrics(List<TableContract> marts) {
    StringBuilder sb = new StringBuilder(HEADER);
    sb.append("# Marts and metric definitions\n\n");
    sb.append(
        "Each column's one definition, as implemented (METRICS.md v1.1). Weeks are ISO weeks in"
            + " UTC (Monday to Monday); \"as of week end\" is the SCD2 version valid on the week's"
            + " Sunday, and weeks before an org's first snapshot of a dataset use that first"
            + " snapshot. A ratio whose denominator is 0 is null; percentiles interpolate linearly"
            + " between closest ranks. Settings in parentheses are in"
            + " [configuration.md](configuration.md). How the spec was read where it was silent:"
            + " [spec-decisions.md](spec-decisions.md).\n\n");
    for (TableContract t : marts) {
      table(sb, t);
    }
    return sb.toString();
  }

  static String configuration() {
    StringBuilder sb = new StringBuilder(HEADER);
    sb.append("# Configuration\n\n");
    sb.append(
        "Settings come from defaults, then a Java properties file (`--config FILE`), then"
            + " `--conf key=value` on the command line, last wins. Unknown keys are refused. Keys"
            + " starting with `spark.` are passed to Spark (e.g. `--conf"
            + " spark.sql.shuffle.partitions=64`). The pseudonymisation key is best set in the"
            + " environment variable `"
            + StratifyOptions.PSEUDONYMISATION_KEY_ENV
            + "`, which wins over both.\n\n");
    sb.append("| key | default | what it controls |\n|---|---|---|\n");
    for (ConfigOption<?> o : StratifyOptions.ALL) {
      sb.append("| `")
          .append(o.key())
          .append("` | `")
          .append(o.defaultValue())
          .append("` | ")
          .append(o.description())
          .append(" |\n");
    }
    return sb.toString();
  }

  private static void table(StringBuilder sb, TableContract t) {
    sb.append("## ").append(t.qualifiedName()).append("\n\n");
    sb.append(t.description()).append("\n\n");
    sb.append("- **Grain:** ").append(t.grain()).append('\n');
    sb.append("- **Key:** ").append(String.join(", ", t.key())).append('\n');
    if (!t.partitionBy().isEmpty()) {
      sb.append("- **Partitioned by:** ").append(String.join(", ", t.partitionBy())).append('\n');
    }
    sb.append("\n| column | type | | definition |\n|---|---|---|---|\n");
    for (Column c : t.columns()) {
      sb.append("| `")
          .append(c.name())
          .append("` | ")
          .append(c.type().sqlName())
          .append(" | ")
          .append(c.nullable() ? "" : "required")
          .append(" | ")
          .append(c.description().replace("|", "\\|"))
          .append(" |\n");
    }
    if (!t.checks().isEmpty()) {
      sb.append("\nChecks:\n\n");
      for (Check check : t.checks()) {
        sb.append("- `").append(check.name()).append("`: `").append(check.sql()).append("`\n");
      }
    }
    sb.append('\n');
  }

  /** Rewrites the generated docs under {@code args[0]} (default: docs). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "docs");
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : render().entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }
}
