package io.stratify.common.adapt.usage;

/**
 * One feed being read: its format's settings, its role in the configuration, the run's accounting
 * and the daily aggregates its records fold into.
 */
record UsageFeed(
    UsageSection section, UsageRole role, UsageLedger ledger, UsageAggregate aggregate) {}
