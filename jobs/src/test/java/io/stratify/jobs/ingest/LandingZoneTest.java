package io.stratify.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratify.common.contract.LandingDataset;
import io.stratify.jobs.UnusableInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The landing-zone scan on local disk (no Spark). */
class LandingZoneTest {

  @TempDir Path root;

  private void drop(String folder) throws Exception {
    Path dir = Files.createDirectories(root.resolve(folder).resolve("dt=2026-03-02"));
    Files.writeString(dir.resolve("x.csv"), "org_id\no1\n");
  }

  @Test
  void aMisspeltDatasetFolderStopsTheScanNamingTheClosestDataset() throws Exception {
    drop("orgs");
    drop("incidnets");
    assertThatThrownBy(() -> LandingZone.scan(root.toString(), new Configuration()))
        .isInstanceOf(UnusableInputException.class)
        .hasMessageContaining("unknown folder incidnets/")
        .hasMessageContaining("did you mean incidents/?");
  }

  @Test
  void hiddenFoldersAndStrayFilesDoNotStopIt() throws Exception {
    drop("orgs");
    drop("_staging");
    drop(".tmp");
    Files.writeString(root.resolve("README.txt"), "notes");
    LandingZone zone = LandingZone.scan(root.toString(), new Configuration());
    assertThat(zone.drops())
        .extracting(LandingZone.Drop::dataset)
        .containsExactly(LandingDataset.ORGS);
    assertThat(zone.warnings()).containsExactly("ignored README.txt: not a landing dataset folder");
  }

  @Test
  void theClosestDatasetIsTheFewestEditsAway() {
    assertThat(LandingZone.closestDataset("incident_event"))
        .isEqualTo(LandingDataset.INCIDENT_EVENTS);
    assertThat(LandingZone.closestDataset("Budget")).isEqualTo(LandingDataset.BUDGETS);
    assertThat(LandingZone.closestDataset("inference-usage"))
        .isEqualTo(LandingDataset.INFERENCE_USAGE);
  }
}
