package io.stratify.common.adapt.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code people.on_call} from a vendor's on-call entries (ADAPTERS §8.2): a person is on call when
 * one of their entries has {@code escalation_level <= max_level} and overlaps {@code [dt -
 * lookback_days, dt]}, else not. Entries are matched to people by the identity file (vendor user id
 * -> person_id), else by email, case-insensitive. Email alone is unsafe: a vendor id seen with
 * several emails, or an email seen with several vendor ids (or held by several people), is WARN
 * {@code ambiguous_identity} and matches nobody.
 */
public final class OnCallRoster {

  /** {@code oncall.max_level} default. */
  public static final int MAX_LEVEL_DEFAULT = 1;

  /** {@code oncall.lookback_days} default. */
  public static final int LOOKBACK_DAYS_DEFAULT = 7;

  /** A person of the people snapshot, as the match needs it. */
  public record Person(String personId, String email) {}

  /**
   * The outcome.
   *
   * @param onCall person_id -> on call, for every person given
   * @param unmatched the vendor user id (or {@code email-only}) of every entry that counted but
   *     matched no person (reported, not guessed)
   */
  public record Result(Map<String, Boolean> onCall, List<String> unmatched, Accounting accounting) {
    public int unmatchedEntries() {
      return unmatched.size();
    }
  }

  private final String vendor;
  private final int maxLevel;
  private final int lookbackDays;

  public OnCallRoster(String vendor, int maxLevel, int lookbackDays) {
    this.vendor = vendor;
    this.maxLevel = maxLevel;
    this.lookbackDays = lookbackDays;
  }

  /**
   * Decides {@code on_call} for every person.
   *
   * @param entries the vendor's on-call entries in the drop
   * @param observed every (vendor id, email) pair the drop shows (users, on-call users, incident
   *     assignees): the evidence for ambiguity
   * @param identity the identity file's rows for this vendor: vendor user id -> person_id
   */
  public Result decide(
      LocalDate dt,
      Collection<OnCallEntry> entries,
      Collection<VendorUser> observed,
      Map<String, String> identity,
      Collection<Person> people) {
    Accounting accounting = new Accounting();
    Map<String, Set<String>> emailsById = new HashMap<>();
    Map<String, Set<String>> idsByEmail = new HashMap<>();
    for (VendorUser u : observed) {
      if (u.id() != null && u.email() != null) {
        String email = u.email().toLowerCase(Locale.ROOT);
        emailsById.computeIfAbsent(u.id(), k -> new TreeSet<>()).add(email);
        idsByEmail.computeIfAbsent(email, k -> new TreeSet<>()).add(u.id());
      }
    }
    Map<String, List<String>> peopleByEmail = new HashMap<>();
    Map<String, Boolean> onCall = new TreeMap<>();
    for (Person p : people) {
      onCall.put(p.personId(), false);
      if (p.email() != null) {
        peopleByEmail
            .computeIfAbsent(p.email().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(p.personId());
      }
    }
    Set<String> warned = new TreeSet<>();
    Instant to = dt.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
    Instant from = dt.minusDays(lookbackDays).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<String> unmatched = new ArrayList<>();
    for (OnCallEntry e : entries) {
      if (!vendor.equals(e.vendor()) || !e.counts(maxLevel, from, to)) {
        continue;
      }
      String person = match(e, identity, emailsById, idsByEmail, peopleByEmail, warned, accounting);
      if (person == null || !onCall.containsKey(person)) {
        unmatched.add(e.userId() != null ? e.userId() : "email-only");
      } else {
        onCall.put(person, true);
      }
    }
    return new Result(onCall, List.copyOf(unmatched), accounting);
  }

  /**
   * The answer to the people writer ({@link io.stratify.common.adapt.OnCallSource}): {@link
   * #decide}, with its WARNs and every counted entry that matched nobody (WARN {@code
   * on_call_unmatched}, by vendor user id; an email-only entry is not named) in {@code report}.
   */
  Map<String, Boolean> answer(
      LocalDate dt,
      Collection<OnCallEntry> entries,
      Collection<VendorUser> observed,
      Map<String, String> identity,
      List<io.stratify.common.adapt.OnCallSource.Person> people,
      io.stratify.common.adapt.AdapterReport report) {
    Result r =
        decide(
            dt,
            entries,
            observed,
            identity,
            people.stream().map(p -> new Person(p.personId(), p.email())).toList());
    RunReplay.warnings(r.accounting(), report);
    for (String ref : r.unmatched()) {
      report.warn(
          "on_call_unmatched",
          vendor + " on-call entry " + ref + " matches no person of the people snapshot");
    }
    return r.onCall();
  }

  private static String match(
      OnCallEntry e,
      Map<String, String> identity,
      Map<String, Set<String>> emailsById,
      Map<String, Set<String>> idsByEmail,
      Map<String, List<String>> peopleByEmail,
      Set<String> warned,
      Accounting accounting) {
    if (e.userId() != null && identity.containsKey(e.userId())) {
      return identity.get(e.userId());
    }
    String email = e.email() == null ? null : e.email().toLowerCase(Locale.ROOT);
    if (e.userId() != null) {
      Set<String> emails = emailsById.getOrDefault(e.userId(), Set.of());
      if (emails.size() > 1) {
        warnOnce(warned, accounting, "id " + e.userId() + " has " + emails.size() + " emails");
        return null;
      }
      if (email == null && emails.size() == 1) {
        email = emails.iterator().next();
      }
    }
    if (email == null) {
      return null;
    }
    Set<String> ids = idsByEmail.getOrDefault(email, Set.of());
    if (ids.size() > 1) {
      warnOnce(warned, accounting, "an email is used by vendor ids " + String.join(", ", ids));
      return null;
    }
    List<String> persons = peopleByEmail.getOrDefault(email, List.of());
    if (persons.size() > 1) {
      warnOnce(warned, accounting, "an email is held by people " + String.join(", ", persons));
      return null;
    }
    return persons.isEmpty() ? null : persons.get(0);
  }

  private static void warnOnce(Set<String> warned, Accounting accounting, String example) {
    if (warned.add(example)) {
      accounting.warn("ambiguous_identity", example);
    }
  }
}
