package io.stratify.common.contract;

/**
 * An invariant of a table, enforced as a Delta CHECK constraint on every write.
 *
 * @param name constraint name, snake_case
 * @param sql a Spark SQL boolean expression over the table's columns
 */
public record Check(String name, String sql) {}
