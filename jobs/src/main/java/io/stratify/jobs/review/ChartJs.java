package io.stratify.jobs.review;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * Chart.js, from its WebJar (org.webjars.npm:chart.js, pinned in the parent pom): the minified UMD
 * bundle, read from the classpath to be inlined in the page, so the page needs no network.
 */
final class ChartJs {

  private static final String POM_PROPERTIES =
      "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

  private static String script;

  private ChartJs() {}

  /** The WebJar's version, e.g. {@code 4.4.9}. */
  static String version() {
    try (InputStream in = ChartJs.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException(
            "Cannot find Chart.js: " + POM_PROPERTIES + " is not on the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + POM_PROPERTIES, e);
    }
  }

  /** The bundle, without its source-map comment (the map is not shipped with the page). */
  static synchronized String script() {
    if (script == null) {
      String js =
          Html.resource("META-INF/resources/webjars/chart.js/" + version() + "/dist/chart.umd.js");
      js = js.replaceAll("(?m)^//# sourceMappingURL=.*$", "").strip();
      // Inlined in a <script> element, the text must not close it.
      if (js.toLowerCase(Locale.ROOT).contains("</script")) {
        throw new IllegalStateException("Cannot inline Chart.js: its bundle contains </script");
      }
      script = js;
    }
    return script;
  }
}
