package io.stratify.common.adapt.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Deterministic inference_usage CSV (ADAPTERS.md §3.1): UTF-8, {@code \n}, header, LANDING column
 * order, rows sorted by key, cost rounded half-up to 6 places, null as an empty field.
 */
public final class InferenceUsageCsv {
  /** LANDING.md column order. */
  public static final String HEADER =
      "org_id,usage_date,deployment_id,model_name,model_provider,model_tier,requests,"
          + "input_tokens,output_tokens,errors,cost_usd,latency_p95_ms";

  private InferenceUsageCsv() {}

  /** The whole file for one org; rows must already be sorted by key. */
  public static String render(String orgId, List<UsageRow> rows) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (UsageRow r : rows) {
      out.append(field(orgId))
          .append(',')
          .append(r.key().usageDate())
          .append(',')
          .append(field(r.key().deploymentId()))
          .append(',')
          .append(field(r.key().modelName()))
          .append(',')
          .append(field(r.modelProvider()))
          .append(',')
          .append(field(r.modelTier()))
          .append(',')
          .append(number(r.requests()))
          .append(',')
          .append(number(r.inputTokens()))
          .append(',')
          .append(number(r.outputTokens()))
          .append(',')
          .append(number(r.errors()))
          .append(',')
          .append(cost(r.costUsd()))
          .append(',')
          .append(r.latencyP95Ms() == null ? "" : r.latencyP95Ms().toPlainString())
          .append('\n');
    }
    return out.toString();
  }

  /** Cost as written: exact decimal, half-up to 6 places, always 6 digits. */
  public static String cost(BigDecimal cost) {
    return cost == null ? "" : cost.setScale(6, RoundingMode.HALF_UP).toPlainString();
  }

  private static String number(Long value) {
    return value == null ? "" : value.toString();
  }

  static String field(String value) {
    if (value == null) {
      return "";
    }
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
