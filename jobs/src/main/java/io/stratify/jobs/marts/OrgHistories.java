package io.stratify.jobs.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.metrics.OrgHistory;
import io.stratify.common.metrics.Timeline;
import io.stratify.common.metrics.Versioned;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Groups silver by org: one row per org of the orgs dataset, holding every table's rows of that org
 * as an array of structs; and turns such a row back into an {@link OrgHistory} on the executors.
 * Orgs known only from other datasets are left out until they appear in orgs.
 */
final class OrgHistories implements Serializable {

  private static final long serialVersionUID = 1L;

  private OrgHistories() {}

  /** One row per org: org_id, then one array column per dataset (named after its folder). */
  static Dataset<Row> grouped(SilverAsOf silver) {
    Dataset<Row> orgs = collected(silver, LandingDataset.ORGS);
    for (LandingDataset d : LandingDataset.values()) {
      if (d != LandingDataset.ORGS) {
        orgs =
            orgs.join(
                    collected(silver, d),
                    orgs.col("org_id").equalTo(col("_org_" + d.folder())),
                    "left")
                .drop("_org_" + d.folder());
      }
    }
    return orgs;
  }

  private static Dataset<Row> collected(SilverAsOf silver, LandingDataset d) {
    Dataset<Row> table = silver.table(d);
    Column[] fields =
        java.util.Arrays.stream(table.columns()).map(c -> col(c)).toArray(Column[]::new);
    String key = d == LandingDataset.ORGS ? "org_id" : "_org_" + d.folder();
    return table.groupBy(col("org_id").as(key)).agg(collect_list(struct(fields)).as(d.folder()));
  }

  /** The history of the org in a grouped row. */
  static OrgHistory history(Row row) {
    return new OrgHistory(
        row.getAs("org_id"),
        timeline(row, LandingDataset.ORGS, OrgHistories::org),
        timeline(row, LandingDataset.TEAMS, r -> new OrgHistory.Team(r.getAs("team_id"))),
        timeline(
            row,
            LandingDataset.PEOPLE,
            r ->
                new OrgHistory.Person(
                    r.getAs("person_key"), r.getAs("team_id"), r.<Boolean>getAs("on_call"))),
        timeline(row, LandingDataset.DEPLOYMENTS, OrgHistories::deployment),
        timeline(row, LandingDataset.BUDGETS, OrgHistories::budget),
        rows(row, LandingDataset.INCIDENTS, OrgHistories::incident),
        rows(row, LandingDataset.INCIDENT_EVENTS, OrgHistories::event),
        rows(row, LandingDataset.DEPLOYMENT_CHANGES, OrgHistories::change),
        rows(row, LandingDataset.INFERENCE_USAGE, OrgHistories::usage));
  }

  private static <T> Timeline<T> timeline(Row row, LandingDataset d, Function<Row, T> value) {
    List<Versioned<T>> versions = new ArrayList<>();
    for (Row r : structs(row, d)) {
      versions.add(
          new Versioned<>(value.apply(r), r.getAs("valid_from"), r.<LocalDate>getAs("valid_to")));
    }
    return new Timeline<>(versions);
  }

  private static <T> List<T> rows(Row row, LandingDataset d, Function<Row, T> value) {
    List<T> out = new ArrayList<>();
    for (Row r : structs(row, d)) {
      out.add(value.apply(r));
    }
    return out;
  }

  private static List<Row> structs(Row row, LandingDataset d) {
    int i = row.fieldIndex(d.folder());
    return row.isNullAt(i) ? List.of() : row.getList(i);
  }

  private static OrgHistory.Org org(Row r) {
    return new OrgHistory.Org(
        r.getAs("industry"),
        r.getAs("size_band"),
        r.getAs("timezone"),
        r.<Boolean>getAs("benchmark_consent"),
        r.<BigDecimal>getAs("loaded_hourly_cost_usd"));
  }

  private static OrgHistory.Deployment deployment(Row r) {
    int i = r.fieldIndex("depends_on");
    return new OrgHistory.Deployment(
        r.getAs("deployment_id"),
        r.getAs("owner_team_id"),
        r.getAs("lifecycle_stage"),
        r.<Integer>getAs("business_criticality"),
        r.<Integer>getAs("dependent_business_units"),
        r.isNullAt(i) ? List.of() : r.<String>getList(i),
        r.getAs("model_provider"),
        r.getAs("model_tier"),
        r.<Boolean>getAs("monitored"),
        r.<Boolean>getAs("has_runbook"),
        r.<Boolean>getAs("human_fallback"));
  }

  private static OrgHistory.Budget budget(Row r) {
    return new OrgHistory.Budget(
        r.getAs("budget_id"),
        r.getAs("scope"),
        r.getAs("deployment_id"),
        r.getAs("period_start"),
        r.getAs("period_end"),
        r.getAs("amount_usd"));
  }

  private static OrgHistory.Incident incident(Row r) {
    return new OrgHistory.Incident(
        r.getAs("incident_id"),
        r.getAs("deployment_id"),
        r.getAs("change_id"),
        r.<Integer>getAs("severity"),
        r.<Instant>getAs("opened_at"),
        r.<Instant>getAs("acknowledged_at"),
        r.<Instant>getAs("resolved_at"));
  }

  private static OrgHistory.IncidentEvent event(Row r) {
    return new OrgHistory.IncidentEvent(
        r.getAs("incident_id"),
        r.getAs("event_id"),
        r.<Instant>getAs("event_at"),
        r.getAs("event_type"),
        r.getAs("team_id"),
        r.getAs("person_key"));
  }

  private static OrgHistory.Change change(Row r) {
    return new OrgHistory.Change(
        r.getAs("change_id"),
        r.getAs("deployment_id"),
        r.<Instant>getAs("first_commit_at"),
        r.<Instant>getAs("deployed_at"),
        r.getAs("outcome"));
  }

  private static OrgHistory.Usage usage(Row r) {
    return new OrgHistory.Usage(
        r.getAs("usage_date"),
        r.getAs("deployment_id"),
        r.getAs("model_name"),
        r.getAs("model_provider"),
        r.getAs("model_tier"),
        r.<Long>getAs("requests"),
        r.<Long>getAs("input_tokens"),
        r.<Long>getAs("output_tokens"),
        r.<Long>getAs("errors"),
        r.getAs("cost_usd"),
        r.<Double>getAs("latency_p95_ms"));
  }
}
