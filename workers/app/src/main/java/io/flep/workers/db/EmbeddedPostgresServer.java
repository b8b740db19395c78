package io.flep.workers.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started by this process, keeping its data under {@code <dataDir>/postgres} so that runs
 * survive a restart of {@code flep serve}. It listens on loopback only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final DataDirectoryLock lock;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, DataDirectoryLock lock) {
    this.postgres = postgres;
    this.lock = lock;
  }

  public static EmbeddedPostgresServer start(Path dataDir) {
    Path pgData = dataDir.resolve("postgres").toAbsolutePath();
    DataDirectoryLock lock = null;
    try {
      Files.createDirectories(pgData);
      lock = DataDirectoryLock.acquire(dataDir);
      removeStalePidFile(pgData);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(dataDir.resolve("postgres-runtime").toFile())
              .setServerConfig("listen_addresses", "127.0.0.1")
              .start();
      LOG.info("embedded PostgreSQL on 127.0.0.1:{}, data in {}", postgres.getPort(), pgData);
      return new EmbeddedPostgresServer(postgres, lock);
    } catch (IOException | RuntimeException e) {
      closeQuietly(lock, e);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new UncheckedIOException(
          "could not start the embedded PostgreSQL in " + pgData + ": " + e.getMessage(), (IOException) e);
    }
  }

  /**
   * A FLEP process killed hard leaves {@code postmaster.pid} behind, and its PostgreSQL server running (a process
   * of its own): PostgreSQL would refuse to start on the data directory. Called while holding the {@link
   * DataDirectoryLock}, so whatever server runs on it belongs to a FLEP process that is gone: it is stopped.
   */
  private static void removeStalePidFile(Path pgData) throws IOException {
    Path pid = pgData.resolve("postmaster.pid");
    if (!Files.exists(pid)) {
      return;
    }
    String firstLine = Files.readAllLines(pid).stream().findFirst().orElse("").trim();
    Optional<ProcessHandle> postmaster = firstLine.matches("\\d+")
        ? ProcessHandle.of(Long.parseLong(firstLine)).filter(ProcessHandle::isAlive)
        : Optional.empty();
    // a live process that is not PostgreSQL got the number of a server that is gone: only the file is stale
    if (postmaster.isPresent() && postmaster.get().info().command().map(c -> c.contains("postgres")).orElse(true)) {
      stop(postmaster.get(), pgData);
    }
    Files.deleteIfExists(pid);
  }

  private static void stop(ProcessHandle postmaster, Path pgData) throws IOException {
    LOG.warn("stopping PostgreSQL process {} on {}: the FLEP process that started it is gone", postmaster.pid(),
        pgData);
    postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with their JVM
    try {
      postmaster.onExit().get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      postmaster.destroyForcibly();
      postmaster.onExit().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the orphaned PostgreSQL " + postmaster.pid(), e);
    } catch (ExecutionException e) {
      throw new IOException("could not stop the orphaned PostgreSQL " + postmaster.pid(), e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  public String username() {
    return "postgres";
  }

  @Override
  public void close() throws IOException {
    try {
      postgres.close();
    } finally {
      lock.close();
    }
  }

  private static void closeQuietly(DataDirectoryLock lock, Exception failure) {
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
