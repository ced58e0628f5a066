package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import java.time.LocalDate;
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

  /** The record's key columns, joined: equal keys in one drop would conflict. */
  String key() {
    StringBuilder key = new StringBuilder();
    for (String column : dataset.keyColumns()) {
      key.append(values.get(column)).append('\u0001');
    }
    return key.toString();
  }
}
