package io.stratify.common.adapt;

import io.stratify.common.contract.LandingDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a format sees while converting: its inputs, configuration, org and dt, the rows it emits and
 * the report it accounts in.
 */
public final class AdapterRun {
  /** One input file with its name relative to {@code --in} (as in the report). */
  public record Input(Path path, String name) {}

  private final AdapterFormat format;
  private final AdapterConfig config;
  private final FormatSection section;
  private final String org;
  private final String orgLabel;
  private final LocalDate dt;
  private final List<Input> inputs;
  private final Path landing;
  private final Path onCallDrop;
  private final Path costIn;
  private final AdapterReport report;
  private final Map<LandingDataset, List<Map<String, Object>>> rows = new LinkedHashMap<>();

  AdapterRun(
      AdapterFormat format,
      AdapterConfig config,
      FormatSection section,
      String org,
      String orgLabel,
      LocalDate dt,
      List<Input> inputs,
      Path landing,
      Path onCallDrop,
      Path costIn,
      AdapterReport report) {
    this.format = format;
    this.config = config;
    this.section = section;
    this.org = org;
    this.orgLabel = orgLabel;
    this.dt = dt;
    this.inputs = inputs;
    this.landing = landing;
    this.onCallDrop = onCallDrop;
    this.costIn = costIn;
    this.report = report;
    for (LandingDataset ds : config.datasetsWrittenBy(format)) {
      rows.put(ds, new ArrayList<>());
    }
  }

  /**
   * Every file under {@code in} (a file, or a folder read recursively; names starting with '.' or
   * '_' ignored), sorted by relative name.
   */
  public static List<Input> inputs(Path in) {
    if (!Files.exists(in)) {
      throw AdapterException.unusable("--in " + in + " does not exist");
    }
    if (Files.isRegularFile(in)) {
      return List.of(new Input(in, in.getFileName().toString()));
    }
    try (Stream<Path> s = Files.walk(in)) {
      return s.filter(Files::isRegularFile)
          .filter(
              p -> {
                for (Path part : in.relativize(p)) {
                  String n = part.toString();
                  if (n.startsWith(".") || n.startsWith("_")) {
                    return false;
                  }
                }
                return true;
              })
          .map(p -> new Input(p, in.relativize(p).toString().replace('\\', '/')))
          .sorted(java.util.Comparator.comparing(Input::name))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Input> inputs() {
    return inputs;
  }

  public AdapterConfig config() {
    return config;
  }

  /** This format's parsed section (cast to the format's own class). */
  @SuppressWarnings("unchecked")
  public <T extends FormatSection> T section() {
    return (T) section;
  }

  /** The org_id (null when the format derives orgs and no --org was given). */
  public String org() {
    return org;
  }

  public String orgLabel() {
    return orgLabel;
  }

  public LocalDate dt() {
    return dt;
  }

  public Path landing() {
    return landing;
  }

  public AdapterReport report() {
    return report;
  }

  /** The datasets this run writes (owners allowing). */
  public boolean writes(LandingDataset ds) {
    return rows.containsKey(ds);
  }

  /** The account of one input file and dataset. */
  public AdapterReport.Account account(Input file, LandingDataset ds) {
    return report.account(file.name(), ds.folder());
  }

  /** Adds one output row (column name to value; {@code x_} columns allowed). */
  public void emit(LandingDataset ds, Map<String, Object> row) {
    List<Map<String, Object>> list = rows.get(ds);
    if (list == null) {
      throw new IllegalStateException(format.name() + " does not write " + ds.folder() + " here");
    }
    list.add(row);
  }

  public Map<LandingDataset, List<Map<String, Object>>> rows() {
    return rows;
  }

  /**
   * Where the {@code cost_from} export of an inference_usage merge is: {@code --cost-in}, else that
   * format's drop of this org and dt, {@code <landing>/_vendor/<cost_from>/<org>/dt=D/}.
   */
  public Path costDrop(String costFrom) {
    return costIn != null ? costIn : OnCallSource.dropFolder(landing, costFrom, orgLabel, dt);
  }

  /**
   * The vendor named by {@code owners.people.on_call} when this run writes people: the people
   * writer then leaves {@code on_call} null and the runner fills it ({@link #assignOnCall}).
   */
  public Optional<String> onCallOwner() {
    return writes(LandingDataset.PEOPLE)
        ? Optional.ofNullable(config.owners().get(AdapterConfig.ON_CALL_OWNER))
        : Optional.empty();
  }

  /** The on-call vendor's source and drop folder; exit 2 when either is missing. */
  private Map.Entry<OnCallSource, Path> onCallSource(String vendor) {
    AdapterFormat f =
        AdapterRegistry.find(vendor)
            .orElseThrow(
                () -> AdapterException.unusable("owners.people.on_call: unknown format " + vendor));
    if (!(f instanceof OnCallSource src)) {
      throw AdapterException.unusable(
          "owners.people.on_call names " + vendor + ", which reads no on-call rosters");
    }
    Path drop =
        onCallDrop != null ? onCallDrop : OnCallSource.dropFolder(landing, vendor, orgLabel, dt);
    if (!Files.exists(drop)) {
      throw AdapterException.unusable(
          "owners.people.on_call is "
              + vendor
              + " but its drop "
              + drop
              + " does not exist (give --on-call-in PATH)");
    }
    return Map.entry(src, drop);
  }

  /** Checks, before any vendor data is read, that the on-call vendor's drop can be read. */
  void checkOnCall() {
    onCallOwner().ifPresent(this::onCallSource);
  }

  /**
   * Fills {@code on_call} of every people row from the on-call vendor (ADAPTERS.md section 8.2):
   * every person of the snapshot is asked about at once, so an email held by several people is seen
   * as ambiguous.
   */
  void assignOnCall() {
    Optional<String> vendor = onCallOwner();
    if (vendor.isEmpty()) {
      return;
    }
    Map.Entry<OnCallSource, Path> source = onCallSource(vendor.get());
    List<Map<String, Object>> people = rows.get(LandingDataset.PEOPLE);
    List<OnCallSource.Person> persons = new ArrayList<>();
    for (Map<String, Object> row : people) {
      Object email = row.get("email");
      persons.add(
          new OnCallSource.Person(
              String.valueOf(row.get("person_id")), email == null ? null : email.toString()));
    }
    Map<String, Boolean> onCall =
        source.getKey().onCall(source.getValue(), org, dt, config, persons, report);
    for (Map<String, Object> row : people) {
      row.put("on_call", onCall.getOrDefault(String.valueOf(row.get("person_id")), false));
    }
  }
}
