package io.stratify.common.adapt.usage;

import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.contract.LandingDataset;
import java.math.BigDecimal;
import java.util.List;

/**
 * The accounting of a usage run in the framework's report (ADAPTERS.md §2, §5), per input file of
 * inference_usage. A record folded into a daily aggregate is written or rejected only when the
 * aggregate is decided (negative net cost, merge partner), so {@link DailyUsage} keeps its records
 * per file until then. Rejected cost is summed per reason.
 */
final class UsageLedger {
  private static final String DATASET = LandingDataset.INFERENCE_USAGE.folder();

  private final AdapterReport report;

  UsageLedger(AdapterReport report) {
    this.report = report;
  }

  void read(String file) {
    report.account(file, DATASET).read();
  }

  void skip(String file, String rule) {
    report.account(file, DATASET).skipped(rule);
  }

  /**
   * Rejects one record; the excerpt holds only the named fields given (never a raw vendor record:
   * prompts, completions and keys stay out of the report).
   */
  void reject(String file, String position, String vendorId, String code, BigDecimal costUsd) {
    reject(file, 1, position, vendorId, code, costUsd);
  }

  /** Rejects {@code records} records of one file that fold into one aggregate. */
  void reject(
      String file,
      long records,
      String position,
      String vendorId,
      String code,
      BigDecimal costUsd) {
    report.reject(
        report.account(file, DATASET),
        records,
        position,
        vendorId,
        List.of(code),
        costUsd == null ? "" : "{\"cost_usd\":\"" + costUsd.toPlainString() + "\"}");
    report.rejectedCost(code, costUsd);
  }

  /**
   * Rejects {@code records} records of a file that cannot be read (REJECT {@code unparseable}, as
   * one entry with the reader's reason); they count as read, so the file's account balances.
   */
  void unreadable(String file, long records, String position, String why) {
    AdapterReport.Account account = report.account(file, DATASET);
    for (long i = 0; i < records; i++) {
      account.read();
    }
    report.reject(account, records, position, null, List.of("unparseable"), why);
  }

  void warn(String code, String example) {
    report.warn(code, example);
  }

  void defaulted(String column, String example) {
    report.defaulted(DATASET, column, example);
  }

  void written(String file, long records) {
    AdapterReport.Account account = report.account(file, DATASET);
    for (long i = 0; i < records; i++) {
      account.written();
    }
  }

  void rows(String file, long rows) {
    report.account(file, DATASET).rows(rows);
  }
}
