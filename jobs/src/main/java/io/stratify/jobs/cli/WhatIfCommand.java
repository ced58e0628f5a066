package io.stratify.jobs.cli;

import io.stratify.common.config.StratifyConfig;
import io.stratify.common.io.Lakehouse;
import io.stratify.common.metrics.StaffingWhatIf;
import io.stratify.jobs.StratifySpark;
import io.stratify.jobs.UnusableInputException;
import io.stratify.jobs.review.RecordedSettings;
import io.stratify.jobs.review.StaffingScenario;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "whatif",
    mixinStandardHelpOptions = true,
    description = {
      "Staffing what-if of one org (METRICS.md v1.2): on its latest complete week, how many"
          + " on-call engineers would take it out of 'exceeded' and bring it 'within', and the"
          + " supportability ratio, boundary status and boundary forecast date with engineers"
          + " added or deployments retired.",
      "Thresholds and points per engineer are those recorded with the marts version read."
    })
final class WhatIfCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Mixin OrgDateOptions target;

  @Option(
      names = "--add-oncall",
      paramLabel = "N",
      defaultValue = "0",
      description = "On-call engineers to add (default: ${DEFAULT-VALUE}).")
  int addOncall;

  @Option(
      names = "--retire",
      paramLabel = "ID,...",
      split = ",",
      description = "Deployment ids to retire; pilots among them change nothing.")
  List<String> retire = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "table|csv",
      defaultValue = "table",
      description = "table (default) or csv (one header line, one row; columns as in METRICS.md).")
  String format;

  @Override
  public Integer call() {
    if (!format.equals("table") && !format.equals("csv")) {
      throw new UnusableInputException(
          "Cannot print the what-if as '" + format + "': give --format table or --format csv");
    }
    if (addOncall < 0) {
      throw new UnusableInputException(
          "Cannot add " + addOncall + " on-call engineers: give --add-oncall 0 or more");
    }
    Optional<LocalDate> asOf = target.runDate();
    List<String> ids = retire.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    String root = common.existingLakehouseRoot("compute the what-if");
    StratifyConfig config = common.config();
    try (StratifySpark.Scoped session = StratifySpark.scoped("stratify-whatif", config, root)) {
      Lakehouse lakehouse = new Lakehouse(session.spark(), root);
      RecordedSettings settings = RecordedSettings.read(lakehouse, config);
      StaffingWhatIf result =
          StaffingScenario.load(lakehouse, settings, target.org, asOf, addOncall, ids);
      System.out.print(format.equals("csv") ? csv(result) : table(result, settings));
      return StratifyCli.EXIT_OK;
    }
  }

  static String csv(StaffingWhatIf result) {
    return String.join(",", StaffingWhatIf.COLUMNS)
        + "\n"
        + result.values().stream().map(WhatIfCommand::csvField).collect(Collectors.joining(","))
        + "\n";
  }

  private static String csvField(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\""
        : value;
  }

  static String table(StaffingWhatIf result, RecordedSettings settings) {
    StringBuilder out = new StringBuilder();
    List<String> values = result.values();
    int width = StaffingWhatIf.COLUMNS.stream().mapToInt(String::length).max().orElse(0);
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      out.append(String.format("%-" + width + "s  %s%n", StaffingWhatIf.COLUMNS.get(i), value));
    }
    return out.append(settings.footnote()).append(System.lineSeparator()).toString();
  }
}
