package io.stratify.common.metrics;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The depends_on graph of the deployments that exist at one moment. Edges to ids that match no
 * deployment are ignored; cycles are fine.
 */
public final class DependencyGraph {

  private final Map<String, Set<String>> calls = new HashMap<>();
  private final Map<String, Set<String>> calledBy = new HashMap<>();

  /**
   * @param dependsOn deployment id -> the ids it calls (null or empty for none)
   */
  public DependencyGraph(Map<String, ? extends Collection<String>> dependsOn) {
    for (String d : dependsOn.keySet()) {
      calls.put(d, new HashSet<>());
      calledBy.put(d, new HashSet<>());
    }
    dependsOn.forEach(
        (d, targets) -> {
          if (targets == null) {
            return;
          }
          for (String t : targets) {
            if (calls.containsKey(t)) {
              calls.get(d).add(t);
              calledBy.get(t).add(d);
            }
          }
        });
  }

  /** Deployments {@code id} reaches through depends_on, directly or transitively (not itself). */
  public Set<String> reachableFrom(String id) {
    return walk(id, calls);
  }

  /** Deployments that reach {@code id}, directly or transitively: its blast radius. */
  public Set<String> dependents(String id) {
    return walk(id, calledBy);
  }

  private static Set<String> walk(String start, Map<String, Set<String>> edges) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(edges.getOrDefault(start, Set.of()));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (seen.add(next)) {
        todo.addAll(edges.getOrDefault(next, Set.of()));
      }
    }
    seen.remove(start);
    return seen;
  }
}
