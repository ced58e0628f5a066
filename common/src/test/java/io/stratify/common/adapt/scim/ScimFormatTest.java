package io.stratify.common.adapt.scim;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.adapt.AdapterReport;
import io.stratify.common.adapt.AdapterRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADAPTERS.md section 7 expected results on the RFC samples. */
class ScimFormatTest {
  static final Path SAMPLES = Path.of("src/test/resources/adapt/scim/samples");
  static final String PASSWORD = "t1meMa$heen";
  static final String BASE =
      "org: acme\nscim:\n  defaults: {role: engineer, function: other, on_call: false}\n";
  @TempDir Path tmp;

  Path drop(String... names) throws Exception {
    Path d = Files.createTempDirectory(tmp, "drop");
    for (String n : names) {
      Files.copy(SAMPLES.resolve(n), d.resolve(n));
    }
    return d;
  }

  AdapterReport adapt(Path in, String config) throws Exception {
    Path cfg = tmp.resolve("scim.yaml");
    Files.writeString(cfg, config);
    return AdapterRunner.run(
        new AdapterRunner.Request(
            "scim",
            in,
            tmp.resolve("landing"),
            LocalDate.of(2026, 12, 1),
            null,
            cfg,
            null,
            false,
            null),
        new PrintStream(new ByteArrayOutputStream()));
  }

  List<String> rows(String ds) throws Exception {
    List<String> l =
        Files.readAllLines(tmp.resolve("landing/" + ds + "/dt=2026-12-01/scim-acme.csv"));
    return l.subList(1, l.size());
  }

  static final String[] MAIN = {
    "rfc7643-8.3-enterprise_user.json",
    "rfc7643-8.4-group.json",
    "rfc7644-3.7.1-list_response-circular_reference.json"
  };

  @Test
  void anUnparseableFileIsRejectedAtItsLine() throws Exception {
    Path in = drop(MAIN);
    Files.writeString(in.resolve("broken.json"), "{\"Resources\": [\n  {\"id\": }\n]}");
    AdapterReport r = adapt(in, BASE);
    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(r.rejects())
        .filteredOn(x -> x.file().equals("broken.json"))
        .extracting(x -> x.dataset() + " " + x.position() + " " + x.codes() + " " + x.vendorId())
        .containsExactly("- line 2 [unparseable] null");
    assertThat(r.accounts()).allMatch(AdapterReport.Account::balanced);
    assertThat(rows("teams")).hasSize(3);
  }

