package io.stratify.common.adapt;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * On-call rosters for the people writer (ADAPTERS.md section 8.2): the format named by {@code
 * owners.people.on_call} (pagerduty, opsgenie) implements it. The people writer (scim, backstage)
 * reads the vendor's drop of the same org and dt from {@link #dropFolder}, unless the CLI gives
 * {@code --on-call-in PATH}.
 */
public interface OnCallSource {
  /** One person on call: the vendor's user ids and emails, matched against the people rows. */
  record Entry(String vendorPersonRef, Set<String> vendorIds, Set<String> emails) {}

  /**
   * Everyone on call in the vendor export under {@code drop} for {@code org} and {@code dt}; exit 2
   * ({@link AdapterException#unusable}) when the export cannot say.
   */
  List<Entry> onCall(Path drop, String org, LocalDate dt, AdapterConfig config);

  /** Where the people writer finds the on-call vendor's drop: {@code <landing>/_vendor/...}. */
  static Path dropFolder(Path landing, String vendor, String org, LocalDate dt) {
    return landing.resolve("_vendor").resolve(vendor).resolve(org).resolve("dt=" + dt);
  }
}
