package io.flep.workers.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started by this process, keeping its data under {@code <dataDir>/postgres} so that runs
 * survive a restart of {@code flep serve}. It listens on loopback only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static EmbeddedPostgresServer start(Path dataDir) {
    Path pgData = dataDir.resolve("postgres").toAbsolutePath();
    try {
      Files.createDirectories(pgData);
      removeStalePidFile(pgData);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(dataDir.resolve("postgres-runtime").toFile())
              .setServerConfig("listen_addresses", "127.0.0.1")
              .start();
      LOG.info("embedded PostgreSQL on 127.0.0.1:{}, data in {}", postgres.getPort(), pgData);
      return new EmbeddedPostgresServer(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the embedded PostgreSQL in " + pgData + ": " + e.getMessage(), e);
    }
  }

  /** A previous process killed hard leaves postmaster.pid behind; PostgreSQL would then refuse to start. */
  private static void removeStalePidFile(Path pgData) throws IOException {
    Path pid = pgData.resolve("postmaster.pid");
    if (!Files.exists(pid)) {
      return;
    }
    String firstLine = Files.readAllLines(pid).stream().findFirst().orElse("").trim();
    ProcessHandle postmaster =
        firstLine.isEmpty() ? null : ProcessHandle.of(Long.parseLong(firstLine)).filter(ProcessHandle::isAlive).orElse(null);
    if (postmaster != null && leftByADeadFlep(postmaster)) {
      stop(postmaster, pgData);
      postmaster = null;
    }
    boolean alive = postmaster != null;
    if (alive) {
      throw new IllegalStateException(
          "the data directory " + pgData + " is in use by PostgreSQL process " + firstLine
              + " (another flep run or serve?); stop it or choose another --data-dir");
    }
    Files.deleteIfExists(pid);
  }

  /**
   * A PostgreSQL server whose JVM is gone (killed with SIGKILL: the server, a separate process,
   * outlives it): its parent is no longer a Java process.
   */
  private static boolean leftByADeadFlep(ProcessHandle postmaster) {
    boolean postgres = postmaster.info().command().map(c -> c.contains("postgres")).orElse(false);
    boolean parentIsJava =
        postmaster.parent()
            .filter(ProcessHandle::isAlive)
            .flatMap(parent -> parent.info().command())
            .map(command -> command.endsWith("/java") || command.endsWith("java.exe"))
            .orElse(false);
    return postgres && !parentIsJava;
  }

  private static void stop(ProcessHandle postmaster, Path pgData) throws IOException {
    LOG.warn("stopping PostgreSQL process {} on {}: the FLEP process that started it is gone", postmaster.pid(), pgData);
    postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with their JVM
    try {
      postmaster.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      postmaster.destroyForcibly();
      postmaster.onExit().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the orphaned PostgreSQL " + postmaster.pid(), e);
    } catch (java.util.concurrent.ExecutionException e) {
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
    postgres.close();
  }
}
