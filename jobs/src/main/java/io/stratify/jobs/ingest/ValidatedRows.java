package io.stratify.jobs.ingest;

import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.LandingField;
import io.stratify.common.landing.LandingFormat;
import io.stratify.common.landing.LandingRecord;
import io.stratify.common.landing.RecordValidator;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The intermediate rows of ingest, one schema per dataset: a row per landing record (typed contract
 * columns plus the validation outcome) or a row per file (its status). Meta columns start with
 * {@code _} so they never collide with contract columns.
 */
final class ValidatedRows implements Serializable {

  static final String KIND = "_kind";
  static final String DT = "_dt";
  static final String SOURCE_FILE = "_source_file";
  static final String RECORD_NUMBER = "_record_number";
  static final String RAW = "_raw_record";
  static final String REASONS = "_reasons";
  static final String ORG_ID = "_org_id";
  static final String RECORD_KEY = "_record_key";
  static final String EXTRA = "_extra_columns";
  static final String FILE_FORMAT = "_file_format";
  static final String FILE_STATUS = "_file_status";
  static final String FILE_ROWS = "_file_rows";
  static final String FILE_MESSAGE = "_file_message";

  static final String KIND_ROW = "row";
  static final String KIND_FILE = "file";

  private static final StructField[] META = {
    DataTypes.createStructField(KIND, DataTypes.StringType, false),
    DataTypes.createStructField(DT, DataTypes.DateType, false),
    DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false),
    DataTypes.createStructField(RECORD_NUMBER, DataTypes.LongType, true),
    DataTypes.createStructField(RAW, DataTypes.StringType, true),
    DataTypes.createStructField(
        REASONS, DataTypes.createArrayType(DataTypes.StringType, false), true),
    DataTypes.createStructField(ORG_ID, DataTypes.StringType, true),
    DataTypes.createStructField(
        RECORD_KEY, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true),
    DataTypes.createStructField(
        EXTRA, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true),
    DataTypes.createStructField(FILE_FORMAT, DataTypes.StringType, true),
    DataTypes.createStructField(FILE_STATUS, DataTypes.StringType, true),
    DataTypes.createStructField(FILE_ROWS, DataTypes.LongType, true),
    DataTypes.createStructField(FILE_MESSAGE, DataTypes.StringType, true),
  };

  private final LandingDataset dataset;

  ValidatedRows(LandingDataset dataset) {
    this.dataset = dataset;
  }

  static StructType schema(LandingDataset dataset) {
    List<StructField> fields = new ArrayList<>(List.of(META));
    for (LandingField f : dataset.fields()) {
      fields.add(DataTypes.createStructField(f.name(), f.type().sparkType(), true));
    }
    return DataTypes.createStructType(fields);
  }

  /** The row of one record, validated. */
  Row record(LocalDate dt, String sourceFile, LandingRecord record) {
    RecordValidator.Validated v = RecordValidator.validate(dataset, record);
    Object[] cells = new Object[META.length + dataset.fields().size()];
    cells[0] = KIND_ROW;
    cells[1] = dt;
    cells[2] = sourceFile;
    cells[3] = record.number();
    cells[4] = record.raw();
    cells[5] = v.valid() ? null : seq(v.reasons());
    cells[6] = v.key() == null ? null : v.key().get("org_id");
    cells[7] = v.key() == null ? null : CollectionConverters.asScala(v.key());
    cells[8] = v.extras().isEmpty() ? null : CollectionConverters.asScala(v.extras());
    Object[] values = v.values();
    for (int i = 0; i < values.length; i++) {
      cells[META.length + i] = values[i] instanceof List<?> list ? seq(list) : values[i];
    }
    return RowFactory.create(cells);
  }

  /** The row that reports one file. */
  Row file(
      LocalDate dt,
      String sourceFile,
      LandingFormat format,
      boolean read,
      long rows,
      String message) {
    Object[] cells = new Object[META.length + dataset.fields().size()];
    cells[0] = KIND_FILE;
    cells[1] = dt;
    cells[2] = sourceFile;
    cells[9] = format == null ? null : format.name().toLowerCase(Locale.ROOT);
    cells[10] = read ? "read" : "rejected";
    cells[11] = rows;
    cells[12] = message;
    return RowFactory.create(cells);
  }

  private static Object seq(List<?> list) {
    return CollectionConverters.asScala(list).toSeq();
  }
}