  @Test
  void withoutTeamGroupsThreeTeamsACycleAndAnAmbiguousUser() throws Exception {
    AdapterReport r = adapt(drop(MAIN), BASE);
    assertThat(r.exitCode()).as(r.reason()).isZero();
    List<String> teams = rows("teams");
    assertThat(teams).hasSize(3);
    assertThat(teams).anyMatch(t -> t.contains(",Group A,,other"));
    assertThat(teams).anyMatch(t -> t.contains(",Group B,,other"));
    assertThat(teams).anyMatch(t -> t.contains(",Tour Guides,,other"));
    assertThat(r.warnings()).containsEntry("hierarchy_cycle", 2L);
    assertThat(rows("people")).isEmpty();
    assertThat(r.rejects())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.codes()).containsExactly("ambiguous_team");
              assertThat(x.excerpt()).contains("Tour Guides", "Employees", "US Employees");
            });
    assertThat(r.accounts()).allMatch(AdapterReport.Account::balanced);
  }

  @Test
  void withTeamGroupsOnePerson() throws Exception {
    AdapterReport r =
        adapt(drop(MAIN), BASE.replace("scim:\n", "scim:\n  team_groups: '^Tour Guides$'\n"));
    assertThat(r.exitCode()).as(r.reason()).isZero();
    assertThat(rows("teams"))
        .containsExactly("acme,e9e30dba-f08f-4109-8486-d5c6a331660a,Tour Guides,,other");
    long notTeam =
        r.accounts().stream().mapToLong(a -> a.skippedByRule().getOrDefault("not_team", 0L)).sum();
    assertThat(notTeam).isEqualTo(2);
    assertThat(rows("people"))
        .containsExactly(
            "acme,2819c223-7f76-453a-919d-413861904646,Babs Jensen,bjensen@example.com,"
                + "e9e30dba-f08f-4109-8486-d5c6a331660a,26118915-6090-4610-87e4-49d8ca9f808d,engineer,false");
    assertThat(r.warnings()).containsEntry("dangling_ref", 1L);
    for (String ds : List.of("teams", "people")) {
      assertValidForIngest(ds);
    }
  }

  /**
   * Both runs of §7's expected block against committed golden files, then a byte-identical rerun.
   * After reviewing a mapping change: rerun with {@code -Dstratify.golden.update=true}.
   */
  @Test
  void goldenFilesAndByteIdenticalRerun() throws Exception {
    Path golden = Path.of("src/test/resources/adapt/scim/golden");
    Map<String, String> configs =
        Map.of(
            "all-groups",
            BASE,
            "tour-guides",
            BASE.replace("scim:\n", "scim:\n  team_groups: '^Tour Guides$'\n"));
    for (Map.Entry<String, String> c : configs.entrySet()) {
      Path in = drop(MAIN);
      assertThat(adapt(in, c.getValue()).exitCode()).isZero();
      for (String ds : List.of("teams", "people")) {
        Path out = tmp.resolve("landing/" + ds + "/dt=2026-12-01/scim-acme.csv");
        byte[] first = Files.readAllBytes(out);
        Path expected = golden.resolve(c.getKey()).resolve(ds + ".csv");
        if (Boolean.getBoolean("stratify.golden.update")) {
          Files.createDirectories(expected.getParent());
          Files.write(expected, first);
        }
        assertThat(new String(first, java.nio.charset.StandardCharsets.UTF_8))
            .as("%s/%s differs from its golden file", c.getKey(), ds)
            .isEqualTo(Files.readString(expected));
        adapt(in, c.getValue());
        assertThat(Files.readAllBytes(out)).as("rerun of %s/%s", c.getKey(), ds).isEqualTo(first);
      }
    }
  }

  void assertValidForIngest(String ds) throws Exception {
    int n =
        io.stratify.common.adapt.AdapterTestSupport.assertValidForIngest(
            io.stratify.common.contract.LandingDataset.fromFolder(ds).orElseThrow(),
            tmp.resolve("landing/" + ds + "/dt=2026-12-01/scim-acme.csv"));
    assertThat(n).as(ds + " rows read back").isEqualTo(rows(ds).size());
  }

  @Test
  void changeStreamsAndIncompleteListsExit2() throws Exception {
    try (Stream<Path> files = Files.list(SAMPLES)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().matches(".*(patch_op|bulk_).*")).toList()) {
        AdapterReport r = adapt(f, BASE);
        assertThat(r.exitCode()).as(f.toString()).isEqualTo(2);
        assertThat(r.rejects())
            .singleElement()
            .satisfies(x -> assertThat(x.codes()).containsExactly("change_stream"));
      }
    }
    AdapterReport partial =
        adapt(SAMPLES.resolve("rfc7644-3.4.3-list_response-post_query.json"), BASE);
    assertThat(partial.exitCode()).isEqualTo(2);
    assertThat(partial.reason()).contains("totalResults 100");
    AdapterReport whole = adapt(SAMPLES, BASE);
    assertThat(whole.exitCode()).isEqualTo(2);
    assertThat(tmp.resolve("landing/people")).doesNotExist();
  }

  @Test
  void thePasswordAndOtherPrivateFieldsReachNoOutputOrReport() throws Exception {
    adapt(drop(MAIN), BASE);
    scan(3); // teams, people, report (ambiguous_team reject with excerpt)
    adapt(drop(MAIN), BASE.replace("scim:\n", "scim:\n  team_groups: '^Tour Guides$'\n"));
    scan(3);
    adapt(SAMPLES, BASE);
    scan(3); // exit 2: the previous landing files stay, the report holds every reject excerpt
  }

  private void scan(int files) throws Exception {
    try (Stream<Path> s = Files.walk(tmp.resolve("landing"))) {
      List<Path> all = s.filter(Files::isRegularFile).toList();
      assertThat(all).hasSize(files);
      for (Path f : all) {
        assertThat(Files.readString(f))
            .as(f.toString())
            .doesNotContain(PASSWORD)
            .doesNotContain("MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEF")
            .doesNotContain("555-555-5555")
            .doesNotContain("100 Universal City Plaza");
      }
    }
  }
}
