package io.stratify.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent per-table work concurrently. Spark accepts jobs from several threads at once;
 * the small jobs of a night (one per table) are bound by latency, not by cores, so overlapping them
 * shortens a run. Results keep the input order; the first failure is rethrown.
 */
public final class Parallel {

  private Parallel() {}

  /** Runs the tasks, {@code parallelism} at a time; returns when all are done. */
  public static void run(List<Runnable> tasks, int parallelism) {
    map(
        tasks,
        parallelism,
        task -> {
          task.run();
          return Boolean.TRUE;
        });
  }

  public static <T, R> List<R> map(List<T> items, int parallelism, Function<T, R> work) {
    if (parallelism <= 1 || items.size() <= 1) {
      return items.stream().map(work).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()));
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
