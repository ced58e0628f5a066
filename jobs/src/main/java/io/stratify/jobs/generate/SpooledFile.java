package io.stratify.jobs.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
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

  /** The bad-input pools this file's rows can be picked from, and its first chunk in each. */
  final BadInputInjector.Pool[] pools;

  final int[] firstInPool;

  // Per chunk, in primitive arrays (a million chunks at 1,000 orgs x 52 weeks): its org, where it
  // lies in the spool, its rows' count in each pool (pools.length per chunk), and whether every
  // row is unchanged since the org's previous drop.
  private int size;
  private int[] orgs = new int[4];
  private long[] offsets = new long[4];
  private int[] lengths = new int[4];
  private int[] counts;
  private final BitSet allUnchanged = new BitSet();

  private final Map<Long, LandingFile.Row> replaced = new HashMap<>();
  private final Map<Long, List<LandingFile.Row>> insertedAfter = new HashMap<>();
  private final Set<Long> removed = new HashSet<>();
  final List<LandingFile.Row> appended = new ArrayList<>();

  SpooledFile(LandingFile meta, BadInputInjector.Pool[] pools) {
    this.meta = meta;
    this.pools = pools;
    this.firstInPool = new int[pools.length];
    this.counts = new int[4 * pools.length];
  }

  /** Adds org {@code org}'s chunk (orgs come in order), its pool counts and unchanged flag. */
  void add(int org, RowSpool.Chunk chunk, int[] poolCounts, boolean unchanged) {
    if (size == orgs.length) {
      orgs = Arrays.copyOf(orgs, 2 * size);
      offsets = Arrays.copyOf(offsets, 2 * size);
      lengths = Arrays.copyOf(lengths, 2 * size);
      counts = Arrays.copyOf(counts, 2 * size * pools.length);
    }
    orgs[size] = org;
    offsets[size] = chunk.offset();
    lengths[size] = chunk.length();
    System.arraycopy(poolCounts, 0, counts, size * pools.length, pools.length);
    allUnchanged.set(size, unchanged);
    size++;
  }

  /** Chunks, one per org with rows in this file. */
  int size() {
    return size;
  }

  RowSpool.Chunk chunk(int chunk) {
    return new RowSpool.Chunk(offsets[chunk], lengths[chunk]);
  }

  /** Rows of chunk {@code chunk} in the pool at {@code slot} of {@link #pools}. */
  int count(int chunk, int slot) {
    return counts[chunk * pools.length + slot];
  }

  boolean allUnchanged(int chunk) {
    return allUnchanged.get(chunk);
  }

  /** The chunk of org {@code org}, or -1. */
  int chunkOf(int org) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int o = orgs[mid];
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
    List<LandingFile.Row> spooled = spool.read(chunk(chunk));
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
              if (chunk < size) {
                current = rows(spool, chunk).iterator();
              } else if (chunk == size) {
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
