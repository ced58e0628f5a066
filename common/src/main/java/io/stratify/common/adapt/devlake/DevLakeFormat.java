package io.stratify.common.adapt.devlake;

import io.stratify.common.adapt.AdapterException;
import io.stratify.common.adapt.AdapterFormat;
import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.adapt.ConfigNode;
import io.stratify.common.adapt.FormatSection;
import io.stratify.common.adapt.Redaction;
import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code devlake} (ADAPTERS.md 10): DevLake's domain tables as CSV ({@code project_mapping.csv},
 * {@code cicd_deployment_commits.csv}, {@code incidents.csv}, optional {@code
 * project_pr_metrics.csv}) to deployment_changes and incidents, and with {@code org_from: project}
 * / {@code grain: project} one orgs / deployments row per project. One change per deployment commit
 * (not per pipeline), its pipeline kept in {@code x_devlake_deployment_id}.
 */
public final class DevLakeFormat implements AdapterFormat {

  static final String MAPPING = "project_mapping.csv";
  static final String COMMITS = "cicd_deployment_commits.csv";
  static final String INCIDENTS = "incidents.csv";
  static final String PR_METRICS = "project_pr_metrics.csv";
  private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("yyyy-M-d H:mm:ss");

  @Override
  public String name() {
    return "devlake";
  }

  @Override
  public Set<LandingDataset> datasets() {
    return Set.of(
        LandingDataset.ORGS,
        LandingDataset.DEPLOYMENTS,
        LandingDataset.DEPLOYMENT_CHANGES,
        LandingDataset.INCIDENTS);
  }

  @Override
  public Set<LandingDataset> datasetsOnlyWhenOwned() {
    return Set.of(LandingDataset.ORGS, LandingDataset.DEPLOYMENTS);
  }

  @Override
  public FormatSection parseSection(ConfigNode section) {
    return DevLakeSection.parse(section);
  }

  @Override
  public void convert(AdapterRun run) throws IOException {
    DevLakeSection s = run.section();
    Map<String, AdapterRun.Input> files = new TreeMap<>();
    for (AdapterRun.Input in : run.inputs()) {
      String name = in.path().getFileName().toString();
      if (!List.of(MAPPING, COMMITS, INCIDENTS, PR_METRICS).contains(name)) {
        throw AdapterException.unusable(
            "Cannot adapt devlake: "
                + in.name()
                + " is not one of "
                + List.of(MAPPING, COMMITS, INCIDENTS, PR_METRICS)
                + " (export DevLake's domain tables under these names)");
      }
      if (files.put(name, in) != null) {
        throw AdapterException.unusable("Cannot adapt devlake: two files named " + name);
      }
    }
    if (!files.containsKey(MAPPING)) {
      throw AdapterException.unusable(
          "Cannot adapt devlake: no " + MAPPING + " (needed to place scopes in projects)");
    }
    Map<String, String> projectOf = new HashMap<>();
    Map<String, Integer> mappingRows = new LinkedHashMap<>();
    for (CSVRecord r : records(files.get(MAPPING))) {
      projectOf.put(r.get("table") + ":" + r.get("row_id"), r.get("project_name"));
      mappingRows.merge(r.get("project_name"), 1, Integer::sum);
    }
    new Conversion(run, s, projectOf).run(files, mappingRows);
  }

  /** One run's conversion state. */
  private static final class Conversion {
    final AdapterRun run;
    final DevLakeSection s;
    final Map<String, String> projectOf;

    Conversion(AdapterRun run, DevLakeSection s, Map<String, String> projectOf) {
      this.run = run;
      this.s = s;
      this.projectOf = projectOf;
    }

    void run(Map<String, AdapterRun.Input> files, Map<String, Integer> mappingRows)
        throws IOException {
      AdapterRun.Input mapping = files.get(MAPPING);
      if (s.orgFromProject() && run.writes(LandingDataset.ORGS)) {
        projects(mapping, LandingDataset.ORGS, mappingRows);
      }
      if (s.projectGrain() && run.writes(LandingDataset.DEPLOYMENTS)) {
        projects(mapping, LandingDataset.DEPLOYMENTS, mappingRows);
      }
      Map<String, Instant> firstCommit = new HashMap<>();
      if (files.containsKey(PR_METRICS) && run.writes(LandingDataset.DEPLOYMENT_CHANGES)) {
        firstCommits(files.get(PR_METRICS), firstCommit);
      }
      if (files.containsKey(COMMITS) && run.writes(LandingDataset.DEPLOYMENT_CHANGES)) {
        changes(files.get(COMMITS), firstCommit);
      }
      if (files.containsKey(INCIDENTS) && run.writes(LandingDataset.INCIDENTS)) {
        incidents(files.get(INCIDENTS));
      }
    }

    /** One orgs or deployments row per project; every mapping row is folded into its project. */
    void projects(AdapterRun.Input in, LandingDataset ds, Map<String, Integer> mappingRows) {
      AdapterReport.Account acc = run.account(in, ds);
      for (Map.Entry<String, Integer> p : mappingRows.entrySet()) {
        for (int i = 0; i < p.getValue(); i++) {
          acc.read().written();
        }
        acc.rows(1);
        String project = p.getKey();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("org_id", org(project));
        if (ds == LandingDataset.ORGS) {
          run.report().derivedOrg(project);
          row.putAll(run.config().orgs());
          row.put("org_id", project);
          row.putIfAbsent("org_name", project);
        } else {
          row.put("deployment_id", project);
          row.put("name", project);
          for (String c :
              List.of(
                  "owner_team_id",
                  "lifecycle_stage",
                  "business_criticality",
                  "dependent_business_units",
                  "monitored",
                  "has_runbook",
                  "human_fallback")) {
            String v = s.defaults().get(c);
            if (v != null) {
              run.report().defaulted("deployments", c, project);
            }
            row.put(c, v);
          }
        }
        run.emit(ds, row);
      }
    }

