package io.stratify.jobs.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.stratify.common.contract.LakehouseTables;
import io.stratify.common.contract.LandingDataset;
import io.stratify.common.contract.LandingField;
import io.stratify.common.io.Lakehouse;
import io.stratify.common.landing.LandingFileReader;
import io.stratify.common.landing.LandingFormat;
import io.stratify.common.landing.LandingRecord;
import io.stratify.jobs.Parallel;
import io.stratify.jobs.ingest.LandingZone.Drop;
import io.stratify.jobs.ingest.LandingZone.LandingFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.Footer;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat$;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Landing -> bronze.
 *
 * <p>Input: the drops of the landing zone with {@code dt <= run date} that were not ingested yet,
 * and the drop {@code dt = run date} (re-ingested, so re-running a night replaces it). Output:
 * {@code bronze.<dataset>} (accepted rows, typed, with provenance; partitioned by dt), {@code
 * bronze.quarantine} (every rejected record with its raw text and every reason), {@code
 * bronze.ingest_files} and {@code bronze.ingest_log} (one row per drop: read = accepted +
 * quarantined + duplicates), and {@code bronze.adapter_log} from the adapter reports ({@link
 * AdapterLogLoader}). The log is written last, so a drop counts as ingested only once all its rows
 * are committed; a run that dies earlier ingests it again.
 *
 * <p>Files are parsed and validated on the executors ({@link LandingFileReader}, {@link
 * io.stratify.common.landing.RecordValidator}); each dataset's pending drops are read in one Spark
 * job and written in one Delta commit.
 */
public final class IngestLanding {

  /** What happened to one drop. */
  public record DropReport(
      LandingDataset dataset,
      LocalDate dt,
      int files,
      int filesRejected,
      long rowsRead,
      long rowsAccepted,
      long rowsQuarantined,
      long duplicates,
      List<String> affectedOrgs) {}

  /** A file that was rejected whole. */
  public record RejectedFile(String sourceFile, String message) {}

  /** What the step did. */
  public record Result(
      List<DropReport> drops, List<RejectedFile> rejectedFiles, List<String> warnings) {
    public long rowsRead() {
      return drops.stream().mapToLong(DropReport::rowsRead).sum();
    }
  }

