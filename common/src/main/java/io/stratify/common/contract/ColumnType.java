package io.stratify.common.contract;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The logical types a contract column can have, and the Spark type each is stored as. */
public enum ColumnType {
  STRING(DataTypes.StringType, "string"),
  INT(DataTypes.IntegerType, "int"),
  LONG(DataTypes.LongType, "long"),
  DOUBLE(DataTypes.DoubleType, "double"),
  /** Money amounts at micro-dollar precision. */
  DECIMAL_18_6(DataTypes.createDecimalType(18, 6), "decimal(18,6)"),
  /** Budget amounts, in cents. */
  DECIMAL_18_2(DataTypes.createDecimalType(18, 2), "decimal(18,2)"),
  /** Sums of money over many rows. */
  DECIMAL_38_6(DataTypes.createDecimalType(38, 6), "decimal(38,6)"),
  BOOLEAN(DataTypes.BooleanType, "boolean"),
  DATE(DataTypes.DateType, "date"),
  /** An instant, stored in UTC. */
  TIMESTAMP(DataTypes.TimestampType, "timestamp"),
  STRING_LIST(DataTypes.createArrayType(DataTypes.StringType, true), "array<string>"),
  STRING_MAP(
      DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true),
      "map<string,string>");

  private final DataType sparkType;
  private final String sqlName;

  ColumnType(DataType sparkType, String sqlName) {
    this.sparkType = sparkType;
    this.sqlName = sqlName;
  }

  public DataType sparkType() {
    return sparkType;
  }

  /** The type as written in Spark SQL DDL and in the docs. */
  public String sqlName() {
    return sqlName;
  }
}
