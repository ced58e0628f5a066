package io.stratify.common.metrics;

import io.stratify.common.contract.MartTables;
import io.stratify.common.stats.Spearman;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One row of marts.signal_lead_time (METRICS.md): Spearman's rho between a signal in week w and
 * sev12_incidents in week w + L, over the pairs of every org. No row with fewer than 10 pairs or
 * when either side is constant. Pure.
 */
public final class LeadTime {

  private LeadTime() {}

  public static Optional<MetricRow> row(
      String signal, int lagWeeks, LocalDate asOf, double[] signalValues, double[] laterSevere) {
    if (signalValues.length < Spearman.MIN_PAIRS) {
      return Optional.empty();
    }
    return Spearman.correlate(signalValues, laterSevere)
        .map(
            s ->
                new MetricRow(MartTables.SIGNAL_LEAD_TIME)
                    .set("signal", signal)
                    .set("lag_weeks", lagWeeks)
                    .set("as_of_date", asOf)
                    .set("n", s.n())
                    .set("spearman_rho", s.rho())
                    .set("p_value", s.pValue()));
  }
}