  private static final Map<String, String> JSON_OPTIONS =
      Map.of("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

  private static final String OUTCOME = "_outcome";
  private static final String ACCEPTED = "accepted";
  private static final String QUARANTINED = "quarantined";
  private static final String DUPLICATE = "duplicate";

  private final Lakehouse lakehouse;
  private final SparkSession spark;

  /**
   * How the rows a dataset's ingestion reads more than once are kept: on local disk, not in memory.
   * Every dataset's rows stay cached until the quarantine and log commits at the end, so a full
   * backfill holds all of a year's landing data at once; kept in memory, they took the execution
   * memory of a 4 GB driver and 1,000 orgs x 52 weeks ran out of heap in ingest
   * (docs/performance.md). A re-read is a sequential read of a local file.
   */
  private static final StorageLevel CACHE = StorageLevel.DISK_ONLY();

  private final int parallelism;
  private final Consumer<String> progress;

  /**
   * @param parallelism how many datasets to ingest at once
   * @param progress where progress lines go
   */
  public IngestLanding(Lakehouse lakehouse, int parallelism, Consumer<String> progress) {
    this.lakehouse = lakehouse;
    this.spark = lakehouse.spark();
    this.parallelism = parallelism;
    this.progress = progress;
  }

  /**
   * The drops a run for the dates {@code from..to} ingests (LANDING.md, "Runs"): every drop up to
   * {@code to} not ingested yet, and the drops of the run dates themselves, re-ingested. The same
   * drops, in the same state, as running each date in order.
   */
  public List<Drop> pending(LandingZone zone, LocalDate from, LocalDate to) {
    Set<String> ingested =
        lakehouse.read(LakehouseTables.INGEST_LOG).select("dataset", "dt").collectAsList().stream()
            .map(r -> r.getString(0) + "/" + r.getLocalDate(1))
            .collect(Collectors.toSet());
    return zone.drops().stream()
        .filter(d -> !d.dt().isAfter(to))
        .filter(
            d -> !d.dt().isBefore(from) || !ingested.contains(d.dataset().folder() + "/" + d.dt()))
        .toList();
  }

  /** Ingests the drops of a run for the dates {@code from..to} (one date: from = to). */
  public Result ingest(LandingZone zone, LocalDate from, LocalDate to) {
    List<Drop> pending = pending(zone, from, to);
    Map<LandingDataset, List<Drop>> byDataset = new TreeMap<>();
    pending.forEach(d -> byDataset.computeIfAbsent(d.dataset(), k -> new ArrayList<>()).add(d));

    List<DatasetIngest> ingests = new ArrayList<>();
    try {
      List<DatasetIngest> done =
          Parallel.map(
              List.copyOf(byDataset.entrySet()),
              parallelism,
              e -> {
                List<Drop> drops = e.getValue();
                progress.accept(
                    String.format(
                        "  ingest %-19s %3d drop(s) %s..%s",
                        e.getKey().folder(),
                        drops.size(),
                        drops.get(0).dt(),
                        drops.get(drops.size() - 1).dt()));
                DatasetIngest one = new DatasetIngest(zone, e.getKey(), drops);
                synchronized (ingests) {
                  ingests.add(one);
                }
                one.run();
                return one;
              });
      if (!pending.isEmpty()) {
        String drops = dropsPredicate(byDataset);
        lakehouse.replaceWhere(
            LakehouseTables.QUARANTINE,
            done.stream().map(d -> d.quarantine).reduce(Dataset::unionAll).get(),
            drops);
        lakehouse.replaceWhere(
            LakehouseTables.INGEST_FILES,
            spark.createDataFrame(
                done.stream().flatMap(d -> d.fileRows.stream()).toList(),
                LakehouseTables.INGEST_FILES.schema()),
            drops);
        lakehouse.replaceWhere(
            LakehouseTables.INGEST_LOG,
            spark.createDataFrame(
                done.stream().flatMap(d -> d.reports.stream()).map(IngestLanding::logRow).toList(),
                LakehouseTables.INGEST_LOG.schema()),
            drops);
      }
      AdapterLogLoader.Result adapterLog =
          AdapterLogLoader.load(
              lakehouse, zone.root(), spark.sparkContext().hadoopConfiguration(), to);
      if (!adapterLog.loaded().isEmpty()) {
        progress.accept(
            String.format(
                "  ingest %-19s %3d adapter report(s)", "adapter_log", adapterLog.loaded().size()));
      }
      List<String> warnings = new ArrayList<>(zone.warnings());
      warnings.addAll(adapterLog.warnings());
      return new Result(
          done.stream().flatMap(d -> d.reports.stream()).toList(),
          done.stream().flatMap(d -> d.rejected.stream()).toList(),
          List.copyOf(warnings));
    } finally {
      ingests.forEach(DatasetIngest::release);
    }
  }

  /** The records of one drop by outcome: read = accepted + quarantined + duplicates. */
  private record RecordCounts(long read, long accepted, long quarantined, long duplicates) {
    static final RecordCounts NONE = new RecordCounts(0, 0, 0, 0);
  }

  /** The files of one drop, and how many of them were rejected whole. */
  private record FileCounts(int files, int rejected) {
    static final FileCounts NONE = new FileCounts(0, 0);

    FileCounts plus(FileCounts other) {
      return new FileCounts(files + other.files, rejected + other.rejected);
    }
  }

  /** The readable files of a dataset's pending drops, by how they are read. */
  private record ScannedFiles(List<String> text, List<Tuple2<LocalDate, LandingFile>> parquet) {}

  /** Reading and classifying the pending drops of one dataset. */
  private final class DatasetIngest {
    private final LandingZone zone;
    private final LandingDataset dataset;
    private final List<Drop> drops;
    private final ValidatedRows rows;
    private final List<Row> driverFileRows = new ArrayList<>();
    private final List<JavaRDD<?>> cachedJson = new ArrayList<>();
    private Broadcast<SerializableConfiguration> hadoopConf;
    private final List<Row> fileRows = new ArrayList<>();
    private final List<RejectedFile> rejected = new ArrayList<>();
    private List<DropReport> reports = List.of();
    private Dataset<Row> validated;
    private Dataset<Row> classified;
    private Dataset<Row> quarantine;

    DatasetIngest(LandingZone zone, LandingDataset dataset, List<Drop> drops) {
      this.zone = zone;
      this.dataset = dataset;
      this.drops = drops;
      this.rows = new ValidatedRows(dataset);
    }

    /** Reads, validates and classifies the drops, writes bronze; keeps what the log needs. */
    void run() {
      validated = read(scan()).persist(CACHE);
      classified = classify();
      reports = reports();
      lakehouse.replaceWhere(
          LakehouseTables.bronze(dataset), bronzeRows(dataset, classified), dtIn(drops));
      quarantine = quarantineRows(dataset, classified);
    }

    void release() {
      if (validated != null) {
        validated.unpersist();
      }
      if (classified != null) {
        classified.unpersist();
      }
      cachedJson.forEach(JavaRDD::unpersist);
      if (hadoopConf != null) {
        hadoopConf.destroy();
      }
    }

    /**
     * Scanning: sorts the files of the drops by how they are read; a file whose name or type makes
     * it unreadable gets its file row here.
     */
    private ScannedFiles scan() {
      List<String> text = new ArrayList<>();
      List<Tuple2<LocalDate, LandingFile>> parquet = new ArrayList<>();
      for (Drop drop : drops) {
        for (LandingFile f : drop.files()) {
          Optional<LandingFormat> format = LandingFormat.ofFileName(f.relativePath());
          if (format.isEmpty()) {
            driverFileRows.add(
                rows.file(
                    drop.dt(),
                    f.relativePath(),
                    null,
                    false,
                    0,
                    "Cannot read the file: unsupported type (expected .csv, .jsonl, .json or"
                        + " .parquet)"));
          } else if (f.relativePath().matches(".*[,{}\\[\\]*?\\\\:].*")) {
            driverFileRows.add(
                rows.file(
                    drop.dt(),
                    f.relativePath(),
                    format.get(),
                    false,
                    0,
                    "Cannot read the file: its name contains one of , { } [ ] * ? \\ : (rename"
                        + " it)"));
          } else if (format.get() == LandingFormat.PARQUET) {
            parquet.add(new Tuple2<>(drop.dt(), f));
          } else {
            text.add(f.uri());
          }
        }
      }
      return new ScannedFiles(text, parquet);
    }

    /**
     * Reading and validating, on the executors: the text files in one job over all of them, the
     * Parquet files as one union of their scans (a Parquet file that Spark cannot read is read
     * alone so that it is rejected alone).
     */
    private Dataset<Row> read(ScannedFiles files) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      List<JavaRDD<Row>> parts = new ArrayList<>();
      parquetRecords(files.parquet()).ifPresent(parts::add);
      if (!files.text().isEmpty()) {
        int partitions = Math.max(1, Math.min(files.text().size(), jsc.defaultParallelism() * 2));
        // The paths go to the executors as plain strings, and the Hadoop configuration once per
        // executor as a broadcast: binaryFiles would serialise and rebuild the whole
        // configuration for every file (a third of ingest's executor time at 3,000 files).
        if (hadoopConf == null) {
          hadoopConf =
              SerializableConfiguration.broadcast(
                  spark.sparkContext(), spark.sparkContext().hadoopConfiguration());
        }
        parts.add(
            jsc.parallelize(files.text(), partitions)
                .flatMap(new ReadTextFile(dataset, zone.root(), hadoopConf)));
      }
      JavaRDD<Row> all =
          parts.isEmpty() ? jsc.emptyRDD() : parts.stream().reduce(JavaRDD::union).get();
      Dataset<Row> frame = spark.createDataFrame(all, ValidatedRows.schema(dataset));
      if (!driverFileRows.isEmpty()) {
        frame =
            frame.unionAll(spark.createDataFrame(driverFileRows, ValidatedRows.schema(dataset)));
      }
      return frame;
    }

    /**
     * The records of the Parquet files. Each file's schema and row count come from its footer (read
     * on the driver, no Spark job); the readable files are then scanned in one job, one scan per
     * distinct schema (not one per file: a union of hundreds of scans makes every task deserialise
     * all of them), each row as JSON with its file and position. A file whose footer cannot be
     * read, or a batch that fails, falls back to one job per file, which rejects exactly the
     * unreadable files.
     */
    private Optional<JavaRDD<Row>> parquetRecords(List<Tuple2<LocalDate, LandingFile>> files) {
      List<Tuple2<LocalDate, LandingFile>> alone = new ArrayList<>();
      Map<StructType, List<Tuple2<LocalDate, LandingFile>>> bySchema = new LinkedHashMap<>();
      List<Row> batchFileRows = new ArrayList<>();
      List<Tuple2<LocalDate, LandingFile>> batched = new ArrayList<>();
      ParquetToSparkSchemaConverter converter = new ParquetToSparkSchemaConverter(SQLConf.get());
      for (Tuple2<LocalDate, LandingFile> file : files) {
        LocalDate dt = file._1();
        LandingFile f = file._2();
        if (f.size() == 0) {
          rejectParquet(dt, f, "Cannot read the file: it is empty (0 bytes)");
          continue;
        }
        ParquetMetadata footer;
        StructType schema;
        try {
          org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(f.uri());
          Configuration conf = spark.sparkContext().hadoopConfiguration();
          try (ParquetFileReader reader =
              ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
            footer = reader.getFooter();
          }
          schema =
              ParquetFileFormat$.MODULE$.readSchemaFromFooter(new Footer(path, footer), converter);
        } catch (Exception | LinkageError e) {
          alone.add(file);
          continue;
        }
        try {
          LandingFileReader.checkColumns(dataset, List.of(schema.fieldNames()));
        } catch (LandingFileReader.FileRejected e) {
          rejectParquet(dt, f, e.getMessage());
          continue;
        }
        long n = footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
        batchFileRows.add(rows.file(dt, f.relativePath(), LandingFormat.PARQUET, true, n, null));
        batched.add(file);
        bySchema.computeIfAbsent(schema, k -> new ArrayList<>()).add(file);
      }
      Optional<JavaRDD<Row>> batch = bySchema.isEmpty() ? Optional.empty() : batch(bySchema);
      if (batch.isPresent()) {
        driverFileRows.addAll(batchFileRows);
      } else {
        alone.addAll(batched);
      }
      List<JavaRDD<Row>> parts = new ArrayList<>();
      batch.ifPresent(parts::add);
      alone.forEach(f -> parquetAlone(f._1(), f._2()).ifPresent(parts::add));
      return parts.stream().reduce(JavaRDD::union);
    }

    /**
     * The Parquet rows as (dt, source, row index, JSON), one scan per schema, materialised in one
     * job; empty when Spark cannot read them all.
     */
    private Optional<JavaRDD<Row>> batch(
        Map<StructType, List<Tuple2<LocalDate, LandingFile>>> bySchema) {
      Map<String, Tuple2<LocalDate, String>> byPath = new HashMap<>();
      List<Dataset<Row>> scans = new ArrayList<>();
      bySchema.forEach(
          (schema, group) -> {
            group.forEach(
                g ->
                    byPath.put(
                        ParquetBatchRecord.key(g._2().uri()),
                        new Tuple2<>(g._1(), g._2().relativePath())));
            Column[] data =
                Arrays.stream(schema.fieldNames())
                    .map(n -> col("`" + n.replace("`", "``") + "`"))
                    .toArray(Column[]::new);
            scans.add(
                spark
                    .read()
                    .schema(schema)
                    .parquet(group.stream().map(g -> g._2().uri()).toArray(String[]::new))
                    .select(
                        col("_metadata.file_path").as("file_path"),
                        col("_metadata.row_index").as("row_index"),
                        to_json(functions.struct(data), JSON_OPTIONS).as("json")));
          });
      JavaRDD<Row> json =
          scans.stream()
              .reduce(Dataset::unionAll)
              .get()
              .javaRDD()
              .map(new ParquetBatchRecord(byPath))
              .persist(CACHE);
      try {
        json.count();
      } catch (Exception e) {
        // Caught as Exception for the same reason as in parquetAlone.
        json.unpersist();
        return Optional.empty();
      }
      cachedJson.add(json);
      return Optional.of(json.map(new ParquetBatchRow(rows)));
    }

    /** One Parquet file read alone (materialised here so a corrupt file is rejected alone). */
    private Optional<JavaRDD<Row>> parquetAlone(LocalDate dt, LandingFile f) {
      try {
        Dataset<Row> df = spark.read().parquet(f.uri());
        LandingFileReader.checkColumns(dataset, List.of(df.columns()));
        JavaRDD<String> json =
            df.select(to_json(functions.struct(col("*")), JSON_OPTIONS))
                .as(Encoders.STRING())
                .javaRDD()
                .persist(CACHE);
        cachedJson.add(json);
        long n = json.count();
        driverFileRows.add(rows.file(dt, f.relativePath(), LandingFormat.PARQUET, true, n, null));
        return Optional.of(json.zipWithIndex().map(new ParquetRecord(rows, dt, f.relativePath())));
      } catch (LandingFileReader.FileRejected e) {
        rejectParquet(dt, f, e.getMessage());
      } catch (Exception e) {
        // Spark reports a file that is not Parquet with checked exceptions (SparkException,
        // AnalysisException), which a RuntimeException handler lets through to fail the run.
        rejectParquet(dt, f, "Cannot read the Parquet file: " + firstLine(e.getMessage()));
      }
      return Optional.empty();
    }

    private void rejectParquet(LocalDate dt, LandingFile f, String reason) {
      driverFileRows.add(rows.file(dt, f.relativePath(), LandingFormat.PARQUET, false, 0, reason));
    }

    /**
     * Every record row with its outcome: {@code accepted}, {@code quarantined} (invalid, or one of
     * several versions of a key in the drop) or {@code duplicate} (equal to an earlier valid row of
     * the drop over the contract columns, and collapsed into it).
     */
    private Dataset<Row> classify() {
      Dataset<Row> records =
          validated.filter(col(ValidatedRows.KIND).equalTo(ValidatedRows.KIND_ROW));
      List<Column> same = new ArrayList<>(List.of(col(ValidatedRows.DT)));
      dataset.fields().forEach(f -> same.add(col(f.name())));
      List<Column> sameKey = new ArrayList<>(List.of(col(ValidatedRows.DT)));
      dataset.keyColumns().forEach(k -> sameKey.add(col(k)));
      WindowSpec copies = Window.partitionBy(same.toArray(Column[]::new));
      WindowSpec versions = Window.partitionBy(sameKey.toArray(Column[]::new));
      Column conflict =
          concat(
              lit("conflicting_duplicate: key "),
              to_json(col(ValidatedRows.RECORD_KEY)),
              lit(" has "),
              col("_versions").cast("string"),
              lit(" different versions in this drop"));
      Dataset<Row> valid =
          records
              .filter(col(ValidatedRows.REASONS).isNull())
              .withColumn(
                  "_rn",
                  row_number()
                      .over(
                          copies.orderBy(
                              col(ValidatedRows.SOURCE_FILE), col(ValidatedRows.RECORD_NUMBER))))
              .withColumn("_versions", count(when(col("_rn").equalTo(1), lit(1))).over(versions))
              .withColumn(
                  OUTCOME,
                  when(col("_rn").gt(1), lit(DUPLICATE))
                      .when(col("_versions").gt(1), lit(QUARANTINED))
                      .otherwise(lit(ACCEPTED)))
              .withColumn(
                  ValidatedRows.REASONS, when(col(OUTCOME).equalTo(QUARANTINED), array(conflict)))
              .drop("_rn", "_versions");
      Dataset<Row> invalid =
          records
              .filter(col(ValidatedRows.REASONS).isNotNull())
              .withColumn(OUTCOME, lit(QUARANTINED));
      return valid.unionByName(invalid).persist(CACHE);
    }

    private List<DropReport> reports() {
      Map<LocalDate, RecordCounts> counts = new HashMap<>();
      classified
          .groupBy(col(ValidatedRows.DT))
          .agg(
              count(lit(1)),
              sum(when(col(OUTCOME).equalTo(ACCEPTED), 1).otherwise(0)),
              sum(when(col(OUTCOME).equalTo(QUARANTINED), 1).otherwise(0)),
              sum(when(col(OUTCOME).equalTo(DUPLICATE), 1).otherwise(0)))
          .collectAsList()
          .forEach(
              r ->
                  counts.put(
                      r.getLocalDate(0),
                      new RecordCounts(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4))));

      // One row per file of the pending drops: bounded by the files, not by the records.
      List<Row> files =
          validated
              .filter(col(ValidatedRows.KIND).equalTo(ValidatedRows.KIND_FILE))
              .collectAsList();
      Map<LocalDate, FileCounts> fileCounts = new HashMap<>();
      for (Row f : files) {
        LocalDate dt = f.getAs(ValidatedRows.DT);
        String status = f.getAs(ValidatedRows.FILE_STATUS);
        String source = f.getAs(ValidatedRows.SOURCE_FILE);
        boolean fileRejected = status.equals("rejected");
        fileCounts.merge(dt, new FileCounts(1, fileRejected ? 1 : 0), FileCounts::plus);
        if (fileRejected) {
          rejected.add(new RejectedFile(source, f.getAs(ValidatedRows.FILE_MESSAGE)));
        }
        fileRows.add(
            RowFactory.create(
                dataset.folder(),
                dt,
                source,
                f.getAs(ValidatedRows.FILE_FORMAT),
                status,
                f.getAs(ValidatedRows.FILE_ROWS),
                f.getAs(ValidatedRows.FILE_MESSAGE)));
      }

      Map<LocalDate, Set<String>> orgs = affectedOrgs();
      List<DropReport> out = new ArrayList<>();
      for (Drop drop : drops) {
        RecordCounts c = counts.getOrDefault(drop.dt(), RecordCounts.NONE);
        FileCounts fc = fileCounts.getOrDefault(drop.dt(), FileCounts.NONE);
        out.add(
            new DropReport(
                dataset,
                drop.dt(),
                fc.files(),
                fc.rejected(),
                c.read(),
                c.accepted(),
                c.quarantined(),
                c.duplicates(),
                List.copyOf(orgs.getOrDefault(drop.dt(), Set.of()))));
      }
      return out;
    }

