package io.stratify.jobs.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * What {@link LandingGenerator} generates. The same settings always give byte-identical output:
 * nothing is derived from the wall clock.
 *
 * @param orgs number of organisations, 1..{@value #ORGS_MAX}; the first twelve are the documented
 *     scenario orgs of sample-data/README.md, further ones are variations of them
 * @param weeks weeks of history, 1..{@value #WEEKS_MAX}
 * @param seed seed of every random choice (names, ids, incidents, usage, bad rows)
 * @param start first day of the history; a Monday, so that weeks are ISO weeks
 */
public record GeneratorSettings(int orgs, int weeks, long seed, LocalDate start) {

  public static final int ORGS_DEFAULT = 12;
  public static final int WEEKS_DEFAULT = 16;
  public static final long SEED_DEFAULT = 42L;

  /** A fixed Monday; never "today", so the sample does not change with the day it is made. */
  public static final LocalDate START_DEFAULT = LocalDate.of(2026, 1, 5);

  /**
   * Bounds that keep a mistyped option from filling a disk (the defaults give about 3 MB; 1,000
   * orgs x 52 weeks about 700 MB, 10,000 orgs about ten times that). The generator holds one org at
   * a time, so memory does not bound the orgs.
   */
  public static final int ORGS_MAX = 10_000;

  public static final int WEEKS_MAX = 260;

  public GeneratorSettings {
    if (orgs < 1 || orgs > ORGS_MAX) {
      throw new IllegalArgumentException(
          "Cannot generate landing data: orgs must be between 1 and " + ORGS_MAX + ", got " + orgs);
    }
    if (weeks < 1 || weeks > WEEKS_MAX) {
      throw new IllegalArgumentException(
          "Cannot generate landing data: weeks must be between 1 and "
              + WEEKS_MAX
              + ", got "
              + weeks);
    }
    if (start == null) {
      throw new IllegalArgumentException("Cannot generate landing data: start date is missing");
    }
    if (start.getDayOfWeek() != DayOfWeek.MONDAY) {
      throw new IllegalArgumentException(
          "Cannot generate landing data: start "
              + start
              + " is a "
              + start.getDayOfWeek()
              + ", weeks start on a Monday");
    }
  }

  /** orgs = 12, weeks = 16, seed = 42, start = 2026-01-05. */
  public static GeneratorSettings defaults() {
    return new GeneratorSettings(ORGS_DEFAULT, WEEKS_DEFAULT, SEED_DEFAULT, START_DEFAULT);
  }

  public GeneratorSettings withOrgs(int orgs) {
    return new GeneratorSettings(orgs, weeks, seed, start);
  }

  public GeneratorSettings withWeeks(int weeks) {
    return new GeneratorSettings(orgs, weeks, seed, start);
  }

  public GeneratorSettings withSeed(long seed) {
    return new GeneratorSettings(orgs, weeks, seed, start);
  }

  public GeneratorSettings withStart(LocalDate start) {
    return new GeneratorSettings(orgs, weeks, seed, start);
  }

  /** The last day of the history, a Sunday: the last {@code dt} written. */
  public LocalDate end() {
    return start.plusDays(7L * weeks - 1);
  }

  /** The Monday of week {@code week} (0-based). */
  LocalDate monday(int week) {
    return start.plusWeeks(week);
  }

  int days() {
    return 7 * weeks;
  }
}
