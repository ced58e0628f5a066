package io.stratify.jobs.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratify.common.io.Lakehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One writer at a time per lakehouse: a lock file, {@code <lakehouse>/_stratify/lock}, created
 * exclusively (atomically on local disk and HDFS) and removed when the run ends. A second run fails
 * at once, or waits when asked to. A lock left by a run that was killed on this host is recognised
 * by its process id and taken over; so is one this JVM took and could not remove (its storage
 * failed as the run ended). On S3 the exclusive create is not atomic between concurrent writers;
 * see docs/operations.md.
 */
public final class LakehouseLock implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofSeconds(2);

  /**
   * The tokens of locks this JVM took and then could not remove (e.g. the object store was down as
   * the run failed). Such a lock file is stale, as a dead process's is, though its pid is alive.
   */
  private static final java.util.Set<String> ABANDONED =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final FileSystem fs;
  private final Path path;
  private final String token;

  private LakehouseLock(FileSystem fs, Path path, String token) {
    this.fs = fs;
    this.path = path;
    this.token = token;
  }

  public static String location(Lakehouse lakehouse) {
    return lakehouse.root() + "/_stratify/lock";
  }

  public static LakehouseLock acquire(
      Lakehouse lakehouse, Duration wait, String command, Consumer<String> progress) {
    String location = location(lakehouse);
    Instant deadline = Instant.now().plus(wait);
    try {
      FileSystem fs = MartsPublisher.fileSystem(lakehouse, location);
      Path path = new Path(location);
      fs.mkdirs(path.getParent());
      String token = UUID.randomUUID().toString();
      byte[] content = holder(token, command);
      while (true) {
        if (create(fs, path, content)) {
          return new LakehouseLock(fs, path, token);
        }
        JsonNode holder = read(fs, path);
        if (holder != null && stale(holder)) {
          progress.accept(
              "warning: removing the lock of run pid "
                  + holder.path("pid").asLong()
                  + ", which is no longer running (killed, or its storage failed as it ended)");
          fs.delete(path, false);
          continue;
        }
        if (!Instant.now().isBefore(deadline)) {
          throw new LakehouseLockedException(
              "Cannot run: another Stratify run holds the lakehouse lock "
                  + location
                  + (holder == null
                      ? ""
                      : " ("
                          + holder.path("command").asText()
                          + ", pid "
                          + holder.path("pid").asLong()
                          + " on "
                          + holder.path("host").asText()
                          + ", started "
                          + holder.path("started_at").asText()
                          + ")")
                  + ". Wait for it to finish (or give --conf run.lock-wait-seconds=N); if that run is"
                  + " gone, delete the lock file.");
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot take the lakehouse lock " + location, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the lakehouse lock", e);
    }
  }

  private static boolean create(FileSystem fs, Path path, byte[] content) throws IOException {
    if ("file".equals(fs.getUri().getScheme())) {
      try {
        Files.write(
            java.nio.file.Path.of(path.toUri().getPath()),
            content,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(content);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  private static JsonNode read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return JSON.readTree(in);
    } catch (java.io.FileNotFoundException | NoSuchFileException e) {
      return null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  private static boolean stale(JsonNode holder) {
    if (!holder.path("host").asText().equals(host())) {
      return false;
    }
    return ABANDONED.contains(holder.path("token").asText())
        || ProcessHandle.of(holder.path("pid").asLong()).isEmpty();
  }

  private static byte[] holder(String token, String command) throws IOException {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("token", token);
    h.put("pid", ProcessHandle.current().pid());
    h.put("host", host());
    h.put("command", command);
    h.put("started_at", Instant.now().toString());
    return JSON.writeValueAsString(h).getBytes(StandardCharsets.UTF_8);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Releases the lock if it is still this run's. */
  @Override
  public void close() {
    boolean released = false;
    try {
      JsonNode holder = read(fs, path);
      if (holder != null && token.equals(holder.path("token").asText())) {
        fs.delete(path, false);
      }
      released = true;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot release the lakehouse lock "
              + path
              + " (the next run on this host takes it over; from another host, delete it)",
          e);
    } finally {
      if (!released) {
        ABANDONED.add(token);
      }
    }
  }
}
