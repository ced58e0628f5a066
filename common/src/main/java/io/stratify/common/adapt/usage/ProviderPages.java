package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratify.common.adapt.AdapterException;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.JsonStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Pages of a provider's usage or cost API ({@code {"data": [buckets], "has_more", "next_page"}}),
 * read in file order. Principle 6: a feed whose last page of an endpoint says {@code has_more:
 * true} is incomplete and exits 2.
 */
final class ProviderPages {
  /** One result of one daily bucket. */
  record Result(String file, String position, JsonNode bucket, JsonNode result) {}

  private ProviderPages() {}

  /**
   * Every bucket result, in order; {@code isCost} tells which endpoint a result comes from (and so
   * which "last page" its page is).
   */
  static List<Result> read(String format, List<AdapterRun.Input> inputs, Predicate<JsonNode> isCost)
      throws IOException {
    List<Result> results = new ArrayList<>();
    // Per endpoint (usage, cost, and pages without results): does its last page say has_more?
    Boolean[] lastHasMore = {null, null, null};
    String[] lastFile = {null, null, null};
    for (AdapterRun.Input input : inputs) {
      String name = input.name();
      JsonStream.objects(
          input.path(),
          (page, node) -> {
            JsonNode data = node.get("data");
            if (data == null || !data.isArray()) {
              throw AdapterException.unusable(
                  "Cannot adapt " + format + ": " + name + " is not a page with a data array");
            }
            int endpoint = 2;
            for (int b = 0; b < data.size(); b++) {
              JsonNode bucket = data.get(b);
              JsonNode list = bucket.has("results") ? bucket.get("results") : bucket.get("result");
              for (int r = 0; list != null && r < list.size(); r++) {
                JsonNode result = list.get(r);
                endpoint = isCost.test(result) ? 1 : 0;
                results.add(
                    new Result(name, page + "/data/" + b + "/results/" + r, bucket, result));
              }
            }
            lastHasMore[endpoint] = node.path("has_more").asBoolean(false);
            lastFile[endpoint] = name;
          });
    }
    for (int e = 0; e < 3; e++) {
      if (Boolean.TRUE.equals(lastHasMore[e])) {
        throw AdapterException.unusable(
            "Cannot adapt "
                + format
                + ": the last page ("
                + lastFile[e]
                + ") says has_more: true; fetch every page (next_page) before adapting");
      }
    }
    return results;
  }
}
