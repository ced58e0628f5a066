package io.stratify.common.adapt.incident;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one vendor drop (ADAPTERS §3 {@code --in}): a file, or a folder read recursively,
 * names starting with {@code .} or {@code _} ignored, in path order so that runs are deterministic.
 */
final class VendorFiles {

  /** One input file with the name the report gives it (relative to {@code --in}). */
  record InputFile(Path path, String name, String folder) {}

  private VendorFiles() {}

  /** The files of several inputs, in the order given. */
  static List<InputFile> list(Path... inputs) throws IOException {
    List<InputFile> files = new java.util.ArrayList<>();
    for (Path in : inputs) {
      files.addAll(list(in));
    }
    return files;
  }

  static List<InputFile> list(Path in) throws IOException {
    if (Files.isRegularFile(in)) {
      Path parent = in.toAbsolutePath().getParent();
      return List.of(
          new InputFile(
              in,
              in.getFileName().toString(),
              parent == null ? "" : parent.getFileName().toString()));
    }
    try (Stream<Path> walk = Files.walk(in)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !hidden(in.relativize(p)))
          .sorted()
          .map(
              p ->
                  new InputFile(
                      p,
                      in.relativize(p).toString().replace('\\', '/'),
                      p.getParent().getFileName().toString()))
          .toList();
    }
  }

  private static boolean hidden(Path relative) {
    // A DevLake raw table (_raw_*.csv) is therefore read only when --in names it directly.
    for (Path part : relative) {
      String s = part.toString();
      if (s.startsWith(".") || s.startsWith("_")) {
        return true;
      }
    }
    return false;
  }
}
