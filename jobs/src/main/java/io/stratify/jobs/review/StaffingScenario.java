package io.stratify.jobs.review;

import io.stratify.common.io.Lakehouse;
import io.stratify.common.metrics.StaffingWhatIf;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Reads the staffing what-if of one org from the marts: marts.org_weekly (the latest complete week
 * as of the run date, and the trend window's weeks) and marts.deployment_weekly (which retired
 * deployments were production deployments as of each week's end, and their criticality), with the
 * settings recorded with the marts version.
 */
public final class StaffingScenario {

  private StaffingScenario() {}

  /**
   * @param runDate a run date of the marts; empty for the latest
   * @param addOncall on-call engineers added, >= 0
   * @param retire deployment ids retired (pilots among them change nothing)
   * @throws io.stratify.jobs.UnusableInputException for an unknown org, an unknown deployment id, a
   *     date that is not a run date, or no complete week
   */
  public static StaffingWhatIf load(
      Lakehouse lakehouse,
      RecordedSettings settings,
      String orgId,
      Optional<LocalDate> runDate,
      int addOncall,
      List<String> retire) {
    return new ReviewLoader(lakehouse, settings).staffing(orgId, runDate, addOncall, retire);
  }
}
