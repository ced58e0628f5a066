package io.stratify.common.metrics;

import io.stratify.common.contract.Column;
import io.stratify.common.contract.TableContract;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * One row of a mart, laid out by its contract: values are set and read by column name, and each
 * value is checked against the column's type and nullability, so the metric code and the contract
 * cannot drift apart.
 */
public final class MetricRow {

  private final TableContract contract;
  private final Object[] values;
  private final boolean[] set;

  public MetricRow(TableContract contract) {
    this.contract = contract;
    this.values = new Object[contract.columns().size()];
    this.set = new boolean[values.length];
  }

  public MetricRow set(String column, Object value) {
    int i = index(column);
    Column c = contract.columns().get(i);
    if (value == null && !c.nullable()) {
      throw new IllegalArgumentException(
          "Cannot set " + contract.qualifiedName() + "." + column + " to null: it is required");
    }
    if (value != null && !accepts(c, value)) {
      throw new IllegalArgumentException(
          "Cannot set "
              + contract.qualifiedName()
              + "."
              + column
              + " ("
              + c.type().sqlName()
              + ") to a "
              + value.getClass().getSimpleName());
    }
    values[i] = value;
    set[i] = true;
    return this;
  }

  public Object get(String column) {
    return values[index(column)];
  }

  /** The values in contract order; every column must have been set. */
  public Object[] values() {
    for (int i = 0; i < set.length; i++) {
      if (!set[i]) {
        throw new IllegalStateException(
            "Cannot complete a "
                + contract.qualifiedName()
                + " row: "
                + contract.columns().get(i).name()
                + " was never set");
      }
    }
    return values.clone();
  }

  public TableContract contract() {
    return contract;
  }

  private int index(String column) {
    for (int i = 0; i < values.length; i++) {
      if (contract.columns().get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "Cannot find column " + column + " in " + contract.qualifiedName());
  }

  private static boolean accepts(Column c, Object v) {
    return switch (c.type()) {
      case STRING -> v instanceof String;
      case INT -> v instanceof Integer;
      case LONG -> v instanceof Long;
      case DOUBLE -> v instanceof Double d && Double.isFinite(d);
      case DECIMAL_18_6, DECIMAL_18_2, DECIMAL_38_6 -> v instanceof BigDecimal;
      case BOOLEAN -> v instanceof Boolean;
      case DATE -> v instanceof LocalDate;
      default -> false;
    };
  }

  @Override
  public String toString() {
    return contract.name() + Arrays.toString(values);
  }
}
