package io.stratify.jobs.cli;

import io.stratify.common.config.StratifyConfig;
import io.stratify.jobs.UnusableInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command that touches the lakehouse shares. */
final class CommonOptions {

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
  Map<String, String> conf = new LinkedHashMap<>();

  StratifyConfig config() {
    try {
      return StratifyConfig.load(configFile, conf, System.getenv());
    } catch (IOException e) {
      throw new UnusableInputException(
          "Cannot read config file " + configFile + ": " + e.getMessage(), e);
    }
  }

  /** The lakehouse root as a URI-ish string Spark and Hadoop accept (local paths made absolute). */
  String lakehouseRoot() {
    return absolute(lakehouse);
  }

  static String absolute(String location) {
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return location;
    }
    return Path.of(location).toAbsolutePath().normalize().toString();
  }
}
