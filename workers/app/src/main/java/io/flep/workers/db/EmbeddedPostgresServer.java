package io.flep.workers.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started by this process, keeping its data under {@code <dataDir>/postgres} so that runs
 * survive a restart of {@code flep serve}. It listens on 127.0.0.1 only and has no Unix socket.
 *
 * <p>Every login needs a password (SCRAM-SHA-256, {@link HostBasedAuthentication}). FLEP, Flyway and the engine
 * log in as {@value ApplicationRole#NAME}, which owns the database {@code postgres} and is no superuser (so it
 * cannot run programs or read server files), and cannot alter the audit chain ({@link AuditChainProtection}); the
 * superuser {@code postgres} is used only to set the store up and to put a newly migrated audit chain out of the
 * application role's reach. The
 * passwords are in owner-only files under {@code <dataDir>/secrets} ({@link PostgresPasswords}): another local
 * user without them cannot log in; the account that runs FLEP (and root) can.
 *
 * <p>How a start sets the store up:
 * <ul>
 *   <li>a new data directory: initdb creates the cluster with password authentication and the superuser's password
 *       from its file, so it never accepts a login without password; then the application role is created.
 *   <li>a data directory of an earlier version (initialised with {@code trust}, everything owned by {@code
 *       postgres}): started once with TCP refused to everyone and a Unix socket only this account can reach
 *       (owner-only directory, socket 0700), on which the superuser alone logs in without password; through it,
 *       FLEP sets the passwords, creates the application role and gives it the database and everything in it; then
 *       it writes the password-only {@code pg_hba.conf} and starts the server normally. Nothing is lost.
 *   <li>a data directory FLEP has set up: its {@code pg_hba.conf} is rewritten and the application role logs in.
 *       A missing or wrong password file stops the start with a message naming the file and what to do.
 * </ul>
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final DataDirectoryLock lock;
  private final PostgresPasswords passwords;
  private final String password;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, DataDirectoryLock lock, PostgresPasswords passwords,
      String password) {
    this.postgres = postgres;
    this.lock = lock;
    this.passwords = passwords;
    this.password = password;
  }

  public static EmbeddedPostgresServer start(Path dataDir) {
    Path pgData = dataDir.resolve("postgres").toAbsolutePath();
    DataDirectoryLock lock = null;
    try {
      Files.createDirectories(pgData);
      lock = DataDirectoryLock.acquire(dataDir);
      PostgresLauncher launcher = PostgresLauncher.forDataDirectory(dataDir, pgData);
      PostgresPasswords passwords = PostgresPasswords.in(dataDir);
      EmbeddedPostgres postgres = open(launcher, passwords, pgData);
      LOG.info("embedded PostgreSQL on 127.0.0.1:{}, data in {}, role {}", postgres.getPort(), pgData,
          ApplicationRole.NAME);
      return new EmbeddedPostgresServer(postgres, lock, passwords, passwords.application());
    } catch (IOException | SQLException | RuntimeException e) {
      closeQuietly(lock, e);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      String message = "could not start the embedded PostgreSQL in " + pgData + ": " + e.getMessage();
      throw e instanceof IOException io ? new UncheckedIOException(message, io) : new IllegalStateException(message, e);
    }
  }

  private static EmbeddedPostgres open(PostgresLauncher launcher, PostgresPasswords passwords, Path pgData)
      throws IOException, SQLException {
    if (!Files.exists(pgData.resolve("PG_VERSION"))) {
      passwords.createMissing();
      EmbeddedPostgres postgres = launcher.initialise(passwords);
      try (Connection superuser = DriverManager.getConnection(
          url(postgres.getPort()), ApplicationRole.SUPERUSER, passwords.superuser())) {
        ApplicationRole.setUp(superuser, passwords);
        // initdb's pg_hba.conf, which this server keeps until it restarts, asks every login for a password too
        HostBasedAuthentication.writePasswordsOnly(pgData);
      } catch (IOException | SQLException | RuntimeException e) {
        postgres.close();
        throw e;
      }
      return postgres;
    }
    if (!HostBasedAuthentication.isSetUp(pgData)) {
      passwords.createMissing();
      setUpThroughSocket(launcher, passwords, pgData);
    }
    HostBasedAuthentication.writePasswordsOnly(pgData);
    return launcher.start(passwords);
  }

  /** A data directory of an earlier version, or one whose passwords are being reset. */
  private static void setUpThroughSocket(PostgresLauncher launcher, PostgresPasswords passwords, Path pgData)
      throws IOException, SQLException {
    LOG.info("setting up password logins and the role {} on the embedded PostgreSQL in {}", ApplicationRole.NAME,
        pgData);
    Path socketDirectory = launcher.socketDirectory();
    int port = PostgresLauncher.freePort();
    Properties socketLogin = new Properties();
    socketLogin.putAll(PostgresLauncher.socketLogin(socketDirectory, port));
    HostBasedAuthentication.writeSetup(pgData);
    try (EmbeddedPostgres setUp = launcher.startForSetUp(socketDirectory, port);
        Connection superuser = DriverManager.getConnection(url(port), socketLogin)) {
      ApplicationRole.setUp(superuser, passwords);
      HostBasedAuthentication.writePasswordsOnly(pgData);
    } finally {
      try {
        Files.deleteIfExists(socketDirectory); // empty once the server has stopped
      } catch (IOException e) {
        LOG.warn("could not remove the set-up socket's directory {}: {}", socketDirectory, e.toString());
      }
    }
  }

  /**
   * Unqualified names resolve in {@code public} only: without it, PostgreSQL's default search path would look first
   * in a schema named after the role, which the application role (owner of the database) could create to shadow the
   * audit chain's table with one of its own ({@link AuditChainProtection}). Sent at login, it outranks any default
   * set with {@code ALTER ROLE} or {@code ALTER DATABASE}.
   */
  private static String url(int port) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?currentSchema=" + AuditChainProtection.SCHEMA;
  }

  public String jdbcUrl() {
    return url(postgres.getPort());
  }

  /** The application role: not a superuser, owner of the database. */
  public String username() {
    return ApplicationRole.NAME;
  }

  /** The application role's password (from the data directory's owner-only file); never log it. */
  public String password() {
    return password;
  }

  /**
   * The password of the application role of the store under {@code dataDir}, when that data directory holds one:
   * for a command that reaches the party's running PostgreSQL as the party itself, from the same account.
   */
  public static java.util.Optional<String> applicationPasswordOf(Path dataDir) {
    PostgresPasswords passwords = PostgresPasswords.in(dataDir);
    return Files.exists(passwords.applicationFile()) ? java.util.Optional.of(passwords.application())
        : java.util.Optional.empty();
  }

  /** A new connection as the application role. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), username(), password());
  }

  /**
   * A new connection as the superuser, with the password from its file, for what the application role must not do
   * ({@link AuditChainProtection}).
   *
   * @throws IllegalStateException naming the password file and what to do, if it is missing or refused
   */
  Connection connectAsSuperuser() throws SQLException {
    String superuserPassword = passwords.superuser();
    try {
      return DriverManager.getConnection(jdbcUrl(), ApplicationRole.SUPERUSER, superuserPassword);
    } catch (SQLException e) {
      if ("28P01".equals(e.getSQLState())) {
        throw new IllegalStateException("the embedded PostgreSQL refused the password of its superuser in "
            + passwords.superuserFile() + ": that file does not belong to this data directory. "
            + PostgresPasswords.recovery(passwords.superuserFile()), e);
      }
      throw e;
    }
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
