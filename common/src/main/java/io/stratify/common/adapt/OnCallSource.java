package io.stratify.common.adapt;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * On-call rosters for the people writer (ADAPTERS.md section 8.2): the format named by {@code
 * owners.people.on_call} (pagerduty, opsgenie) implements it. The people writer (scim, backstage)
 * leaves {@code on_call} open; once its rows are converted, the runner asks this source about every
 * person, reading the vendor's drop of the same org and dt from {@link #dropFolder}, unless the CLI
 * gives {@code --on-call-in PATH}.
 */
public interface OnCallSource {
  /** A person of the people snapshot being written, as the identity match needs it. */
  record Person(String personId, String email) {}

  /**
   * {@code on_call} for every person given (person_id to on call): true when the vendor has an
   * entry for them within {@code oncall.max_level} overlapping {@code [dt - lookback_days, dt]}.
   * People are matched by the identity file, else by email; an ambiguous identity is WARN {@code
   * ambiguous_identity} in {@code report} and matches nobody, an entry matching nobody is WARN
   * {@code on_call_unmatched}. Exit 2 ({@link AdapterException#unusable}) when the export cannot
   * say.
   */
  Map<String, Boolean> onCall(
      Path drop,
      String org,
      LocalDate dt,
      AdapterConfig config,
      List<Person> people,
      AdapterReport report);

  /** Where the people writer finds the on-call vendor's drop: {@code <landing>/_vendor/...}. */
  static Path dropFolder(Path landing, String vendor, String org, LocalDate dt) {
    return landing.resolve("_vendor").resolve(vendor).resolve(org).resolve("dt=" + dt);
  }
}
