package io.stratify.common.landing;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.contract.LandingDataset;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {

  private static Map<String, Object> incident() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("Org_ID", "o1");
    v.put("incident_id", "i1");
    v.put("severity", "2");
    v.put("opened_at", "2026-03-02T09:15:00Z");
    v.put("acknowledged_at", "2026-03-02T09:20:00+00:00");
    v.put("resolved_at", "");
    v.put("detected_by", "monitoring");
    v.put("vendor_field", "kept");
    return v;
  }

  private static RecordValidator.Validated validate(LandingDataset ds, Map<String, Object> values) {
    return RecordValidator.validate(ds, new LandingRecord(7, "raw", values, null, false));
  }

  private static List<String> codes(RecordValidator.Validated v) {
    return v.reasons().stream().map(r -> r.substring(0, r.indexOf(':'))).toList();
  }

  @Test
  void validRowIsTypedWithExtrasKeptApart() {
    RecordValidator.Validated v = validate(LandingDataset.INCIDENTS, incident());
    LandingDataset ds = LandingDataset.INCIDENTS;
    assertThat(v.reasons()).isEmpty();
    assertThat(v.values()[ds.indexOf("org_id")]).isEqualTo("o1");
    assertThat(v.values()[ds.indexOf("severity")]).isEqualTo(2);
    assertThat(v.values()[ds.indexOf("acknowledged_at")])
        .isEqualTo(Instant.parse("2026-03-02T09:20:00Z"));
    assertThat(v.values()[ds.indexOf("resolved_at")]).as("empty string is null").isNull();
    assertThat(v.extras()).containsExactly(Map.entry("vendor_field", "kept"));
    assertThat(v.key()).containsExactly(Map.entry("org_id", "o1"), Map.entry("incident_id", "i1"));
  }

  @Test
  void everyBrokenRuleIsReportedAndTheKeyStaysReadable() {
    Map<String, Object> values = incident();
    values.put("severity", "5");
    values.put("detected_by", "Monitoring");
    values.put("resolved_at", "2026-03-02T09:00:00Z");
    values.put("opened_at", "2026-03-02T09:15:00Z");
    RecordValidator.Validated v = validate(LandingDataset.INCIDENTS, values);
    assertThat(codes(v)).containsExactly("out_of_range", "invalid_enum", "out_of_order");
    assertThat(v.reasons().get(2)).contains("resolved_at").contains("precedes opened_at");
    assertThat(v.key()).isNotNull();
    assertThat(v.values()).as("an invalid row carries no typed values").containsOnlyNulls();
  }

  @Test
  void missingKeyMakesTheKeyUnreadable() {
    Map<String, Object> values = incident();
    values.put("incident_id", "");
    values.remove("severity");
    RecordValidator.Validated v = validate(LandingDataset.INCIDENTS, values);
    assertThat(codes(v)).containsExactly("missing_required", "missing_required");
    assertThat(v.key()).isNull();
  }

  @Test
  void orgsCheckTimezonesAndEnumsExactly() {
    Map<String, Object> org = new LinkedHashMap<>();
    org.put("org_id", "o1");
    org.put("org_name", "Acme");
    org.put("industry", "retail");
    org.put("size_band", "m");
    org.put("timezone", "Mars/Olympus_Mons");
    org.put("benchmark_consent", "TRUE");
    org.put("loaded_hourly_cost_usd", "-1");
    RecordValidator.Validated v = validate(LandingDataset.ORGS, org);
    assertThat(codes(v)).containsExactly("invalid_enum", "unknown_timezone", "out_of_range");
    org.put("size_band", "M");
    org.put("timezone", "Europe/Berlin");
    org.put("loaded_hourly_cost_usd", "95.5");
    v = validate(LandingDataset.ORGS, org);
    assertThat(v.reasons()).isEmpty();
    assertThat(v.values()[LandingDataset.ORGS.indexOf("loaded_hourly_cost_usd")])
        .isEqualTo(new BigDecimal("95.500000"));
  }

  @Test
  void budgetsNeedOrderedPeriodsAndADeploymentForDeploymentScope() {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("org_id", "o1");
    b.put("budget_id", "b1");
    b.put("scope", "deployment");
    b.put("period_start", "2026-03-31");
    b.put("period_end", "2026-03-01");
    b.put("amount_usd", "0");
    RecordValidator.Validated v = validate(LandingDataset.BUDGETS, b);
    assertThat(codes(v)).containsExactly("out_of_range", "out_of_order", "missing_required");
    b.put("scope", "org");
    b.put("period_end", "2026-04-30");
    b.put("amount_usd", "1000");
    v = validate(LandingDataset.BUDGETS, b);
    assertThat(v.reasons()).isEmpty();
    assertThat(v.values()[LandingDataset.BUDGETS.indexOf("period_end")])
        .isEqualTo(LocalDate.of(2026, 4, 30));
  }

  @Test
  void listColumnsAcceptCsvTextAndJsonArrays() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("org_id", "o1");
    d.put("deployment_id", "d1");
    d.put("name", "bot");
    d.put("lifecycle_stage", "production");
    d.put("business_criticality", "1");
    d.put("dependent_business_units", "0");
    d.put("depends_on", "d2; d3;");
    d.put("monitored", "true");
    d.put("has_runbook", "false");
    d.put("human_fallback", "false");
    RecordValidator.Validated v = validate(LandingDataset.DEPLOYMENTS, d);
    assertThat(v.reasons()).isEmpty();
    assertThat(v.values()[LandingDataset.DEPLOYMENTS.indexOf("depends_on")])
        .isEqualTo(List.of("d2", "d3"));
    d.put("depends_on", List.of("d4"));
    v = validate(LandingDataset.DEPLOYMENTS, d);
    assertThat(v.values()[LandingDataset.DEPLOYMENTS.indexOf("depends_on")])
        .isEqualTo(List.of("d4"));
  }

  @Test
  void malformedAndUndecodableRecordsCarryTheirReasons() {
    RecordValidator.Validated v =
        RecordValidator.validate(
            LandingDataset.TEAMS, new LandingRecord(3, "x\uFFFD", Map.of(), "bad quoting", true));
    assertThat(codes(v)).containsExactly("malformed_record", "invalid_utf8");
    assertThat(v.key()).isNull();
  }
}
