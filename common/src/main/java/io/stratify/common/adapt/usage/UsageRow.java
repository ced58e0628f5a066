package io.stratify.common.adapt.usage;

import java.math.BigDecimal;

/**
 * One {@code inference_usage} landing row (without org_id, which the writer adds). Null means
 * unknown; a required column still null when the row is written is a configuration error caught
 * before any row is read (principle 3: no invented facts).
 *
 * @param key usage date, deployment and model
 * @param modelProvider the model vendor, lower case
 * @param modelTier the configured tier
 * @param requests calls counted by the source, null when the source has no request count
 * @param inputTokens prompt tokens, null when unknown
 * @param outputTokens completion tokens, null when unknown
 * @param errors failed calls, null when unknown
 * @param costUsd cost in USD, exact decimal (rounded to 6 places only when written)
 * @param latencyP95Ms exact p95 of call latencies in milliseconds, null when unknown
 */
public record UsageRow(
    UsageKey key,
    String modelProvider,
    String modelTier,
    Long requests,
    Long inputTokens,
    Long outputTokens,
    Long errors,
    BigDecimal costUsd,
    BigDecimal latencyP95Ms) {}
