package io.stratify.jobs.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.jobs.cli.StratifyCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Credentials given where they do not belong are refused before Spark starts, and never repeated in
 * what the command prints.
 */
class ObjectStorageCliTest {

  private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private record Outcome(int code, String err) {}

  private static Outcome stratify(String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      int code = StratifyCli.execute(args);
      return new Outcome(code, bytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(err);
    }
  }

  @Test
  void aLandingUriWithCredentialsIsRefusedWithoutRepeatingThem() {
    Outcome o =
        stratify(
            "run",
            "--landing",
            "s3a://" + ACCESS_KEY + ":" + SECRET_KEY + "@landing-bucket/drops",
            "--date",
            "2026-01-05");
    assertThat(o.code()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(o.err())
        .contains(
            "Cannot use s3a://***@landing-bucket/drops: credentials in a URI are not supported")
        .doesNotContain(SECRET_KEY)
        .doesNotContain(ACCESS_KEY);
  }

  @Test
  void aLakehouseUriWithCredentialsIsRefusedWithoutRepeatingThem() {
    Outcome o =
        stratify(
            "run",
            "--landing",
            "s3a://landing-bucket/drops",
            "--lakehouse",
            "s3a://" + ACCESS_KEY + ":" + SECRET_KEY + "@lake-bucket/stratify");
    assertThat(o.code()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(o.err())
        .contains("Cannot use s3a://***@lake-bucket/stratify")
        .doesNotContain(SECRET_KEY)
        .doesNotContain(ACCESS_KEY);
  }

  @Test
  void aMalformedConfIsNotEchoed() {
    Outcome o = stratify("run", "--conf", "spark.hadoop.fs.s3a.secret.key:" + SECRET_KEY);
    assertThat(o.code()).isEqualTo(StratifyCli.EXIT_UNUSABLE_INPUT);
    assertThat(o.err())
        .contains("Cannot use --conf number 1: not KEY=VALUE")
        .doesNotContain(SECRET_KEY);
  }
}
