package io.stratify.common.adapt;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.LandingField;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one adapter (ADAPTERS.md section 3): validate, convert, account, write, report. */
public final class AdapterRunner {
  /** The options of {@code stratify adapt FORMAT}. */
  public record Request(
      String format,
      Path in,
      Path landing,
      LocalDate dt,
      String org,
      Path config,
      Path report,
      boolean dryRun,
      Path onCallIn,
      Path costIn) {
    /** Without {@code --cost-in}: a merge reads its cost_from drop under {@code _vendor}. */
    public Request(
        String format,
        Path in,
        Path landing,
        LocalDate dt,
        String org,
        Path config,
        Path report,
        boolean dryRun,
        Path onCallIn) {
      this(format, in, landing, dt, org, config, report, dryRun, onCallIn, null);
    }
  }

  private AdapterRunner() {}

  /** The default report path: {@code <landing>/_adapter_reports/<format>-<org>-<dt>.json}. */
  public static Path reportPath(Path landing, String format, String orgLabel, LocalDate dt) {
    return landing
        .resolve("_adapter_reports")
        .resolve(format + "-" + orgLabel + "-" + dt + ".json");
  }

  /**
   * Adapts one export; the returned report carries the exit code (0, 1 or 2) and has been written
   * (unless a dry run without {@code --report}). The summary goes to {@code out}.
   */
  public static AdapterReport run(Request req, PrintStream out) {
    Instant started = Instant.now();
    AdapterFormat format =
        AdapterRegistry.find(req.format())
            .orElseThrow(
                () ->
                    AdapterException.unusable(
                        "Unknown adapter format '"
                            + req.format()
                            + "'; known: "
                            + AdapterRegistry.names()));
    String label = req.org() != null ? req.org() : "all";
    AdapterReport report = null;
    Path reportFile = null;
    try {
      AdapterConfig config =
          req.config() == null ? AdapterConfig.none() : AdapterConfig.load(req.config());
      String org = req.org() != null ? req.org() : config.org().orElse(null);
      label = org != null ? org : "all";
      report = new AdapterReport(format.name(), label, req.dt().toString());
      report.started(started);
      report.config(config.file() == null ? null : config.file().toString(), config.hash());
      reportFile =
          req.report() != null
              ? req.report()
              : req.dryRun() ? null : reportPath(req.landing(), format.name(), label, req.dt());
      FormatSection section = format.parseSection(config.section(format.name()));
      if (org == null && !section.derivesOrgs()) {
        throw AdapterException.unusable(
            "No org: give --org ORG or set org: in the config (format "
                + format.name()
                + " does not derive orgs)");
      }
      List<String> missing = missingRequired(format, config, section, org != null);
      if (!missing.isEmpty()) {
        throw AdapterException.unusable(
            "Required landing column(s) "
                + String.join(", ", missing)
                + " have neither a vendor field, a map: nor a defaults: entry"
                + (config.file() == null ? " (no --config given)" : " in " + config.file()));
      }
      AdapterRun run =
          new AdapterRun(
              format,
              config,
              section,
              org,
              label,
              req.dt(),
              AdapterRun.inputs(req.in()),
              req.landing(),
              req.onCallIn(),
              req.costIn(),
              report);
      FormatSniffer.check(format.name(), run.inputs());
      run.checkOnCall();
      format.convert(run);
      run.assignOnCall();
      List<AdapterReport.Account> unbalanced = report.unbalanced();
      if (!unbalanced.isEmpty()) {
        AdapterReport.Account a = unbalanced.get(0);
        throw AdapterException.unusable(
            "Accounting identity fails for "
                + a.file()
                + " / "
                + a.dataset()
                + " (adapter bug: read != written + rejected + skipped + merged)");
      }
      if (config.rejectedPct().isPresent()) {
        double limit = config.rejectedPct().get();
        for (AdapterReport.Account a : report.accounts()) {
          if (a.read > 0 && 100.0 * a.rejected / a.read > limit) {
            throw AdapterException.unusable(
                String.format(
                    "fail_if.rejected_pct: %s / %s rejected %d of %d records (> %s%%)",
                    a.file(), a.dataset(), a.rejected, a.read, limit));
          }
        }
      }
      if (!req.dryRun()) {
        LandingOutput.write(req.landing(), format, label, req.dt(), run.rows());
      }
      report.finish(0, "");
    } catch (AdapterException e) {
      report = ensure(report, format, label, req, started);
      report.finish(e.exitCode(), e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      report = ensure(report, format, label, req, started);
      report.finish(AdapterException.RETRYABLE, "I/O error: " + e.getMessage());
    }
    if (reportFile == null && !req.dryRun()) {
      reportFile = reportPath(req.landing(), format.name(), label, req.dt());
    }
    if (reportFile != null) {
      try {
        report.write(reportFile);
      } catch (IOException e) {
        out.println("Cannot write the adapter report " + reportFile + ": " + e);
        if (report.exitCode() == 0) {
          report.finish(AdapterException.RETRYABLE, "cannot write report: " + e.getMessage());
        }
      }
    }
    out.print(report.summary());
    return report;
  }

  private static AdapterReport ensure(
      AdapterReport r, AdapterFormat f, String label, Request req, Instant started) {
    if (r != null) {
      return r;
    }
    AdapterReport n = new AdapterReport(f.name(), label, req.dt().toString());
    n.started(started);
    return n;
  }

  /** "dataset.column" of every required column without a source. */
  static List<String> missingRequired(
      AdapterFormat format, AdapterConfig config, FormatSection section, boolean orgGiven) {
    List<String> missing = new ArrayList<>();
    for (LandingDataset ds : config.datasetsWrittenBy(format)) {
      for (LandingField f : ds.fields()) {
        if (f.required()
            && sources(ds, f.name(), config, section, orgGiven).stream()
                .noneMatch(ColumnSource::always)) {
          missing.add(ds.folder() + "." + f.name());
        }
      }
    }
    return missing;
  }

  /** The sources of one column in precedence order: the format's, then the framework's. */
  static List<ColumnSource> sources(
      LandingDataset ds,
      String column,
      AdapterConfig config,
      FormatSection section,
      boolean orgGiven) {
    List<ColumnSource> out = new ArrayList<>(section.sources(ds, column, config));
    if (column.equals("org_id") && out.isEmpty() && orgGiven) {
      out.add(ColumnSource.always("--org > org:"));
    }
    if (ds == LandingDataset.ORGS && config.orgs().containsKey(column)) {
      out.add(ColumnSource.always("orgs: " + column));
    }
    return out;
  }

  /**
   * {@code adapt --explain}: per dataset the config makes each format write (only {@code
   * onlyFormat}'s if given), where each landing column comes from; returns 2 if a required column
   * has NONE.
   */
  public static int explain(Path configFile, String onlyFormat, PrintStream out) {
    AdapterConfig config = AdapterConfig.load(configFile);
    List<String> formats = new ArrayList<>();
    if (onlyFormat != null) {
      formats.add(onlyFormat);
    } else {
      for (String f : config.sectionNames()) {
        formats.add(f);
      }
      for (Map.Entry<String, String> o : config.owners().entrySet()) {
        if (!formats.contains(o.getValue())) {
          formats.add(o.getValue());
        }
      }
    }
    int code = 0;
    for (String name : formats) {
      AdapterFormat format =
          AdapterRegistry.find(name)
              .orElseThrow(() -> AdapterException.unusable("Unknown adapter format " + name));
      FormatSection section = format.parseSection(config.section(name));
      out.println("# " + name);
      if (config.datasetsWrittenBy(format).isEmpty()) {
        out.println(
            config.merge().map(m -> m.costFrom().equals(name)).orElse(false)
                ? "(cost_from of the inference_usage merge: read by the "
                    + config.merge().get().usageFrom()
                    + " run, writes nothing itself)"
                : "(writes no dataset: owners: gives them to other formats)");
      }
      for (LandingDataset ds : config.datasetsWrittenBy(format)) {
        for (LandingField f : ds.fields()) {
          List<ColumnSource> src = sources(ds, f.name(), config, section, true);
          List<String> parts =
              new ArrayList<>(src.stream().map(ColumnSource::description).toList());
          boolean filled = src.stream().anyMatch(ColumnSource::always);
          if (!filled) {
            parts.add("NONE");
            if (f.required()) {
              code = AdapterException.UNUSABLE;
            }
          }
          String where = String.join(" > ", parts);
          out.printf(
              "%-46s %s%n", ds.folder() + "." + f.name() + (f.required() ? " (R)" : ""), where);
        }
      }
    }
    return code;
  }
}
