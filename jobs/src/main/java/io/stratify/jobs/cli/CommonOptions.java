package io.stratify.jobs.cli;

import io.stratify.common.config.StratifyConfig;
import io.stratify.jobs.UnusableInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** Options every command that touches the lakehouse shares. */
final class CommonOptions {

  /** A URI scheme of two characters or more, so that {@code C:\data} stays a path. */
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");

  /**
   * The user-info part of a URI ({@code s3a://KEY:SECRET@bucket/...}); the secret may hold an
   * unescaped {@code /}, as AWS secret keys do.
   */
  private static final Pattern USER_INFO =
      Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+://)[^/@:]*(:[^@]*)?@");

  @Option(
      names = "--lakehouse",
      paramLabel = "DIR",
      defaultValue = "lakehouse",
      description = "Lakehouse root: a directory or an s3a:// URI (default: ${DEFAULT-VALUE}).")
  String lakehouse;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A properties file of settings (see docs/configuration.md).")
  Path configFile;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = "A setting; wins over --config. spark.* keys go to Spark.")
  List<String> conf = new ArrayList<>();

  StratifyConfig config() {
    try {
      return StratifyConfig.load(configFile, overrides(), System.getenv());
    } catch (IOException e) {
      throw new UnusableInputException(
          "Cannot read config file " + configFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * The {@code --conf} pairs, split at their first {@code =}. Parsed here rather than by picocli,
   * whose error for a malformed pair repeats it: it may hold a secret key.
   */
  private Map<String, String> overrides() {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < conf.size(); i++) {
      String pair = conf.get(i);
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UnusableInputException(
            "Cannot use --conf number "
                + (i + 1)
                + ": not KEY=VALUE (it is not repeated here: it may hold a secret)");
      }
      pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return pairs;
  }

  /**
   * The root of a lakehouse that must already exist, for the commands that only read it or publish
   * from it ({@code sql}, {@code review}, {@code publish}): a mistyped path must not become a new
   * empty lakehouse with its own metastore. Only {@code run} and {@code ingest} create one. A local
   * root must be a directory holding a lakehouse's folders; an object store URI is taken as given
   * (its tables are looked up once Spark runs).
   */
  String existingLakehouseRoot(String action) {
    String root = lakehouseRoot();
    if (SCHEME.matcher(lakehouse).matches() && !lakehouse.startsWith("file:")) {
      return root;
    }
    Path dir = Path.of(root.startsWith("file:") ? java.net.URI.create(root).getPath() : root);
    boolean isLakehouse =
        Files.isDirectory(dir)
            && Stream.of("bronze", "silver", "marts", "ops", "_stratify")
                .anyMatch(layer -> Files.isDirectory(dir.resolve(layer)));
    if (!isLakehouse) {
      throw new UnusableInputException(
          "Cannot "
              + action
              + ": "
              + root
              + (Files.isDirectory(dir) ? " is not a lakehouse" : " does not exist")
              + " (give --lakehouse DIR of a lakehouse that `stratify run` has written)");
    }
    return root;
  }

  /** The lakehouse root as a URI-ish string Spark and Hadoop accept (local paths made absolute). */
  String lakehouseRoot() {
    return absolute(lakehouse);
  }

  /**
   * A location as Spark and Hadoop take it: a URI ({@code s3a://bucket/prefix}, {@code file:/dir})
   * as given, a local path made absolute. A URI with credentials in it is refused without repeating
   * them: Hadoop no longer reads them, and they would end up in logs and in the tables' history.
   */
  static String absolute(String location) {
    Matcher userInfo = USER_INFO.matcher(location);
    if (userInfo.find()) {
      throw new UnusableInputException(
          "Cannot use "
              + userInfo.replaceFirst("$1***@")
              + ": credentials in a URI are not supported; give them as settings"
              + " (spark.hadoop.fs.s3a.access.key, ...) or through the AWS credential chain"
              + " (see docs/object-storage.md)");
    }
    if (SCHEME.matcher(location).matches()) {
      return location;
    }
    return Path.of(location).toAbsolutePath().normalize().toString();
  }
}
