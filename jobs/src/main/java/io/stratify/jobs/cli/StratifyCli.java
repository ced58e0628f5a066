package io.stratify.jobs.cli;

import io.stratify.jobs.RunOutcome;
import io.stratify.jobs.StopNotice;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stratify} command line. Its exit codes are {@link RunOutcome}'s, the one mapping the
 * run report, docs/operations.md and the Airflow DAG follow.
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
      ReviewCommand.class,
      AdaptCommand.class,
      MaintainCommand.class
    },
    footer = {"", "Exit codes: see docs/operations.md (the one table)."})
public final class StratifyCli implements Runnable {

  public static final int EXIT_OK = RunOutcome.SUCCEEDED.exitCode();
  public static final int EXIT_FAILURE = RunOutcome.FAILED.exitCode();
  public static final int EXIT_UNUSABLE_INPUT = RunOutcome.UNUSABLE_INPUT.exitCode();
  public static final int EXIT_QUALITY_GATE = RunOutcome.GATE_STOPPED.exitCode();
  public static final int EXIT_LOCKED = RunOutcome.LOCKED.exitCode();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
  }

  public static void main(String[] args) {
    StopNotice.install(System.err);
    // What a signal would stop, until the command says more ("stratify run 2026-04-26: ...").
    Arrays.stream(args)
        .filter(a -> !a.startsWith("-"))
        .findFirst()
        .ifPresent(command -> StopNotice.running("stratify " + command));
    System.exit(execute(args));
  }

  /** Runs one command and returns its exit code (tests call this instead of main). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new StratifyCli());
    cli.setExecutionExceptionHandler(StratifyCli::handle);
    return cli.execute(args);
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    RunOutcome outcome = RunOutcome.of(e);
    if (StopNotice.stopping()) {
      // A signal stopped the run: the shutdown hook said what was stopped; the failures it caused
      // in the run's threads are not the cause.
      return outcome.exitCode();
    }
    PrintWriter err = cli.getErr();
    if (outcome == RunOutcome.FAILED) {
      err.println("stratify: failed: " + RunOutcome.firstLine(e));
      e.printStackTrace(err);
    } else {
      err.println("stratify: " + RunOutcome.firstLine(e));
    }
    err.flush();
    return outcome.exitCode();
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = StratifyCli.class.getPackage().getImplementationVersion();
      return new String[] {"stratify " + (v == null ? "dev" : v)};
    }
  }
}
