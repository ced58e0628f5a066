package io.stratify.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small landing zones for tests: {@code <root>/<dataset>/dt=<dt>/<file>}. */
public final class LandingFixture {

  private final Path root;

  public LandingFixture(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Writes a file of the given lines (joined by LF, ending with LF). */
  public LandingFixture file(String dataset, String dt, String name, String... lines) {
    return bytes(
        dataset, dt, name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public LandingFixture bytes(String dataset, String dt, String name, byte[] content) {
    try {
      Path dir = root.resolve(dataset).resolve("dt=" + dt);
      Files.createDirectories(dir);
      Files.write(dir.resolve(name), content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the whole landing zone to {@code target}, for runs that must not share state. */
  public LandingFixture copyTo(Path target) {
    try (var paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path t = target.resolve(root.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
      return new LandingFixture(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
