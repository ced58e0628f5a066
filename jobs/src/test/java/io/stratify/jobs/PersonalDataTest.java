package io.stratify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratify.common.config.StratifyOptions;
import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.MartTables;
import io.stratify.common.contract.OpsTables;
import io.stratify.common.contract.TableContract;
import io.stratify.common.io.Lakehouse;
import io.stratify.jobs.testing.SampleLakehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/**
 * Personal data of the committed sample never leaves bronze; the key never enters the lakehouse.
 */
class PersonalDataTest {

  final SampleLakehouse sample = SampleLakehouse.get();
  final Lakehouse lakehouse = sample.lakehouse();

  /** Every full name and email the landing zone holds (bronze keeps them as landed). */
  Set<String> personalValues() {
    Set<String> values = new HashSet<>();
    for (Row r :
        lakehouse
            .read(LakehouseTables.bronze(LandingDataset.PEOPLE))
            .select("full_name", "email")
            .collectAsList()) {
      for (int i = 0; i < 2; i++) {
        if (!r.isNullAt(i) && r.getString(i).length() >= 5) {
          values.add(r.getString(i));
        }
      }
    }
    return values;
  }

  @Test
  void noNameOrEmailFromTheLandingZoneAppearsInSilverOrTheMarts() {
    Set<String> personal = personalValues();
    assertThat(personal).as("the sample holds names and emails").hasSizeGreaterThan(50);
    List<TableContract> tables = new ArrayList<>();
    for (LandingDataset d : LandingDataset.values()) {
      tables.add(LakehouseTables.silver(d));
    }
    tables.addAll(MartTables.all());
    tables.addAll(OpsTables.all());
    List<String> leaks = new ArrayList<>();
    int scanned = 0;
    for (TableContract table : tables) {
      Dataset<Row> rows = new Lakehouse(sample.spark(), lakehouse.root()).read(table);
      for (StructField field : rows.schema().fields()) {
        boolean text =
            field.dataType().equals(DataTypes.StringType)
                || field.dataType() instanceof ArrayType
                || field.dataType() instanceof MapType;
        if (!text) {
          continue;
        }
        scanned++;
        for (Row r :
            rows.selectExpr("cast(`" + field.name() + "` as string)").distinct().collectAsList()) {
          String v = r.getString(0);
          if (v != null) {
            personal.stream()
                .filter(v::contains)
                .findFirst()
                .ifPresent(
                    p -> leaks.add(table.qualifiedName() + "." + field.name() + " holds " + p));
          }
        }
      }
    }
    assertThat(scanned).as("string columns scanned").isGreaterThan(40);
    assertThat(leaks).isEmpty();
  }

  @Test
  void thePseudonymisationKeyIsStoredNowhereInTheLakehouse() throws Exception {
    byte[] key = StratifyOptions.PSEUDONYMISATION_KEY_DEFAULT.getBytes(StandardCharsets.UTF_8);
    List<Path> files;
    try (Stream<Path> all = Files.walk(Path.of(lakehouse.root()))) {
      files = all.filter(Files::isRegularFile).toList();
    }
    assertThat(files).hasSizeGreaterThan(100);
    for (Path file : files) {
      assertThat(indexOf(Files.readAllBytes(file), key)).as("%s holds the key", file).isEqualTo(-1);
    }
  }

  static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
