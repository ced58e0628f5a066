package io.stratify.common.adapt.incident;

import static io.stratify.common.adapt.incident.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratify.common.adapt.Redaction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What the PagerDuty, Opsgenie and incident.io converters share: their settings, accounting, {@code
 * incidents} and {@code incident_events} tables and the users a drop shows; the loop over a drop's
 * files; reading a JSON export or a DevLake raw table with an unreadable one accounted; and the
 * checks an incident passes before it is written.
 *
 * @param <R> what a conversion returns
 */
abstract class IncidentConverter<R> {

  final IncidentSettings settings;
  final Accounting accounting = new Accounting();
  final OutputTable incidents;
  final OutputTable events = IncidentTables.events();
  final List<VendorUser> users = new ArrayList<>();

  /** {@code extraColumns}: the format's {@code x_} columns of {@code incidents}. */
  IncidentConverter(IncidentSettings settings, String... extraColumns) {
    this.settings = settings;
    this.incidents = IncidentTables.incidents(extraColumns);
  }

  /**
   * Reads every file of a drop ({@code --in}: a file or a folder, or several files: DevLake's raw
   * tables, whose {@code _raw_} names a folder read ignores, are named one by one) and returns the
   * result.
   */
  public R convert(Path... in) throws IOException {
    return convert(VendorFiles.list(in));
  }

  /** Reads the given files in order and returns the result. */
  R convert(List<VendorFiles.InputFile> files) throws IOException {
    for (VendorFiles.InputFile f : files) {
      read(f);
    }
    return finish();
  }

  /** Reads one file of the drop. */
  abstract void read(VendorFiles.InputFile file) throws IOException;

  /** Converts what waited for the whole drop and returns the result. */
  abstract R finish();

  /**
   * Streams a JSON export ({@link VendorJson#read}); a file that is not JSON is one {@code
   * incidents} record REJECT {@code unparseable}, at the line it breaks. Returns the file's paging,
   * or null for such a file.
   */
  VendorJson.Paging readJson(
      Path file, String name, Set<String> listKeys, String folderKind, VendorJson.Sink sink)
      throws IOException {
    try {
      return VendorJson.read(file, listKeys, folderKind, sink);
    } catch (VendorJson.Unparseable e) {
      unparseable(name, IncidentTables.INCIDENTS, "line " + e.line, e.getMessage());
      return null;
    }
  }

  /**
   * Reads a DevLake raw table ({@link DevLakeRawCsv}), each row's JSON to {@code accept}; a row
   * without JSON is one {@code dataset} record REJECT {@code unparseable}.
   */
  void readRawCsv(Path file, String name, String dataset, BiConsumer<JsonNode, String> accept)
      throws IOException {
    DevLakeRawCsv.read(
        file,
        new DevLakeRawCsv.Sink() {
          @Override
          public void accept(JsonNode object, String position) {
            accept.accept(object, position);
          }

          @Override
          public void unparseable(String position, String why) {
            IncidentConverter.this.unparseable(name, dataset, position, why);
          }
        });
  }

  private void unparseable(String file, String dataset, String position, String why) {
    accounting.read(file, dataset);
    accounting.rejected(file, dataset, position, null, List.of("unparseable"), why);
  }

  /**
   * Reads one incident record and decides whether it is written: REJECT {@code no_key} and/or
   * {@code no_severity}, else a duplicate merged when the incident is already written. An incident
   * not written takes its event records with it: each (counted in the file it was read from, one
   * entry per record in {@code eventFiles}) is skipped {@code incident_rejected} or merged too.
   *
   * @return true when the incident is to be written
   */
  boolean admit(
      String file,
      String position,
      JsonNode incident,
      String id,
      String severity,
      List<String> eventFiles) {
    String ds = IncidentTables.INCIDENTS;
    String eventDs = IncidentTables.EVENTS;
    accounting.read(file, ds);
    List<String> reasons = new ArrayList<>();
    if (id == null) {
      reasons.add("no_key");
    }
    if (severity == null) {
      reasons.add("no_severity");
    }
    if (!reasons.isEmpty()) {
      accounting.rejected(file, ds, position, id, reasons, Redaction.excerpt(incident));
      for (String eventFile : eventFiles) {
        accounting.read(eventFile, eventDs);
        accounting.skipped(eventFile, eventDs, "incident_rejected");
      }
      return false;
    }
    if (incidents.get(settings.org(), id) != null) {
      accounting.duplicate(file, ds);
      for (String eventFile : eventFiles) {
        accounting.read(eventFile, eventDs);
        accounting.duplicate(eventFile, eventDs);
      }
      return false;
    }
    return true;
  }

  /**
   * A vendor user record: not converted (people come from the people writer), skipped {@code
   * identity_source} and kept as an identity observation (§8.2), its email in {@code emailField}.
   */
  void user(String file, JsonNode user, String emailField) {
    accounting.read(file, "users");
    accounting.skipped(file, "users", "identity_source");
    String id = text(user, "id");
    if (id != null) {
      users.add(new VendorUser(id, text(user, emailField)));
    }
  }

  /** The instant of a vendor timestamp ({@link Accounting#instant}). */
  Instant instant(String text, String where) {
    return accounting.instant(text, where);
  }
}
