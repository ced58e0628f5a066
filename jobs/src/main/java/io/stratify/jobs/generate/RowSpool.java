package io.stratify.jobs.generate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A temporary file holding the rows of every org, so that the generator keeps one org in memory
 * while it simulates and one file's rows while it writes. Rows are written in chunks (one org's
 * rows of one landing file) and read back by the chunk's place, with their org, values (in their
 * order, typed) and the flags bad-input injection chooses by; the file is deleted on close.
 */
final class RowSpool implements AutoCloseable {

  /** Where a chunk lies in the spool. */
  record Chunk(long offset, int length) {}

  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte INT = 2;
  private static final byte LONG = 3;
  private static final byte DOUBLE = 4;
  private static final byte DECIMAL = 5;
  private static final byte BOOLEAN = 6;
  private static final byte DATE = 7;
  private static final byte TIMESTAMP = 8;
  private static final byte LIST = 9;

  private final Path path;
  private final FileChannel channel;
  private final List<OrgProfile> orgs;
  private final Map<OrgProfile, Integer> orgIndex = new HashMap<>();
  private final Map<String, Integer> columnIndex = new HashMap<>();
  private final List<String> columns = new ArrayList<>();
  private long end;

  private RowSpool(Path path, List<OrgProfile> orgs) throws IOException {
    this.path = path;
    this.channel =
        FileChannel.open(
            path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
    this.orgs = orgs;
    for (int i = 0; i < orgs.size(); i++) {
      orgIndex.put(orgs.get(i), i);
    }
  }

  /** A new spool in the temporary directory, for rows of {@code orgs}. */
  static RowSpool create(List<OrgProfile> orgs) {
    try {
      Path file = Files.createTempFile("stratify-generate-", ".spool");
      file.toFile().deleteOnExit();
      return new RowSpool(file, orgs);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the generator's spool file: " + e, e);
    }
  }

  Chunk write(List<LandingFile.Row> rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * rows.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(rows.size());
      for (LandingFile.Row row : rows) {
        out.writeShort(orgIndex.get(row.org));
        out.writeByte(
            (row.unchanged ? 1 : 0) | (row.resentLater ? 2 : 0) | (row.nextDayFree ? 4 : 0));
        out.writeShort(row.values.size());
        for (Map.Entry<String, Object> e : row.values.entrySet()) {
          out.writeShort(columnIndex.computeIfAbsent(e.getKey(), this::newColumn));
          writeValue(out, e.getValue());
        }
      }
      out.flush();
      ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
      Chunk chunk = new Chunk(end, buffer.remaining());
      while (buffer.hasRemaining()) {
        end += channel.write(buffer, end);
      }
      return chunk;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the generator's spool " + path + ": " + e, e);
    }
  }

  List<LandingFile.Row> read(Chunk chunk) {
    ByteBuffer buffer = ByteBuffer.allocate(chunk.length());
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, chunk.offset() + buffer.position()) < 0) {
          throw new IOException("the spool ends early");
        }
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(buffer.array()));
      int n = in.readInt();
      List<LandingFile.Row> rows = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        OrgProfile org = orgs.get(in.readShort() & 0xFFFF);
        int flags = in.readByte();
        int size = in.readShort() & 0xFFFF;
        Map<String, Object> values = new LinkedHashMap<>();
        for (int v = 0; v < size; v++) {
          String column = columns.get(in.readShort() & 0xFFFF);
          values.put(column, readValue(in));
        }
        LandingFile.Row row = new LandingFile.Row(org, values);
        row.unchanged = (flags & 1) != 0;
        row.resentLater = (flags & 2) != 0;
        row.nextDayFree = (flags & 4) != 0;
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the generator's spool " + path + ": " + e, e);
    }
  }

  private int newColumn(String name) {
    columns.add(name);
    return columns.size() - 1;
  }

  private static void writeValue(DataOutputStream out, Object value) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      out.writeUTF(s);
    } else if (value instanceof Integer n) {
      out.writeByte(INT);
      out.writeInt(n);
    } else if (value instanceof Long n) {
      out.writeByte(LONG);
      out.writeLong(n);
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (value instanceof BigDecimal d) {
      out.writeByte(DECIMAL);
      out.writeUTF(d.toString());
    } else if (value instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeBoolean(b);
    } else if (value instanceof LocalDate d) {
      out.writeByte(DATE);
      out.writeLong(d.toEpochDay());
    } else if (value instanceof Instant t) {
      out.writeByte(TIMESTAMP);
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    } else if (value instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object item : list) {
        out.writeUTF(String.valueOf(item));
      }
    } else {
      throw new IllegalStateException(
          "Cannot spool a " + value.getClass().getSimpleName() + " value: " + value);
    }
  }

  private static Object readValue(DataInputStream in) throws IOException {
    byte type = in.readByte();
    return switch (type) {
      case NULL -> null;
      case STRING -> in.readUTF();
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case DOUBLE -> in.readDouble();
      case DECIMAL -> new BigDecimal(in.readUTF());
      case BOOLEAN -> in.readBoolean();
      case DATE -> LocalDate.ofEpochDay(in.readLong());
      case TIMESTAMP -> Instant.ofEpochSecond(in.readLong(), in.readInt());
      case LIST -> {
        int n = in.readInt();
        List<String> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          items.add(in.readUTF());
        }
        yield List.copyOf(items);
      }
      default -> throw new IllegalStateException("Cannot read spooled value of type " + type);
    };
  }

  @Override
  public void close() {
    try {
      channel.close();
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the generator's spool " + path + ": " + e, e);
    }
  }
}
