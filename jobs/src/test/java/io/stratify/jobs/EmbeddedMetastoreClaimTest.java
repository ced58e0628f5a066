package io.stratify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Derby metastore admits one process: a second process finds it claimed (by another
 * Stratify, or booted by any Derby) and falls back to an in-memory catalog instead of failing after
 * minutes of retries. The other process is a python3 holding the same POSIX locks Java and Derby
 * take.
 */
class EmbeddedMetastoreClaimTest {

  @TempDir Path dir;

  /** Starts a process that holds an exclusive lock on {@code file} until it is killed. */
  static Process holdLock(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    Process p =
        new ProcessBuilder(
                "python3",
                "-c",
                "import fcntl, os, sys\n"
                    + "fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT)\n"
                    + "fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
                    + "print('locked', flush=True)\n"
                    + "sys.stdin.read()\n",
                file.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("locked");
    return p;
  }

  static void release(Process p) throws Exception {
    p.destroyForcibly();
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
  }

  @Test
  void aMetastoreClaimedByAnotherProcessIsRefusedUntilItEnds() throws Exception {
    Path meta = dir.resolve("lake/_stratify");
    Process other = holdLock(meta.resolve("metastore.lock"));
    try {
      assertThat(StratifySpark.claimEmbeddedMetastore(meta)).isFalse();
    } finally {
      release(other);
    }
    assertThat(StratifySpark.claimEmbeddedMetastore(meta)).isTrue();
    assertThat(StratifySpark.claimEmbeddedMetastore(meta))
        .as("a second session of the same process shares its claim")
        .isTrue();
  }

  @Test
  void aDerbyBootedByAProcessThatTookNoClaimIsRecognised() throws Exception {
    Path meta = dir.resolve("thrift/_stratify");
    Process derby = holdLock(meta.resolve("metastore/dbex.lck"));
    try {
      assertThat(StratifySpark.claimEmbeddedMetastore(meta)).isFalse();
    } finally {
      release(derby);
    }
    assertThat(StratifySpark.claimEmbeddedMetastore(meta)).isTrue();
  }

  @Test
  void aFreshLakehouseIsClaimed() {
    Path meta = dir.resolve("new/_stratify");
    assertThat(StratifySpark.claimEmbeddedMetastore(meta)).isTrue();
    assertThat(meta.resolve("metastore.lock")).exists();
  }
}
