package io.stratify.jobs.cli;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.config.StratifyOptions;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.StratifySpark;
import io.stratify.jobs.maintain.TableMaintenance;
import io.stratify.jobs.maintain.TableMaintenance.Result;
import io.stratify.jobs.maintain.TableMaintenance.TableResult;
import io.stratify.jobs.publish.LakehouseLock;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description = {
      "Compacts the small files a lakehouse's nights leave behind (Delta OPTIMIZE) and deletes the"
          + " data files no recent table version references (Delta VACUUM, retention from the"
          + " setting maintain.vacuum-retention-hours, default 168). Takes the lakehouse lock, so"
          + " it never runs during a night. Run it weekly (see docs/scaling.md)."
    })
final class MaintainCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Option(
      names = "--no-vacuum",
      description = "Only compact; delete no files (time travel keeps every version).")
  boolean noVacuum;

  @Override
  public Integer call() {
    String root = common.existingLakehouseRoot("maintain the lakehouse");
    StratifyConfig config = common.config();
    Duration retention = Duration.ofHours(config.get(StratifyOptions.VACUUM_RETENTION_HOURS));
    try (StratifySpark.Scoped session = StratifySpark.scoped("stratify-maintain", config, root)) {
      Lakehouse lakehouse = new Lakehouse(session.spark(), root);
      PrintStream out = System.out;
      try (LakehouseLock lock =
          LakehouseLock.acquire(
              lakehouse,
              Duration.ofSeconds(config.get(StratifyOptions.LOCK_WAIT_SECONDS)),
              "stratify maintain",
              out::println)) {
        print(TableMaintenance.maintain(lakehouse, retention, !noVacuum), root, out);
      }
      return StratifyCli.EXIT_OK;
    }
  }

  static void print(Result result, String root, PrintStream out) {
    out.printf(
        "stratify maintain %s: %d tables, %d data files -> %d, %s.%n",
        root,
        result.tables().size(),
        result.filesBefore(),
        result.filesAfter(),
        result.vacuumed()
            ? result.filesVacuumed()
                + " unreferenced files older than "
                + result.retention().toHours()
                + " h deleted"
            : "nothing deleted (--no-vacuum)");
    out.printf(
        "  %-28s %8s %8s %10s %9s %9s%n",
        "table", "files", "after", "compacted", "vacuumed", "seconds");
    for (TableResult t : result.tables()) {
      out.printf(
          "  %-28s %8d %8d %10d %9d %9.1f%n",
          t.table(),
          t.filesBefore(),
          t.filesAfter(),
          t.filesCompacted(),
          result.vacuumed() ? t.filesVacuumed() : 0,
          t.took().toMillis() / 1000.0);
    }
    out.flush();
  }
}
