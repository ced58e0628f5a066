package io.stratify.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared reference lakehouses are built once, and a failed build is not taken for one. */
class SharedLakehousesTest {

  private final String name = "shared-lakehouses-test-" + System.nanoTime();

  @Test
  void theFirstAskerBuildsAndLaterAskersGetTheSameFolderAndOutput() {
    AtomicInteger builds = new AtomicInteger();
    SharedLakehouses.Built first =
        SharedLakehouses.get(
            name,
            folder -> {
              builds.incrementAndGet();
              write(folder, "table", "rows");
              return "built once";
            });
    SharedLakehouses.Built again =
        SharedLakehouses.get(
            name,
            folder -> {
              builds.incrementAndGet();
              return "built twice";
            });
    assertThat(builds).hasValue(1);
    assertThat(again).isEqualTo(first);
    assertThat(again.output()).isEqualTo("built once");
    assertThat(again.folder().resolve("table")).hasContent("rows");
  }

  @Test
  void aBuildThatFailsLeavesNothingAndTheNextAskerBuildsAgain() {
    assertThatThrownBy(
            () ->
                SharedLakehouses.get(
                    name,
                    folder -> {
                      write(folder, "half", "written");
                      throw new IllegalStateException("the night failed");
                    }))
        .hasMessage("the night failed");
    SharedLakehouses.Built built =
        SharedLakehouses.get(
            name,
            folder -> {
              assertThat(folder).isEmptyDirectory();
              write(folder, "table", "rows");
              return "second build";
            });
    assertThat(built.output()).isEqualTo("second build");
    assertThat(built.folder().resolve("half")).doesNotExist();
  }

  private static void write(java.nio.file.Path folder, String file, String text) {
    try {
      Files.writeString(folder.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
