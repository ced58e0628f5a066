package io.stratify.jobs.cli;

import java.time.LocalDate;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --org} and {@code --date} of the commands that read one org's marts as of a run date. */
final class OrgDateOptions {

  @Option(names = "--org", required = true, paramLabel = "ORG", description = "The org_id.")
  String org;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "A run date of the marts (default: the latest).")
  String date;

  /** The run date asked for; empty for the latest. */
  Optional<LocalDate> runDate() {
    return date == null ? Optional.empty() : Optional.of(StageCommand.parse("--date", date));
  }
}
