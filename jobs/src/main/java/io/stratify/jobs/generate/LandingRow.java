package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One record bound for the landing zone.
 *
 * @param dataset its dataset
 * @param org the org it belongs to
 * @param dt the drop it lands in
 * @param values contract column -> typed value (String, Integer, Long, Double, BigDecimal, Boolean,
 *     LocalDate, Instant, List of String) or null
 */
record LandingRow(
    LandingDataset dataset, OrgProfile org, LocalDate dt, Map<String, Object> values) {

  /** Each dataset's key columns, looked up once: keys are built for every row. */
  static final Map<LandingDataset, List<String>> KEY_COLUMNS = keyColumns();

  /** The record's key columns, joined: equal keys in one drop would conflict. */
  String key() {
    StringBuilder key = new StringBuilder();
    for (String column : KEY_COLUMNS.get(dataset)) {
      key.append(values.get(column)).append('\u0001');
    }
    return key.toString();
  }

  private static Map<LandingDataset, List<String>> keyColumns() {
    Map<LandingDataset, List<String>> keys = new EnumMap<>(LandingDataset.class);
    for (LandingDataset dataset : LandingDataset.values()) {
      keys.put(dataset, dataset.keyColumns());
    }
    return Collections.unmodifiableMap(keys);
  }
}
