package io.stratify.common.contract;

/** A landing rule that involves more than one column of a row. */
public sealed interface RowRule {

  /** {@code later}, when set, must not precede {@code earlier} (timestamps or dates). */
  record NotBefore(String later, String earlier) implements RowRule {}

  /** {@code column} is required when {@code whenColumn} equals {@code whenValue}. */
  record RequiredWhen(String column, String whenColumn, String whenValue) implements RowRule {}
}
