package io.stratify.common.adapt.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.adapt.AdapterRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commented sample configurations of sample-data/adapters explain cleanly (exit 0). */
class UsageSampleConfigsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "litellm",
        "focus",
        "openai-usage",
        "anthropic-usage",
        "otel-genai",
        "inference_usage-merge"
      })
  void sampleConfigExplainsEveryRequiredColumn(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        AdapterRunner.explain(
            Path.of("../sample-data/adapters/" + name + ".yaml"),
            null,
            new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(code).as(text).isZero();
    assertThat(text).contains("inference_usage.cost_usd (R)");
    assertThat(text.lines()).noneMatch(l -> l.contains("(R)") && l.endsWith("NONE"));
    if (name.equals("inference_usage-merge")) {
      assertThat(text)
          .contains("merge: cost_from focus on the key")
          .contains("(cost_from of the inference_usage merge: read by the litellm run");
    }
  }
}
