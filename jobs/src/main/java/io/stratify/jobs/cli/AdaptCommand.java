package io.stratify.jobs.cli;

import io.stratify.common.adapt.AdapterException;
import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRunner;
import io.stratify.common.adapt.VendorDrops;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "adapt",
    mixinStandardHelpOptions = true,
    description = {
      "Converts a vendor export (Backstage, SCIM, ...) into landing files (docs/adapters.md).",
      "  adapt FORMAT --in PATH --landing DIR --dt D [--org ORG] [--config F] [--report F]"
          + " [--dry-run]",
      "  adapt --explain --config F [FORMAT]",
      "  adapt --all --config F --landing DIR --date D"
    })
final class AdaptCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FORMAT", description = "Vendor format.")
  String format;

  @Option(names = "--in", paramLabel = "PATH", description = "Export file or folder.")
  Path in;

  @Option(names = "--landing", paramLabel = "DIR", description = "Landing zone.")
  Path landing;

  @Option(names = "--dt", paramLabel = "YYYY-MM-DD", description = "Extract date of the drop.")
  LocalDate dt;

  @Option(names = "--org", paramLabel = "ORG", description = "org_id (overrides org:).")
  String org;

  @Option(names = "--config", paramLabel = "FILE.yaml", description = "Adapter configuration.")
  Path config;

  @Option(names = "--report", paramLabel = "FILE.json", description = "Report path.")
  Path report;

  @Option(names = "--dry-run", description = "Convert and check, write no landing file.")
  boolean dryRun;

  @Option(
      names = "--on-call-in",
      paramLabel = "PATH",
      description = "The on-call vendor's drop (default <landing>/_vendor/<vendor>/<org>/dt=D/).")
  Path onCallIn;

  @Option(
      names = "--cost-in",
      paramLabel = "PATH",
      description =
          "The cost_from export of an inference_usage merge (default"
              + " <landing>/_vendor/<cost_from>/<org>/dt=D/).")
  Path costIn;

  @Option(names = "--explain", description = "Print where each landing column comes from.")
  boolean explain;

  @Option(names = "--all", description = "Adapt every pending drop under <landing>/_vendor/.")
  boolean all;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Run date for --all.")
  LocalDate date;

  @Override
  public Integer call() {
    try {
      if (explain) {
        require(config, "--config");
        return AdapterRunner.explain(config, format, System.out);
      }
      if (all) {
        require(config, "--config");
        require(landing, "--landing");
        require(date, "--date");
        return VendorDrops.adaptAll(config, landing, date, System.out);
      }
      require(format, "FORMAT");
      require(in, "--in");
      require(landing, "--landing");
      require(dt, "--dt");
      AdapterReport r =
          AdapterRunner.run(
              new AdapterRunner.Request(
                  format, in, landing, dt, org, config, report, dryRun, onCallIn, costIn),
              System.out);
      if (r.exitCode() != 0) {
        System.err.println(r.reason());
      }
      return r.exitCode();
    } catch (AdapterException e) {
      System.err.println(e.getMessage());
      return e.exitCode();
    } catch (IOException e) {
      System.err.println("I/O error: " + e.getMessage());
      return StratifyCli.EXIT_FAILURE;
    }
  }

  /** {@code run --adapt}: adapt the pending vendor drops of a local landing zone. */
  static int adaptAll(Path config, String landing, LocalDate date) {
    String root = landing == null ? StageCommand.defaultLanding() : landing;
    if (root.contains("://")) {
      System.err.println("--adapt needs a local landing directory, not " + root);
      return StratifyCli.EXIT_UNUSABLE_INPUT;
    }
    try {
      return VendorDrops.adaptAll(config, Path.of(root), date, System.out);
    } catch (AdapterException e) {
      System.err.println(e.getMessage());
      return e.exitCode();
    } catch (IOException e) {
      System.err.println("I/O error while adapting vendor drops: " + e.getMessage());
      return StratifyCli.EXIT_FAILURE;
    }
  }

  private static void require(Object value, String name) {
    if (value == null) {
      throw AdapterException.unusable("Missing " + name + " (see stratify adapt --help)");
    }
  }
}
