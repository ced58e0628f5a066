package io.stratify.common.adapt.incident;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.landing.LandingFileReader;
import io.stratify.common.landing.LandingFormat;
import io.stratify.common.landing.LandingRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The last fallback for an incident event's team (ADAPTERS §8.1): the owner team of the incident's
 * mapped deployment, read from the deployments snapshot already in the landing zone for the org
 * (the latest {@code dt <=} the run's). {@code adapt --all} and {@code run --adapt} adapt the drops
 * of one dt in format order, so the Backstage catalog of the same night is there before PagerDuty.
 */
final class DeploymentOwners {

  private DeploymentOwners() {}

  /** deployment_id -> owner_team_id of {@code org}; empty when no snapshot is there. */
  static Map<String, String> read(Path landing, String org, LocalDate dt) {
    Map<String, String> owners = new TreeMap<>();
    Optional<Path> snapshot = latestSnapshot(landing, dt);
    if (snapshot.isEmpty() || org == null) {
      return owners;
    }
    for (Path file : files(snapshot.get())) {
      Optional<LandingFormat> format = LandingFormat.ofFileName(file.getFileName().toString());
      if (format.isEmpty() || format.get() == LandingFormat.PARQUET) {
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        Iterator<LandingRecord> records = LandingFileReader.records(format.get(), in);
        while (records.hasNext()) {
          Map<String, Object> v = records.next().values();
          if (org.equals(v.get("org_id"))
              && v.get("deployment_id") instanceof String deployment
              && v.get("owner_team_id") instanceof String team
              && !team.isBlank()) {
            owners.putIfAbsent(deployment, team);
          }
        }
      } catch (IOException | LandingFileReader.FileRejected | RuntimeException e) {
        // Another writer's file that ingest will judge; it only cannot lend its owners here.
      }
    }
    return owners;
  }

  private static Optional<Path> latestSnapshot(Path landing, LocalDate dt) {
    Path dataset = landing.resolve(LandingDataset.DEPLOYMENTS.folder());
    if (!Files.isDirectory(dataset)) {
      return Optional.empty();
    }
    Path best = null;
    LocalDate bestDt = null;
    for (Path d : files(dataset)) {
      String name = d.getFileName().toString();
      if (!Files.isDirectory(d) || !name.startsWith("dt=")) {
        continue;
      }
      try {
        LocalDate x = LocalDate.parse(name.substring(3));
        if (!x.isAfter(dt) && (bestDt == null || x.isAfter(bestDt))) {
          best = d;
          bestDt = x;
        }
      } catch (DateTimeParseException e) {
        // Not a drop folder: ingest reports it.
      }
    }
    return Optional.ofNullable(best);
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p ->
                  !p.getFileName().toString().startsWith(".")
                      && !p.getFileName().toString().startsWith("_"))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
