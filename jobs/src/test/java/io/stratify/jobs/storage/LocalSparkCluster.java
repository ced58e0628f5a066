package io.stratify.jobs.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on this machine, bound to 127.0.0.1 only: one master and its workers,
 * each a separate JVM started from the project's own Spark jars ({@code jobs/target/lib}, the local
 * launcher's classpath, without Stratify's and Delta's jars, as a Spark distribution has them), and
 * the {@code spark-submit} entry point against it. Every process it starts is destroyed by {@link
 * #close()}, and by a JVM shutdown hook should the test JVM end first.
 */
final class LocalSparkCluster implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final Path home;
  private final List<Process> processes = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();
  private final Thread hook = new Thread(this::destroyAll, "stop-local-spark-cluster");
  private String masterUrl;

  private LocalSparkCluster(Path home) {
    this.home = home;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * A SPARK_HOME under {@code dir} whose {@code jars/} links the launcher's Spark jars: the worker
   * builds its executors' classpath from it, as on a real installation.
   */
  static LocalSparkCluster prepare(Path projectDir, Path dir) throws IOException {
    Path lib = projectDir.resolve("jobs/target/lib");
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException(
          "Cannot start a Spark cluster: " + lib + " is missing; run mvn package first");
    }
    Path home = Files.createDirectories(dir.resolve("spark-home"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    // A RELEASE file makes Spark's launcher take jars/ as a distribution's jar folder.
    Files.writeString(home.resolve("RELEASE"), "Spark for Stratify's cluster tests\n");
    try (Stream<Path> files = Files.list(lib)) {
      for (Path jar : files.sorted().toList()) {
        String name = jar.getFileName().toString();
        if (name.endsWith(".jar") && !name.startsWith("stratify-") && !name.startsWith("delta-")) {
          Files.createSymbolicLink(jars.resolve(name), jar.toAbsolutePath());
        }
      }
    }
    return new LocalSparkCluster(home);
  }

  private int workerMemoryMb;
  private Duration joinTimeout;

  /** Starts the master and {@code workers} workers (one core each), and waits until all joined. */
  LocalSparkCluster start(int workers, int workerMemoryMb, Duration timeout) throws IOException {
    this.workerMemoryMb = workerMemoryMb;
    this.joinTimeout = timeout;
    Process master =
        java(
            "master",
            256,
            List.of(
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--webui-port",
                "0"));
    masterUrl =
        awaitLine(master, log("master"), Pattern.compile("Starting Spark master at (spark://\\S+)"))
            .group(1);
    for (int i = 1; i <= workers; i++) {
      addWorker();
    }
    return this;
  }

  /** Starts one more worker (one core) and waits until it registered with the master. */
  Process addWorker() throws IOException {
    String name = "worker-" + (workers.size() + 1);
    Process worker =
        java(
            name,
            256,
            List.of(
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--webui-port",
                "0",
                "--cores",
                "1",
                "--memory",
                this.workerMemoryMb + "m",
                "--work-dir",
                Files.createDirectories(home.resolve("work/" + name)).toString(),
                masterUrl));
    awaitLine(
        worker, log(name), Pattern.compile("Successfully registered with master"), joinTimeout);
    this.workers.add(worker);
    return worker;
  }

  /**
   * Kills a worker as a machine's loss would: its executors and itself, at once (SIGKILL), no
   * goodbye to the master or the driver.
   */
  void killWorker(Process worker) throws InterruptedException {
    worker.descendants().forEach(ProcessHandle::destroyForcibly);
    worker.destroyForcibly();
    worker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  String masterUrl() {
    return masterUrl;
  }

  /** The worker processes, in start order. */
  List<Process> workers() {
    return List.copyOf(workers);
  }

  /**
   * Starts {@code spark-submit} (Spark's own entry point, client deploy mode) with the given
   * arguments against this cluster; its output goes to {@code logs/<name>.log}.
   */
  Process submit(String name, List<String> submitArguments) throws IOException {
    List<String> args = new ArrayList<>();
    args.add("org.apache.spark.deploy.SparkSubmit");
    args.add("--master");
    args.add(masterUrl);
    args.addAll(submitArguments);
    return java(name, 1024, args);
  }

  Path log(String name) {
    return home.resolve("logs/" + name + ".log");
  }

  /** Waits, polling the log, for a line matching {@code pattern}; fails if the process ends. */
  Matcher awaitLine(Process process, Path log, Pattern pattern, Duration timeout)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Matcher> found = firstMatch(log, pattern);
      if (found.isPresent()) {
        return found.get();
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Cannot find '" + pattern + "': the process ended; its log: " + Files.readString(log));
      }
      pause();
    }
    throw new IllegalStateException(
        "Cannot find '" + pattern + "' within " + timeout + " in " + log);
  }

  private Matcher awaitLine(Process process, Path log, Pattern pattern) throws IOException {
    return awaitLine(process, log, pattern, Duration.ofSeconds(60));
  }

  /** The exit code of {@code process}, or a failure with its log when it runs past the timeout. */
  static int awaitExit(Process process, Path log, Duration timeout)
      throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "Cannot wait longer than " + timeout + " for " + log + ": " + Files.readString(log));
    }
    return process.exitValue();
  }

  private static Optional<Matcher> firstMatch(Path log, Pattern pattern) throws IOException {
    if (!Files.exists(log)) {
      return Optional.empty();
    }
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot wait: interrupted", e);
    }
  }

  private Process java(String name, int heapMb, List<String> args) throws IOException {
    Path log = log(name);
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heapMb + "m");
    for (String option : System.getProperty("stratify.jvm.options", "").split("\\s+")) {
      if (!option.isBlank()) {
        command.add(option);
      }
    }
    command.add("-cp");
    command.add(home.resolve("jars") + "/*");
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", home.resolve("tmp").toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.remove("SPARK_CONF_DIR");
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private void destroyAll() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    try {
      destroyAll();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
    }
  }
}
