package io.stratify.common.metrics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/** ISO weeks in UTC: Monday 00:00 to the next Monday 00:00. */
public final class Weeks {

  private Weeks() {}

  /** The Monday of the day's ISO week. */
  public static LocalDate weekStart(LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  public static LocalDate weekStart(Instant instant) {
    return weekStart(instant.atOffset(ZoneOffset.UTC).toLocalDate());
  }

  /** The Sunday of the week starting on {@code weekStart}: the day "as of week end" reads. */
  public static LocalDate weekEnd(LocalDate weekStart) {
    return weekStart.plusDays(6);
  }

  public static Instant startInstant(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Whether {@code t} lies in [from 00:00 UTC, to 00:00 UTC). */
  public static boolean within(Instant t, LocalDate from, LocalDate toExclusive) {
    return !t.isBefore(startInstant(from)) && t.isBefore(startInstant(toExclusive));
  }
}
