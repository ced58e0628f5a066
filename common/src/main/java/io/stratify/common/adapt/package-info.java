/**
 * Vendor adapters (ADAPTERS.md v1.0): plain Java, no Spark. {@link
 * io.stratify.common.adapt.AdapterRegistry} lists the formats, {@link
 * io.stratify.common.adapt.AdapterRunner} runs one, {@link io.stratify.common.adapt.AdapterConfig}
 * loads the YAML configuration, {@link io.stratify.common.adapt.LandingOutput} writes the landing
 * files and {@link io.stratify.common.adapt.AdapterReport} the report. Formats live in subpackages,
 * one per format.
 */
package io.stratify.common.adapt;
