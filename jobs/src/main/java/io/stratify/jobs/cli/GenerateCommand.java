package io.stratify.jobs.cli;

import io.stratify.jobs.UnusableInputException;
import io.stratify.jobs.generate.GeneratorSettings;
import io.stratify.jobs.generate.GeneratorSummary;
import io.stratify.jobs.generate.LandingGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic landing zone: orgs within, approaching and past their support"
          + " boundary, with a sprinkling of bad rows of every kind.",
      "The same settings always give the same files."
    })
final class GenerateCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "An empty or new directory.")
  Path out;

  @Option(
      names = "--orgs",
      paramLabel = "N",
      description = "Organisations (default: " + GeneratorSettings.ORGS_DEFAULT + ").")
  Integer orgs;

  @Option(
      names = "--weeks",
      paramLabel = "W",
      description = "Weeks of history (default: " + GeneratorSettings.WEEKS_DEFAULT + ").")
  Integer weeks;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Random seed (default: " + GeneratorSettings.SEED_DEFAULT + ").")
  Long seed;

  @Override
  public Integer call() {
    GeneratorSettings settings = GeneratorSettings.defaults();
    try {
      if (orgs != null) {
        settings = settings.withOrgs(orgs);
      }
      if (weeks != null) {
        settings = settings.withWeeks(weeks);
      }
      if (seed != null) {
        settings = settings.withSeed(seed);
      }
    } catch (IllegalArgumentException e) {
      throw new UnusableInputException(e.getMessage(), e);
    }
    GeneratorSummary summary = LandingGenerator.generate(out, settings);
    System.out.printf(
        "Wrote %d files (%,d bytes) to %s: %d orgs, %d weeks from %s to %s, seed %d.%n",
        summary.filesWritten(),
        summary.bytesWritten(),
        out,
        settings.orgs(),
        settings.weeks(),
        settings.start(),
        settings.end(),
        settings.seed());
    summary
        .rowsWritten()
        .forEach((dataset, rows) -> System.out.printf("  %-19s %,8d rows%n", dataset, rows));
    System.out.printf(
        "  %d deliberately bad inputs (see the quarantine after a run).%n",
        summary.badInputs().size());
    System.out.printf("Next: scripts/stratify run --landing %s --lakehouse <dir>%n", out);
    return StratifyCli.EXIT_OK;
  }
}