    /** Orgs in the new version of each drop and in the version it replaces (read before it is). */
    private Map<LocalDate, Set<String>> affectedOrgs() {
      String dts = dtIn(drops);
      Dataset<Row> now =
          classified.select(col(ValidatedRows.DT).as("dt"), col(ValidatedRows.ORG_ID).as("org_id"));
      Dataset<Row> before =
          lakehouse.read(LakehouseTables.bronze(dataset)).filter(dts).select("dt", "org_id");
      Dataset<Row> quarantinedBefore =
          lakehouse
              .read(LakehouseTables.QUARANTINE)
              .filter(col("dataset").equalTo(dataset.folder()))
              .filter(dts)
              .select("dt", "org_id");
      Map<LocalDate, Set<String>> orgs = new HashMap<>();
      now.unionAll(before)
          .unionAll(quarantinedBefore)
          .filter(col("org_id").isNotNull())
          .distinct()
          .collectAsList()
          .forEach(
              r ->
                  orgs.computeIfAbsent(r.getLocalDate(0), k -> new TreeSet<>())
                      .add(r.getString(1)));
      return orgs;
    }
  }

  private static Dataset<Row> bronzeRows(LandingDataset dataset, Dataset<Row> classified) {
    List<Column> cols = new ArrayList<>();
    for (LandingField f : dataset.fields()) {
      cols.add(col(f.name()));
    }
    cols.add(col(ValidatedRows.EXTRA).as("extra_columns"));
    cols.add(col(ValidatedRows.DT).as("dt"));
    cols.add(col(ValidatedRows.SOURCE_FILE).as("source_file"));
    cols.add(col(ValidatedRows.RECORD_NUMBER).as("record_number"));
    return classified.filter(col(OUTCOME).equalTo(ACCEPTED)).select(cols.toArray(Column[]::new));
  }

  private static Dataset<Row> quarantineRows(LandingDataset dataset, Dataset<Row> classified) {
    return classified
        .filter(col(OUTCOME).equalTo(QUARANTINED))
        .select(
            lit(dataset.folder()).as("dataset"),
            col(ValidatedRows.DT).as("dt"),
            col(ValidatedRows.SOURCE_FILE).as("source_file"),
            col(ValidatedRows.RECORD_NUMBER).as("record_number"),
            coalesce(col(ValidatedRows.RAW), lit("")).as("raw_record"),
            col(ValidatedRows.REASONS).as("reasons"),
            array_distinct(
                    transform(
                        col(ValidatedRows.REASONS), r -> functions.substring_index(r, ":", 1)))
                .as("reason_codes"),
            col(ValidatedRows.ORG_ID).as("org_id"),
            col(ValidatedRows.RECORD_KEY).as("record_key"));
  }

  private static Row logRow(DropReport r) {
    return RowFactory.create(
        r.dataset().folder(),
        r.dt(),
        r.files(),
        r.filesRejected(),
        r.rowsRead(),
        r.rowsAccepted(),
        r.rowsQuarantined(),
        r.duplicates(),
        CollectionConverters.asScala(r.affectedOrgs()).toSeq(),
        false);
  }

  private static String dtIn(List<Drop> drops) {
    return "dt IN ("
        + drops.stream()
            .map(d -> "DATE'" + d.dt() + "'")
            .distinct()
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static String dropsPredicate(Map<LandingDataset, List<Drop>> byDataset) {
    return byDataset.entrySet().stream()
        .map(
            e ->
                "(dataset = "
                    + Lakehouse.literal(e.getKey().folder())
                    + " AND "
                    + dtIn(e.getValue())
                    + ")")
        .collect(Collectors.joining(" OR "));
  }

  private static String firstLine(String message) {
    return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
  }

  /** Executor side: one CSV / JSON Lines / JSON file -> its record rows, then its file row. */
  private static final class ReadTextFile implements FlatMapFunction<String, Row> {
    private static final long serialVersionUID = 1L;
    private final LandingDataset dataset;
    private final String root;
    private final Broadcast<SerializableConfiguration> conf;

    ReadTextFile(LandingDataset dataset, String root, Broadcast<SerializableConfiguration> conf) {
      this.dataset = dataset;
      this.root = root;
      this.conf = conf;
    }

    private InputStream open(String uri) throws IOException {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
      return path.getFileSystem(conf.value().value()).open(path);
    }

    @Override
    public Iterator<Row> call(String uri) throws Exception {
      String relative = uri.startsWith(root + "/") ? uri.substring(root.length() + 1) : uri;
      String[] parts = relative.split("/");
      LocalDate dt = LocalDate.parse(parts[1].substring(3));
      LandingFormat format = LandingFormat.ofFileName(relative).orElseThrow();
      ValidatedRows rows = new ValidatedRows(dataset);
      try (InputStream in = open(uri)) {
        LandingFileReader.checkColumns(dataset, LandingFileReader.columns(format, in));
      } catch (LandingFileReader.FileRejected e) {
        return List.of(rows.file(dt, relative, format, false, 0, e.getMessage())).iterator();
      }
      InputStream in = open(uri);
      Iterator<LandingRecord> records;
      try {
        records = LandingFileReader.records(format, in);
      } catch (LandingFileReader.FileRejected e) {
        in.close();
        return List.of(rows.file(dt, relative, format, false, 0, e.getMessage())).iterator();
      }
      return new Iterator<>() {
        private long count;
        private boolean done;

        @Override
        public boolean hasNext() {
          return !done;
        }

        @Override
        public Row next() {
          if (done) {
            throw new NoSuchElementException();
          }
          if (records.hasNext()) {
            count++;
            return rows.record(dt, relative, records.next());
          }
          done = true;
          try {
            in.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return rows.file(dt, relative, format, true, count, null);
        }
      };
    }
  }

  /** Executor side: one Parquet row, as JSON, with its position -> its record row. */
  private static final class ParquetRecord
      implements org.apache.spark.api.java.function.Function<Tuple2<String, Long>, Row> {
    private static final long serialVersionUID = 1L;
    private final ValidatedRows rows;
    private final LocalDate dt;
    private final String source;

    ParquetRecord(ValidatedRows rows, LocalDate dt, String source) {
      this.rows = rows;
      this.dt = dt;
      this.source = source;
    }

    @Override
    public Row call(Tuple2<String, Long> row) {
      return rows.record(dt, source, LandingFileReader.jsonRecord(row._2() + 1, row._1()));
    }
  }

  /**
   * Executor side: one scanned Parquet row (file path, row index, JSON) -> (dt, source, row index,
   * JSON), the file's dt and relative path looked up by its path.
   */
  private static final class ParquetBatchRecord
      implements org.apache.spark.api.java.function.Function<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Map<String, Tuple2<LocalDate, String>> byPath;

    ParquetBatchRecord(Map<String, Tuple2<LocalDate, String>> byPath) {
      this.byPath = byPath;
    }

    /** A landing file's key: its path as a URI (what Spark's _metadata.file_path holds). */
    static String key(String uri) {
      return new org.apache.hadoop.fs.Path(uri).toUri().normalize().toString();
    }

    /** The key of Spark's _metadata.file_path, a URL-encoded URI string. */
    private static String scannedKey(String filePath) {
      return new org.apache.hadoop.fs.Path(URI.create(filePath)).toUri().normalize().toString();
    }

    @Override
    public Row call(Row row) {
      Tuple2<LocalDate, String> file = byPath.get(scannedKey(row.getString(0)));
      if (file == null) {
        // The batch fails and ingest falls back to one read per file.
        throw new IllegalStateException("Parquet row of an unknown file " + row.getString(0));
      }
      return RowFactory.create(file._1(), file._2(), row.getLong(1), row.getString(2));
    }
  }

  /** Executor side: one (dt, source, row index, JSON) Parquet row -> its record row. */
  private static final class ParquetBatchRow
      implements org.apache.spark.api.java.function.Function<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final ValidatedRows rows;

    ParquetBatchRow(ValidatedRows rows) {
      this.rows = rows;
    }

    @Override
    public Row call(Row row) {
      return rows.record(
          row.getLocalDate(0),
          row.getString(1),
          LandingFileReader.jsonRecord(row.getLong(2) + 1, row.getString(3)));
    }
  }
}
