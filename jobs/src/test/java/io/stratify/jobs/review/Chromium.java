package io.stratify.jobs.review;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, run on a local file with a fresh profile and no network features: the
 * rendered DOM, or a screenshot. Each call is one process, killed if it outlives its timeout.
 */
final class Chromium {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 120;

  private final Path workDir;

  /**
   * @param workDir a directory for the profiles and logs of the runs
   */
  Chromium(Path workDir) {
    this.workDir = workDir;
  }

  /** Fails the test, saying how to install Chromium, when it is missing. */
  static void require() {
    if (!Files.isExecutable(BINARY)) {
      fail(
          "Headless Chromium is needed to render the review page, and "
              + BINARY
              + " is missing: install it with `apt-get install -y chromium` (the build does, scripts/test-prerequisites)");
    }
  }

  /** The DOM after the page's scripts ran (5 s of virtual time). */
  String dumpDom(Path page) throws IOException, InterruptedException {
    Path dom = run(page, List.of("--dump-dom"));
    return Files.readString(dom, StandardCharsets.UTF_8);
  }

  /** A PNG of the top {@code width x height} pixels of the page. */
  void screenshot(Path page, Path png, int width, int height)
      throws IOException, InterruptedException {
    run(
        page,
        List.of(
            "--hide-scrollbars",
            "--window-size=" + width + "," + height,
            "--screenshot=" + png.toAbsolutePath()));
  }

  /** The page printed to PDF on the browser's default paper (Letter), without header or footer. */
  void printToPdf(Path page, Path pdf) throws IOException, InterruptedException {
    run(page, List.of("--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath()));
  }

  private Path run(Path page, List<String> action) throws IOException, InterruptedException {
    require();
    Path profile = Files.createTempDirectory(workDir, "chromium-profile");
    Path stdout = Files.createTempFile(workDir, "chromium", ".out");
    Path stderr = Files.createTempFile(workDir, "chromium", ".err");
    List<String> command =
        new ArrayList<>(
            List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=5000"));
    command.addAll(action);
    command.add(page.toAbsolutePath().toUri().toString());
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        fail("Chromium did not finish in " + TIMEOUT_SECONDS + " s: " + Files.readString(stderr));
      }
      if (process.exitValue() != 0) {
        fail("Chromium exited with " + process.exitValue() + ": " + Files.readString(stderr));
      }
      return stdout;
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
