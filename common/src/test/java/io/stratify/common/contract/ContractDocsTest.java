package io.stratify.common.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reference docs are generated from the contracts; this fails when a committed doc differs. To
 * regenerate: {@code mvn -q -pl common test -Dtest=ContractDocsTest -Dstratify.docs.update=true}.
 */
class ContractDocsTest {

  @Test
  void committedDocsMatchTheContracts() throws Exception {
    Path docs = Path.of(System.getProperty("stratify.project.dir", "..")).resolve("docs");
    boolean update = Boolean.getBoolean("stratify.docs.update");
    for (Map.Entry<String, String> e : ContractDocs.render().entrySet()) {
      Path file = docs.resolve(e.getKey());
      if (update) {
        Files.createDirectories(docs);
        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      }
      assertThat(Files.exists(file)).as("docs/%s exists", e.getKey()).isTrue();
      assertThat(Files.readString(file, StandardCharsets.UTF_8))
          .as(
              "docs/%s is generated from the contracts; regenerate it (see this test's javadoc)",
              e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void everyMartColumnIsDocumentedWithItsDefinition() {
    String metrics = ContractDocs.render().get("metrics.md");
    for (TableContract t : MartTables.all()) {
      for (Column c : t.columns()) {
        assertThat(c.description()).as("%s.%s has a definition", t.name(), c.name()).isNotBlank();
        assertThat(metrics).contains("| `" + c.name() + "` |");
      }
    }
  }
}