    void firstCommits(AdapterRun.Input in, Map<String, Instant> firstCommit) throws IOException {
      AdapterReport.Account acc = run.account(in, LandingDataset.DEPLOYMENT_CHANGES);
      for (CSVRecord r : records(in)) {
        acc.read();
        String commit = value(r, "deployment_commit_id");
        String first = value(r, "first_commit_authored_date");
        if (commit == null || first == null) {
          acc.skipped(commit == null ? "not_deployed" : "no_first_commit");
          continue;
        }
        firstCommit.merge(commit, time(first), (a, b) -> a.isBefore(b) ? a : b);
        acc.merged();
      }
    }

    void changes(AdapterRun.Input in, Map<String, Instant> firstCommit) throws IOException {
      AdapterReport.Account acc = run.account(in, LandingDataset.DEPLOYMENT_CHANGES);
      for (CSVRecord r : records(in)) {
        acc.read();
        String id = value(r, "id");
        String position = "line " + (r.getRecordNumber() + 1);
        if (!s.environment().equals(value(r, "environment"))) {
          acc.skipped("environment");
          continue;
        }
        List<String> reasons = new ArrayList<>();
        if (id == null) {
          reasons.add("no_key");
        }
        String project = projectOf.get("cicd_scopes:" + value(r, "cicd_scope_id"));
        if (project == null && s.orgFromProject()) {
          reasons.add("no_org");
        } else if (project == null && s.projectGrain()) {
          reasons.add("no_deployment");
        }
        String result = value(r, "result");
        String outcome =
            "SUCCESS".equals(result) ? "success" : "FAILURE".equals(result) ? "failed" : null;
        if (outcome == null) {
          reasons.add("unmapped_result");
        }
        String finished = value(r, "finished_date");
        if (finished == null) {
          reasons.add("no_deployed_at");
        }
        if (!reasons.isEmpty()) {
          run.report().reject(acc, position, id, reasons, Redaction.excerpt(r.toMap()));
          continue;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("org_id", org(project));
        row.put("change_id", id);
        row.put(
            "deployment_id",
            s.projectGrain() ? project : value(r, "cicd_scope_id") + "|" + value(r, "repo_url"));
        row.put("change_type", s.defaults().get("change_type"));
        run.report().defaulted("deployment_changes", "change_type", id);
        row.put("first_commit_at", firstCommit.get(id));
        row.put("deployed_at", time(finished));
        row.put("outcome", outcome);
        row.put("x_devlake_deployment_id", value(r, "cicd_deployment_id"));
        run.emit(LandingDataset.DEPLOYMENT_CHANGES, row);
        acc.written().rows(1);
      }
    }

    void incidents(AdapterRun.Input in) throws IOException {
      AdapterReport.Account acc = run.account(in, LandingDataset.INCIDENTS);
      for (CSVRecord r : records(in)) {
        acc.read();
        String id = value(r, "id");
        String scope = value(r, "table") + ":" + value(r, "scope_id");
        String project = projectOf.get(scope);
        List<String> reasons = new ArrayList<>();
        if (id == null) {
          reasons.add("no_key");
        }
        if (project == null && s.orgFromProject()) {
          reasons.add("no_org");
        }
        String created = value(r, "created_date");
        if (!reasons.isEmpty()) {
          run.report()
              .reject(
                  acc,
                  "line " + (r.getRecordNumber() + 1),
                  id,
                  reasons,
                  Redaction.excerpt(r.toMap()));
          continue;
        }
        if (project == null && s.projectGrain()) {
          run.report().warn("dangling_ref", id + ": scope " + scope + " is in no project");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("org_id", org(project));
        row.put("incident_id", id);
        row.put("deployment_id", s.projectGrain() ? project : scope);
        row.put("severity", s.defaults().get("severity"));
        run.report().defaulted("incidents", "severity", id);
        row.put("opened_at", created == null ? null : time(created));
        String resolved = value(r, "resolution_date");
        row.put("resolved_at", resolved == null ? null : time(resolved));
        row.put("x_devlake_scope", scope);
        run.emit(LandingDataset.INCIDENTS, row);
        acc.written().rows(1);
      }
    }

    String org(String project) {
      return s.orgFromProject() ? project : run.org();
    }

    /** DevLake writes {@code 2023-4-10 6:51:47} (UTC, naive) and ISO times with an offset. */
    Instant time(String text) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException withoutOffset) {
        if (s.sourceTimezone() == null) {
          throw AdapterException.unusable(
              "devlake.source_timezone: set it (DevLake stores UTC) to read the zone-less"
                  + " timestamp '"
                  + text
                  + "'");
        }
        try {
          return LocalDateTime.parse(text.replace('T', ' '), NAIVE)
              .atZone(s.sourceTimezone())
              .toInstant();
        } catch (DateTimeParseException e) {
          throw AdapterException.unusable(
              "Cannot read the DevLake timestamp '" + text + "': " + e.getMessage());
        }
      }
    }
  }

  static String value(CSVRecord r, String column) {
    if (!r.isMapped(column) || !r.isSet(column)) {
      return null;
    }
    String v = r.get(column);
    return v.isEmpty() ? null : v;
  }

  static List<CSVRecord> records(AdapterRun.Input in) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
    try (Reader reader = Files.newBufferedReader(in.path(), StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      return parser.getRecords();
    }
  }
}
