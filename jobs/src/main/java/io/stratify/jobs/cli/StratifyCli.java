package io.stratify.jobs.cli;

import io.stratify.jobs.UnusableInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stratify} command line. Exit codes, for schedulers: 0 success; 2 bad arguments or
 * unusable input (the message says what to fix; retrying will not help); 1 anything else (a failure
 * worth a retry or a look at the log).
 */
@Command(
    name = "stratify",
    mixinStandardHelpOptions = true,
    versionProvider = StratifyCli.Version.class,
    description =
        "Measures whether an organisation can operationally support the AI it has deployed.",
    subcommands = {RunCommand.class, SqlCommand.class, GenerateCommand.class, ReviewCommand.class},
    footer = {"", "Exit codes: 0 success, 2 bad arguments or unusable input, 1 anything else."})
public final class StratifyCli implements Runnable {

  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_UNUSABLE_INPUT = 2;

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
