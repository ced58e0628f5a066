package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The true history of one snapshot dataset of one org: per key, the row valid from each date on, or
 * a deletion. Snapshot drops are cut from it; the simulation also asks it "who was in team X on day
 * D".
 */
final class Timeline {

  private final LandingDataset dataset;
  private final Map<String, TreeMap<LocalDate, Map<String, Object>>> versions =
      new LinkedHashMap<>();

  Timeline(LandingDataset dataset) {
    this.dataset = dataset;
  }

  LandingDataset dataset() {
    return dataset;
  }

  /** A row of this dataset with every contract column present and null. */
  Map<String, Object> blankRow() {
    Map<String, Object> row = new LinkedHashMap<>();
    dataset.fields().forEach(f -> row.put(f.name(), null));
    return row;
  }

  void put(String key, LocalDate from, Map<String, Object> row) {
    checkOrder(key, from);
    versions
        .computeIfAbsent(key, k -> new TreeMap<>())
        .put(from, Collections.unmodifiableMap(new LinkedHashMap<>(row)));
  }

  /** History is written forwards: a version never goes in before the latest one. */
  private void checkOrder(String key, LocalDate from) {
    TreeMap<LocalDate, Map<String, Object>> v = versions.get(key);
    if (v != null && v.lastKey().isAfter(from)) {
      throw new IllegalStateException(
          "Cannot add a version of "
              + dataset.folder()
              + " "
              + key
              + " from "
              + from
              + ": it already has one from "
              + v.lastKey());
    }
  }

  /** Changes the latest version of {@code key} from {@code from} on. */
  void update(String key, LocalDate from, Consumer<Map<String, Object>> change) {
    Map<String, Object> row = new LinkedHashMap<>(latest(key));
    change.accept(row);
    put(key, from, row);
  }

  void delete(String key, LocalDate from) {
    checkOrder(key, from);
    versions.get(key).put(from, null);
  }

  /** The latest version of {@code key}, or null when it is deleted or unknown. */
  Map<String, Object> latest(String key) {
    TreeMap<LocalDate, Map<String, Object>> v = versions.get(key);
    return v == null ? null : v.lastEntry().getValue();
  }

  /** The version of {@code key} valid on {@code date}, or null. */
  Map<String, Object> at(String key, LocalDate date) {
    TreeMap<LocalDate, Map<String, Object>> v = versions.get(key);
    if (v == null) {
      return null;
    }
    Map.Entry<LocalDate, Map<String, Object>> e = v.floorEntry(date);
    return e == null ? null : e.getValue();
  }

  /** Keys with a current (not deleted) latest version, in creation order. */
  List<String> liveKeys() {
    List<String> keys = new ArrayList<>();
    versions.forEach(
        (k, v) -> {
          if (v.lastEntry().getValue() != null) {
            keys.add(k);
          }
        });
    return keys;
  }

  /** Every row valid on {@code date}, in creation order. */
  List<Map<String, Object>> stateAt(LocalDate date) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String key : versions.keySet()) {
      Map<String, Object> row = at(key, date);
      if (row != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  /** Every key ever created, with or without a current version. */
  List<String> allKeys() {
    return List.copyOf(versions.keySet());
  }
}
