package io.stratify.jobs.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A landing file whose rows wait in the {@link RowSpool}: one chunk per org, in org order, and the
 * bad input injected into them (rows replaced, removed, copies inserted after a row or appended).
 * Its rows are read back chunk by chunk when it is written, so only one chunk is in memory.
 */
final class SpooledFile {

  /** The file's place, format, style and columns; its own row list stays empty. */
  final LandingFile meta;

  final List<Integer> orgs = new ArrayList<>();
  final List<RowSpool.Chunk> chunks = new ArrayList<>();

  /** Per chunk, its rows' count in each pool of {@link #pools}. */
  final List<int[]> poolCounts = new ArrayList<>();

  /** Per chunk, whether every row is unchanged since the org's previous drop. */
  final List<Boolean> allUnchanged = new ArrayList<>();

  /** The bad-input pools this file's rows can be picked from, and its first chunk in each. */
  final BadInputInjector.Pool[] pools;

  final int[] firstInPool;

  private final Map<Long, LandingFile.Row> replaced = new HashMap<>();
  private final Map<Long, List<LandingFile.Row>> insertedAfter = new HashMap<>();
  private final Set<Long> removed = new HashSet<>();
  final List<LandingFile.Row> appended = new ArrayList<>();

  SpooledFile(LandingFile meta, BadInputInjector.Pool[] pools) {
    this.meta = meta;
    this.pools = pools;
    this.firstInPool = new int[pools.length];
  }

  /** The chunk of org {@code org}, or -1. */
  int chunkOf(int org) {
    int low = 0;
    int high = orgs.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int o = orgs.get(mid);
      if (o < org) {
        low = mid + 1;
      } else if (o > org) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  int poolSlot(BadInputInjector.Pool pool) {
    for (int i = 0; i < pools.length; i++) {
      if (pools[i] == pool) {
        return i;
      }
    }
    return -1;
  }

  /** Row {@code row} of chunk {@code chunk} is now the given (changed) object. */
  void replace(int chunk, int row, LandingFile.Row value) {
    replaced.put(at(chunk, row), value);
  }

  void insertAfter(int chunk, int row, LandingFile.Row copy) {
    insertedAfter.computeIfAbsent(at(chunk, row), k -> new ArrayList<>()).add(copy);
  }

  void remove(int chunk, int row) {
    removed.add(at(chunk, row));
  }

  /** The rows of one chunk as they will be written, changes applied. */
  List<LandingFile.Row> rows(RowSpool spool, int chunk) {
    List<LandingFile.Row> spooled = spool.read(chunks.get(chunk));
    if (replaced.isEmpty() && insertedAfter.isEmpty() && removed.isEmpty()) {
      return spooled;
    }
    List<LandingFile.Row> rows = new ArrayList<>(spooled.size());
    for (int i = 0; i < spooled.size(); i++) {
      long at = at(chunk, i);
      if (!removed.contains(at)) {
        rows.add(replaced.getOrDefault(at, spooled.get(i)));
      }
      rows.addAll(insertedAfter.getOrDefault(at, List.of()));
    }
    return rows;
  }

  /** Every row as it will be written, read one chunk at a time. */
  Iterable<LandingFile.Row> rows(RowSpool spool) {
    return () ->
        new Iterator<>() {
          private int chunk = -1;
          private Iterator<LandingFile.Row> current = List.<LandingFile.Row>of().iterator();

          @Override
          public boolean hasNext() {
            while (!current.hasNext()) {
              chunk++;
              if (chunk < chunks.size()) {
                current = rows(spool, chunk).iterator();
              } else if (chunk == chunks.size()) {
                current = appended.iterator();
              } else {
                return false;
              }
            }
            return true;
          }

          @Override
          public LandingFile.Row next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return current.next();
          }
        };
  }

  private static long at(int chunk, int row) {
    return ((long) chunk << 32) | row;
  }
}
