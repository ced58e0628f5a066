package io.stratify.common.adapt.incident;

import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRun;
import io.stratify.common.contract.LandingDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands an incident conversion's tables and accounting to the framework's run: rows emitted for the
 * datasets this run writes (the config's {@code owners:} may give some away), every count and
 * rejection into the report, every WARN with its examples.
 */
final class RunReplay {

  private RunReplay() {}

  /** The run's inputs as the converters read them (folder = the kind for folder-per-kind drops). */
  static List<VendorFiles.InputFile> inputs(AdapterRun run) {
    List<VendorFiles.InputFile> files = new ArrayList<>();
    for (AdapterRun.Input in : run.inputs()) {
      Path parent = in.path().toAbsolutePath().getParent();
      files.add(
          new VendorFiles.InputFile(
              in.path(), in.name(), parent == null ? "" : parent.getFileName().toString()));
    }
    return files;
  }

  static void replay(AdapterRun run, Accounting accounting, List<OutputTable> tables) {
    for (OutputTable table : tables) {
      LandingDataset ds = LandingDataset.fromFolder(table.dataset()).orElseThrow();
      if (!run.writes(ds)) {
        continue;
      }
      for (String[] r : table.rows()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < r.length; i++) {
          row.put(table.columns().get(i), r[i]);
        }
        run.emit(ds, row);
      }
    }
    AdapterReport report = run.report();
    accounting
        .counts()
        .forEach(
            (key, c) -> {
              int split = key.indexOf('\0');
              String file = key.substring(0, split);
              String dataset = key.substring(split + 1);
              if (!written(run, dataset)) {
                return;
              }
              AdapterReport.Account account = report.account(file, dataset);
              for (long i = 0; i < c.read; i++) {
                account.read();
              }
              for (long i = 0; i < c.written; i++) {
                account.written();
              }
              account.rows(c.rows);
              c.skipped.forEach(
                  (rule, n) -> {
                    for (long i = 0; i < n; i++) {
                      account.skipped(rule);
                    }
                  });
              for (long i = 0; i < c.duplicates; i++) {
                account.merged();
              }
              for (Accounting.Rejection x : accounting.rejections()) {
                if (x.file().equals(file) && x.dataset().equals(dataset)) {
                  report.reject(
                      account,
                      x.position(),
                      x.vendorId(),
                      x.reasons(),
                      x.excerpt() == null ? "" : x.excerpt());
                }
              }
            });
    warnings(accounting, report);
  }

  /** The accounting's WARNs into the framework report (defaults as defaulted team columns). */
  static void warnings(Accounting accounting, AdapterReport report) {
    accounting
        .warnings()
        .forEach(
            (code, count) -> {
              List<String> examples = accounting.warningExamples().get(code);
              for (long i = 0; i < count; i++) {
                String example = examples.get((int) Math.min(i, examples.size() - 1));
                if (code.startsWith("default_used:")) {
                  report.defaulted("teams", code.substring("default_used:".length()), example);
                } else {
                  report.warn(code, example);
                }
              }
            });
  }

  /** Non-landing kinds (users, oncalls, services...) are always reported; datasets when written. */
  private static boolean written(AdapterRun run, String dataset) {
    return LandingDataset.fromFolder(dataset).map(run::writes).orElse(true);
  }
}
