package io.stratify.common.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code adapt --all} and {@code run --adapt} (ADAPTERS.md section 3): adapt every drop under
 * {@code <landing>/_vendor/<format>/<org>/dt=D/} with {@code dt <= date} not adapted yet (no report
 * with exit code 0), always re-adapt {@code dt = date}, ignore later dts; order dt, format, org.
 */
public final class VendorDrops {
  /** One vendor drop. */
  public record Drop(String format, String org, LocalDate dt, Path folder) {}

  private VendorDrops() {}

  /** The drops to adapt for {@code date}, in order. */
  public static List<Drop> pending(Path landing, LocalDate date) throws IOException {
    Path vendor = landing.resolve("_vendor");
    List<Drop> out = new ArrayList<>();
    if (!Files.isDirectory(vendor)) {
      return out;
    }
    for (Path f : list(vendor)) {
      for (Path o : list(f)) {
        for (Path d : list(o)) {
          String n = d.getFileName().toString();
          if (!n.startsWith("dt=")) {
            continue;
          }
          LocalDate dt;
          try {
            dt = LocalDate.parse(n.substring(3));
          } catch (DateTimeParseException e) {
            continue;
          }
          if (dt.isAfter(date)) {
            continue;
          }
          Drop drop = new Drop(f.getFileName().toString(), o.getFileName().toString(), dt, d);
          if (dt.equals(date) || !adapted(landing, drop)) {
            out.add(drop);
          }
        }
      }
    }
    out.sort(Comparator.comparing(Drop::dt).thenComparing(Drop::format).thenComparing(Drop::org));
    return out;
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    }
  }

  private static boolean adapted(Path landing, Drop d) {
    Path report = AdapterRunner.reportPath(landing, d.format(), d.org(), d.dt());
    if (!Files.exists(report)) {
      return false;
    }
    try {
      JsonNode n = JsonStream.tree(report);
      return n.path("exit_code").asInt(-1) == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Adapts every pending drop with {@code config}; returns 1 if any drop failed retryably, else 2
   * if any was unusable, else 0. The {@code <org>} folder is the org_id (passed as --org).
   */
  public static int adaptAll(Path config, Path landing, LocalDate date, PrintStream out)
      throws IOException {
    boolean retry = false;
    boolean unusable = false;
    for (Drop d : pending(landing, date)) {
      AdapterReport r =
          AdapterRunner.run(
              new AdapterRunner.Request(
                  d.format(), d.folder(), landing, d.dt(), d.org(), config, null, false, null),
              out);
      retry |= r.exitCode() == AdapterException.RETRYABLE;
      unusable |= r.exitCode() == AdapterException.UNUSABLE;
    }
    return retry ? AdapterException.RETRYABLE : unusable ? AdapterException.UNUSABLE : 0;
  }
}
