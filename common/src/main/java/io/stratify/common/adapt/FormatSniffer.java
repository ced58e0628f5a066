package io.stratify.common.adapt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses an export handed to the wrong format (issue 10: "a file of another format than the
 * command says is exit 2 with what it looks like"). The first {@value #HEAD_BYTES} bytes of each
 * input are searched for markers that only one vendor's exports carry (a JSON key, an URN, a CSV
 * header column). A file is refused only when it carries another format's marker and none of the
 * commanded format's own: a genuine export is never refused, and a file no marker recognises is
 * left to the format (which rejects what it cannot parse, with its line).
 */
public final class FormatSniffer {

  static final int HEAD_BYTES = 64 * 1024;

  /** Markers by format, in the order a message names them. */
  private static final Map<String, List<String>> MARKERS = new LinkedHashMap<>();

  static {
    MARKERS.put("backstage", List.of("backstage.io/"));
    MARKERS.put("scim", List.of("urn:ietf:params:scim:"));
    MARKERS.put("pagerduty", List.of("\"incident_number\""));
    MARKERS.put("opsgenie", List.of("\"tinyId\""));
    MARKERS.put("incidentio", List.of("\"incident_role_assignments\"", "\"incident_status\""));
    MARKERS.put("otel-genai", List.of("\"resourceSpans\""));
    MARKERS.put("focus", List.of("BilledCost"));
    MARKERS.put("openai-usage", List.of("\"organization.usage.", "\"organization.costs."));
    MARKERS.put("anthropic-usage", List.of("\"uncached_input_tokens\""));
  }

  /**
   * Formats whose exports legitimately quote other vendors: DevLake's domain tables carry the
   * PagerDuty or Opsgenie URLs of the incidents they were collected from.
   */
  private static final java.util.Set<String> EXEMPT = java.util.Set.of("devlake");

  /**
   * Weaker evidence that a file is a format's own (the vendor's name in its URLs): enough to never
   * refuse it, too common in other vendors' free text to name it.
   */
  private static final Map<String, List<String>> OWN_ALSO =
      Map.of(
          "pagerduty", List.of("pagerduty.com", "pagerduty"),
          "opsgenie", List.of("opsgenie"),
          "incidentio", List.of("incident.io"));

  private FormatSniffer() {}

  /**
   * Exit 2 when one of {@code inputs} looks like another format's export.
   *
   * @param format the commanded format
   */
  public static void check(String format, List<AdapterRun.Input> inputs) {
    if (EXEMPT.contains(format)) {
      return;
    }
    for (AdapterRun.Input input : inputs) {
      looksLikeAnother(format, head(input.path()))
          .ifPresent(
              other ->
                  failWrongFormat(format, input.path(), other.getKey(), other.getValue().get(0)));
    }
  }

  /**
   * The other format {@code head} looks like, with the markers found, when it carries none of
   * {@code format}'s own markers.
   */
  static Optional<Map.Entry<String, List<String>>> looksLikeAnother(String format, String head) {
    List<String> own = new ArrayList<>(MARKERS.getOrDefault(format, List.of()));
    own.addAll(OWN_ALSO.getOrDefault(format, List.of()));
    if (own.stream().anyMatch(head::contains)) {
      return Optional.empty();
    }
    for (Map.Entry<String, List<String>> e : MARKERS.entrySet()) {
      if (e.getKey().equals(format)) {
        continue;
      }
      List<String> found = new ArrayList<>();
      for (String marker : e.getValue()) {
        if (head.contains(marker)) {
          found.add(marker);
        }
      }
      if (!found.isEmpty()) {
        return Optional.of(Map.entry(e.getKey(), found));
      }
    }
    return Optional.empty();
  }

  private static void failWrongFormat(String format, Path file, String other, String marker) {
    throw AdapterException.unusable(
        file
            + (other.matches("^[aeiou].*") ? " looks like an " : " looks like a ")
            + other
            + " export (it contains "
            + marker.replace("\"", "")
            + "), not "
            + format
            + ": run `stratify adapt "
            + other
            + "` on it, or give --in the "
            + format
            + " export");
  }

  private static String head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(HEAD_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ""; // the format reports an unreadable file with its own reason
    }
  }
}
