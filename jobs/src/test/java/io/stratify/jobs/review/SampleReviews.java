package io.stratify.jobs.review;

import io.stratify.common.config.StratifyConfig;
import io.stratify.jobs.testing.SampleLakehouse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * Reviews of the sample lakehouse's orgs, each read once per test JVM, and the marts' own rows to
 * check them against (queried by table name, as an analyst would).
 */
final class SampleReviews {

  /** Approaching its boundary; consents to benchmarks; a budget at risk. */
  static final String HARBOR = "harbor-mutual";

  /** Past its boundary throughout, getting worse. */
  static final String KESTREL = "kestrel-capital";

  /** Does not consent to benchmarks. */
  static final String QUILLON = "quillon-logistics";

  /** The default settings, as if recorded with the sample marts. */
  static final RecordedSettings SETTINGS =
      RecordedSettings.of("v1", Map.of(), StratifyConfig.defaults());

  private static final Map<String, OperatingReview> REVIEWS = new HashMap<>();

  private SampleReviews() {}

  static synchronized OperatingReview of(String orgId) {
    return REVIEWS.computeIfAbsent(
        orgId,
        org ->
            OperatingReview.load(
                SampleLakehouse.get().lakehouse(), SETTINGS, org, Optional.empty()));
  }

  /** The rows of one query over the registered marts. */
  static List<Row> query(String sql) {
    return SampleLakehouse.get().spark().sql(sql).collectAsList();
  }

  /** The one row of a query. */
  static Row one(String sql) {
    List<Row> rows = query(sql);
    if (rows.size() != 1) {
      throw new AssertionError("Expected one row, got " + rows.size() + ": " + sql);
    }
    return rows.get(0);
  }
}
