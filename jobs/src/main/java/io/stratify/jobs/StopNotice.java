package io.stratify.jobs;

import java.io.PrintStream;
import org.apache.logging.log4j.LogManager;
import sun.misc.Signal;

/**
 * What a run says when a signal stops it (Ctrl-C, or a scheduler's SIGTERM): one line naming what
 * was stopped, no stack trace, and the documented exit code ({@link RunOutcome#INTERRUPTED}, {@link
 * RunOutcome#TERMINATED}). The lakehouse needs nothing from here: every write is one Delta commit
 * and the marts switch in one publish commit, so a stopped run leaves the last complete state
 * (CrashSafetyTest kills runs to prove it); the lock it held is taken over by the next run.
 */
public final class StopNotice {

  private static volatile String activity = "stratify (starting)";
  private static volatile boolean stopping;

  private StopNotice() {}

  /** Installs the handlers (the command line's main only: tests run commands in-process). */
  public static void install(PrintStream err) {
    handle("INT", RunOutcome.INTERRUPTED, err);
    handle("TERM", RunOutcome.TERMINATED, err);
  }

  private static void handle(String signal, RunOutcome outcome, PrintStream err) {
    Signal.handle(
        new Signal(signal),
        s -> {
          stopping = true;
          // The run's threads now fail as Spark shuts down; their errors are not the news.
          LogManager.shutdown();
          err.println(
              "stratify: stopped by SIG"
                  + signal
                  + " during "
                  + activity
                  + ". Nothing half-written is visible: the published marts are those of the last"
                  + " complete run; run the same command again to finish (exit "
                  + outcome.exitCode()
                  + ")");
          err.flush();
          System.exit(outcome.exitCode());
        });
  }

  /** Records what is running now, for the notice: "stratify run 2026-04-26: stage marts". */
  public static void running(String what) {
    activity = what;
  }

  /** Whether a signal is stopping this process. */
  public static boolean stopping() {
    return stopping;
  }
}
