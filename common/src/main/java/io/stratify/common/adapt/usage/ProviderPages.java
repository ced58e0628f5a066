package io.stratify.common.adapt.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
   * Every bucket result, in order, with the endpoint of each page decided by {@code isCost}.
   *
   * @param isCost whether a result comes from the cost endpoint (decides which "last page" it
   *     belongs to)
   */
  static List<Result> read(
      String format, Path root, List<Path> files, java.util.function.Predicate<JsonNode> isCost)
      throws IOException {
    List<Result> results = new ArrayList<>();
    Boolean[] lastHasMore = {null, null, null};
    String[] lastFile = {null, null, null};
    for (Path file : files) {
      String name = root.relativize(file).toString();
      int[] page = {0};
      try (InputStream in = Files.newInputStream(file)) {
        VendorJson.eachObject(
            in,
            node -> {
              int p = page[0]++;
              JsonNode data = node.get("data");
              if (data == null || !data.isArray()) {
                throw new UsageConfigException(
                    "Cannot adapt " + format + ": " + name + " is not a page with a data array");
              }
              int endpoint = -1;
              for (int b = 0; b < data.size(); b++) {
                JsonNode bucket = data.get(b);
                JsonNode list =
                    bucket.has("results") ? bucket.get("results") : bucket.get("result");
                if (list == null) {
                  continue;
                }
                for (int r = 0; r < list.size(); r++) {
                  JsonNode result = list.get(r);
                  endpoint = isCost.test(result) ? 1 : 0;
                  results.add(
                      new Result(name, "/" + p + "/data/" + b + "/results/" + r, bucket, result));
                }
              }
              // Slot 2 holds pages with no results, whose endpoint cannot be told.
              int slot = endpoint < 0 ? 2 : endpoint;
              lastHasMore[slot] = node.path("has_more").asBoolean(false);
              lastFile[slot] = name;
            });
      }
    }
    for (int e = 0; e < 3; e++) {
      if (Boolean.TRUE.equals(lastHasMore[e])) {
        throw new UsageConfigException(
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
