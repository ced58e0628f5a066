package io.stratify.common.metrics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * PagerDuty's time bands, in the org's local time (DST included), half-open: sleep hours [22:00,
 * 08:00) any day; business hours Monday to Friday [08:00, 18:00); off hours the rest.
 */
public enum TimeBand {
  BUSINESS,
  OFF,
  SLEEP;

  private static final LocalTime MORNING = LocalTime.of(8, 0);
  private static final LocalTime EVENING = LocalTime.of(18, 0);
  private static final LocalTime NIGHT = LocalTime.of(22, 0);

  public static TimeBand of(Instant instant, ZoneId zone) {
    ZonedDateTime local = instant.atZone(zone);
    LocalTime time = local.toLocalTime();
    if (time.isBefore(MORNING) || !time.isBefore(NIGHT)) {
      return SLEEP;
    }
    DayOfWeek day = local.getDayOfWeek();
    boolean weekday = day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    return weekday && time.isBefore(EVENING) ? BUSINESS : OFF;
  }
}
