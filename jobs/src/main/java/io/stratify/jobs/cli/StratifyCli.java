package io.stratify.jobs.cli;

import io.stratify.jobs.UnusableInputException;
import io.stratify.jobs.publish.LakehouseLockedException;
import io.stratify.jobs.publish.QualityGateFailedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stratify} command line. Exit codes, for schedulers: 0 success; 1 a failure worth a
 * retry or a look at the log; 2 bad arguments or unusable input (the message says what to fix;
 * retrying will not help); 3 the quality gate stopped the publish (the previous marts stay
 * visible); 4 another run holds the lakehouse.
 */
@Command(
    name = "stratify",
    mixinStandardHelpOptions = true,
    versionProvider = StratifyCli.Version.class,
    description =
        "Measures whether an organisation can operationally support the AI it has deployed.",
    subcommands = {
      StageCommand.Run.class,
      StageCommand.Ingest.class,
      StageCommand.Conform.class,
      StageCommand.Marts.class,
      SqlCommand.class,
      GenerateCommand.class,
      PublishCommand.class,
      WhatIfCommand.class,
      ReviewCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 success; 1 failure (worth a retry); 2 bad arguments or unusable input (fix it,",
      "do not retry); 3 quality gate failed (marts not published, the previous ones stay visible);",
      "4 another run holds the lakehouse. See docs/operations.md."
    })
public final class StratifyCli implements Runnable {

  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_UNUSABLE_INPUT = 2;
  public static final int EXIT_QUALITY_GATE = 3;
  public static final int EXIT_LOCKED = 4;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs one command and returns its exit code (tests call this instead of main). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new StratifyCli());
    cli.setExecutionExceptionHandler(StratifyCli::handle);
    return cli.execute(args);
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof QualityGateFailedException) {
      err.println("stratify: " + e.getMessage());
      err.flush();
      return EXIT_QUALITY_GATE;
    }
    if (e instanceof LakehouseLockedException) {
      err.println("stratify: " + e.getMessage());
      err.flush();
      return EXIT_LOCKED;
    }
    if (e instanceof org.apache.spark.sql.AnalysisException a) {
      err.println("stratify: " + a.getMessage().lines().findFirst().orElse(a.getMessage()));
      err.flush();
      return EXIT_UNUSABLE_INPUT;
    }
    if (e instanceof UnusableInputException || e instanceof IllegalArgumentException) {
      err.println("stratify: " + e.getMessage());
      err.flush();
      return EXIT_UNUSABLE_INPUT;
    }
    err.println("stratify: failed: " + e);
    e.printStackTrace(err);
    err.flush();
    return EXIT_FAILURE;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = StratifyCli.class.getPackage().getImplementationVersion();
      return new String[] {"stratify " + (v == null ? "dev" : v)};
    }
  }
}
