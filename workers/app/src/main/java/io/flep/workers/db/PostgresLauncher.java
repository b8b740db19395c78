package io.flep.workers.db;

import io.flep.workers.store.OwnerOnlyFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the PostgreSQL server of one data directory (zonky's {@link EmbeddedPostgres}): listening on 127.0.0.1
 * only, with no Unix socket except for {@link #startForSetUp set-up}, where it lies in an owner-only directory and
 * is itself owner-only. Server options are on the server's command line, visible to every local user: none of them
 * is a secret. The binaries are unpacked under {@code <dataDir>/postgres-runtime}, kept owner-only (zonky makes its
 * working directory world-writable, which would let another user swap the binaries).
 *
 * <p>Called while holding the {@link DataDirectoryLock}. A start that fails stops the server it may have left
 * running.
 */
final class PostgresLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresLauncher.class);
  /** sockaddr_un's limit for the socket's path, {@code <dir>/.s.PGSQL.<port>}, less its terminating NUL. */
  private static final int MAX_SOCKET_PATH = 107;

  private final Path dataDir;
  private final Path pgData;
  private final Path runtime;

  private PostgresLauncher(Path dataDir, Path pgData, Path runtime) {
    this.dataDir = dataDir;
    this.pgData = pgData;
    this.runtime = runtime;
  }

  /** Stops a server that a FLEP process now gone left running on {@code pgData}, and secures the runtime. */
  static PostgresLauncher forDataDirectory(Path dataDir, Path pgData) throws IOException {
    stopLeftoverServer(pgData);
    Path runtime = dataDir.resolve("postgres-runtime").toAbsolutePath();
    OwnerOnlyFiles.createDirectory(runtime);
    PostgresLauncher launcher = new PostgresLauncher(dataDir, pgData, runtime);
    launcher.ownerOnly(runtime);
    return launcher;
  }

  /**
   * Creates the cluster with password (SCRAM) authentication from the start — initdb's {@code --auth} and
   * {@code --pwfile}, passed through zonky's initdb options — and starts it; the superuser logs in to check it.
   */
  EmbeddedPostgres initialise(PostgresPasswords passwords) throws IOException {
    // zonky runs "initdb -A trust ..." and appends these as --key=value: the later --auth wins
    return start(builder()
        .setLocaleConfig("auth", "scram-sha-256")
        .setLocaleConfig("pwfile", passwords.superuserFile().toString())
        .setServerConfig("unix_socket_directories", "''")
        .setConnectConfig("user", ApplicationRole.SUPERUSER)
        .setConnectConfig("password", passwords.superuser()), passwords.superuserFile(), ApplicationRole.SUPERUSER);
  }

  /** Starts the cluster for FLEP's application role, whose password logs in to check it. */
  EmbeddedPostgres start(PostgresPasswords passwords) throws IOException {
    return start(builder()
        .setServerConfig("unix_socket_directories", "''")
        .setConnectConfig("user", ApplicationRole.NAME)
        .setConnectConfig("password", passwords.application()), passwords.applicationFile(), ApplicationRole.NAME);
  }

  /**
   * Starts the cluster with a Unix socket in {@code socketDirectory} (owner-only, see {@link #socketDirectory()}),
   * socket permissions 0700, on {@code port}; the superuser logs in through the socket ({@link
   * #socketLogin(Path, int)}).
   */
  EmbeddedPostgres startForSetUp(Path socketDirectory, int port) throws IOException {
    EmbeddedPostgres.Builder builder = builder()
        .setPort(port)
        .setServerConfig("unix_socket_directories", "'" + socketDirectory + "'")
        .setServerConfig("unix_socket_permissions", "0700");
    socketLogin(socketDirectory, port).forEach(builder::setConnectConfig);
    return start(builder, null, ApplicationRole.SUPERUSER);
  }

  /** JDBC properties that log in as the superuser through the set-up socket (no password). */
  static Map<String, String> socketLogin(Path socketDirectory, int port) {
    return Map.of(
        "user", ApplicationRole.SUPERUSER,
        "socketFactory", UnixSocketFactory.class.getName(),
        "socketFactoryArg", socketDirectory.resolve(".s.PGSQL." + port).toString(),
        "sslmode", "disable",
        "gssEncMode", "disable");
  }

  /**
   * An owner-only directory for the set-up socket: {@code <dataDir>/postgres-socket}, or, when that path is too
   * long for a socket or would need quoting, a new owner-only temporary directory.
   */
  Path socketDirectory() throws IOException {
    Path inDataDir = dataDir.resolve("postgres-socket").toAbsolutePath();
    if ((inDataDir + "/.s.PGSQL.65535").length() <= MAX_SOCKET_PATH
        && inDataDir.toString().matches("[A-Za-z0-9._/+-]+")) {
      OwnerOnlyFiles.createDirectory(inDataDir);
      ownerOnly(inDataDir);
      return inDataDir;
    }
    return Files.createTempDirectory("flep-pg-", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private EmbeddedPostgres.Builder builder() {
    return EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(runtime.toFile())
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("password_encryption", "scram-sha-256");
  }

  /**
   * @param passwordFile the password the check logs in with, named when the server refuses it; null for none
   */
  private EmbeddedPostgres start(EmbeddedPostgres.Builder builder, Path passwordFile, String role)
      throws IOException {
    try {
      return builder.start();
    } catch (IOException | RuntimeException e) {
      try {
        stopLeftoverServer(pgData);
        // zonky's failed instance keeps its lock on this file; a new file lets this JVM start the server again
        // (the DataDirectoryLock, held throughout, is what keeps other processes out)
        Files.deleteIfExists(pgData.resolve("epg-lock"));
      } catch (IOException | RuntimeException stop) {
        e.addSuppressed(stop);
      }
      if (passwordFile != null && passwordRefused(e)) {
        throw new IllegalStateException("the embedded PostgreSQL in " + pgData + " refused the password of role '"
            + role + "' in " + passwordFile + ": that file does not belong to this data directory. "
            + PostgresPasswords.recovery(passwordFile), e);
      }
      throw e;
    } finally {
      ownerOnly(runtime);
    }
  }

  /** SQLSTATE 28P01, invalid_password, anywhere in the causes. */
  private static boolean passwordRefused(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "28P01".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private void ownerOnly(Path directory) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /**
   * A FLEP process killed hard leaves {@code postmaster.pid} behind, and its PostgreSQL server running (a process
   * of its own): PostgreSQL would refuse to start on the data directory. Called while holding the {@link
   * DataDirectoryLock}, so whatever server runs on it belongs to a FLEP process that is gone (or to a start of
   * this one that failed): it is stopped.
   */
  private static void stopLeftoverServer(Path pgData) throws IOException {
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
    LOG.warn("stopping PostgreSQL process {} on {}: the FLEP process or start that ran it is gone",
        postmaster.pid(), pgData);
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
}
