package io.flep.workers.db;

import static io.flep.workers.testing.SqlRows.string;
import static io.flep.workers.testing.SqlRows.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL takes password logins only, FLEP logs in as a role that is no superuser, the passwords
 * are in owner-only files, and a data directory of an earlier version (trust, everything owned by {@code
 * postgres}) is upgraded on start without losing anything.
 */
class EmbeddedPostgresAuthenticationTest {

  /** On a new store's first run, which still has initdb's pg_hba.conf in memory: it was password-only too. */
  @Test
  void loginsWithoutThePasswordAreRefused(@TempDir Path dataDir) throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
      for (String role : List.of("flep_app", "postgres")) {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), role, null).close())
            .as("%s without a password", role)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("no password was provided");
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), role, "wrong").close())
            .as("%s with a wrong password", role)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("password authentication failed");
      }
      assertThat(text(dataDir.resolve("postgres/pg_hba.conf"))).doesNotContain("trust")
          .contains("local   all   all                  scram-sha-256")
          .contains("host    all   all   127.0.0.1/32   scram-sha-256");
      try (Connection db = DriverManager.getConnection(server.jdbcUrl(), "postgres",
          text(dataDir.resolve("secrets/postgres-superuser.password")))) {
        assertThat(string(db, "show listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(string(db, "show unix_socket_directories")).as("no Unix socket").isEmpty();
        assertThat(string(db, "show password_encryption")).isEqualTo("scram-sha-256");
      }
    }
  }

  @Test
  void theApplicationRoleOwnsTheDatabaseButIsNoSuperuserAndCannotRunPrograms(@TempDir Path dataDir)
      throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
        Connection db = server.connect()) {
      assertThat(server.username()).isEqualTo("flep_app");
      assertThat(string(db, "select current_user")).isEqualTo("flep_app");
      assertThat(string(db, "select rolsuper || ' ' || rolcreaterole || ' ' || rolcreatedb || ' ' || rolreplication"
          + " || ' ' || rolbypassrls from pg_roles where rolname = current_user")).isEqualTo("false false false false false");
      assertThat(string(db, "select pg_has_role('pg_execute_server_program', 'member') or pg_has_role("
          + "'pg_read_server_files', 'member') or pg_has_role('pg_write_server_files', 'member')")).isEqualTo("f");
      assertThat(string(db, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
          .isEqualTo("flep_app");
      // public (the audit chain's schema, AuditChainProtection) is not its own; it may create tables there
      assertThat(string(db, "select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public'"))
          .isEqualTo("flep_audit_owner");
      assertThat(string(db, "select has_schema_privilege('public', 'USAGE')"
          + " and has_schema_privilege('public', 'CREATE')")).isEqualTo("t");
      try (Statement sql = db.createStatement()) {
        assertThatThrownBy(() -> sql.execute("copy (select 1) to program 'true'"))
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        sql.execute("create schema flep_engine"); // the engine's schema: the owner of the database may
      }
    }
  }

  @Test
  void thePasswordFilesAreOwnerOnlyAndTheBinariesTooAndARestartKeepsDataAndLogsIn(@TempDir Path dataDir)
      throws Exception {
    String password;
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
        Connection db = server.connect();
        Statement sql = db.createStatement()) {
      password = server.password();
      sql.execute("create table kept (value text)");
      sql.execute("insert into kept values ('before the restart')");
    }
    Path secrets = dataDir.resolve("secrets");
    assertThat(permissions(secrets)).isEqualTo("rwx------");
    for (String file : List.of("postgres-app.password", "postgres-superuser.password")) {
      assertThat(permissions(secrets.resolve(file))).as(file).isEqualTo("rw-------");
    }
    assertThat(text(secrets.resolve("postgres-app.password"))).isEqualTo(password)
        .matches("[A-Za-z0-9_-]{43}") // 32 random bytes, base64url
        .isNotEqualTo(text(secrets.resolve("postgres-superuser.password")));
    assertThat(permissions(dataDir.resolve("postgres-runtime"))).isEqualTo("rwx------");

    try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(dataDir);
        Connection db = again.connect()) {
      assertThat(again.password()).isEqualTo(password);
      assertThat(string(db, "select value from kept")).isEqualTo("before the restart");
      assertThatThrownBy(() -> DriverManager.getConnection(again.jdbcUrl(), "flep_app", "wrong").close())
          .hasMessageContaining("password authentication failed");
    }
  }

  @Test
  void aStoreOfAnEarlierVersionIsUpgradedWithoutLosingAnything(@TempDir Path dataDir) throws Exception {
    // the way earlier versions ran it: zonky's trust, everything owned by the superuser postgres
    try (EmbeddedPostgres old = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir.resolve("postgres"))
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(dataDir.resolve("postgres-runtime").toFile())
        .setServerConfig("listen_addresses", "127.0.0.1")
        .start();
        Connection db = DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + old.getPort() + "/postgres", "postgres", "");
        Statement sql = db.createStatement()) {
      sql.execute("create table run (id bigserial primary key, name text)");
      sql.execute("insert into run (name) values ('from an earlier version')");
      sql.execute("create schema flep_engine");
      sql.execute("create table flep_engine.job (id int generated always as identity, state text)");
      sql.execute("insert into flep_engine.job (state) values ('ACTIVATABLE')");
      sql.execute("create view run_names as select name from run");
      sql.execute("create type stage as enum ('STARTED', 'COMPLETED')");
      sql.execute("create function one() returns int language sql as 'select 1'");
    }
    assertThat(text(dataDir.resolve("postgres/pg_hba.conf"))).contains("trust");

    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
        Connection db = server.connect();
        Statement sql = db.createStatement()) {
      assertThat(string(db, "select name from run")).isEqualTo("from an earlier version");
      assertThat(string(db, "select state from flep_engine.job")).isEqualTo("ACTIVATABLE");
      // the application role owns it all: it writes, uses the sequences, alters and drops
      sql.execute("insert into run (name) values ('after the upgrade')");
      sql.execute("insert into flep_engine.job (state) values ('COMPLETED')");
      assertThat(strings(db, "select name from run_names order by name"))
          .containsExactly("after the upgrade", "from an earlier version");
      sql.execute("alter table run add column note text");
      sql.execute("alter type stage add value 'FAILED'");
      sql.execute("drop function one()");
      assertThat(strings(db, "select c.relname || ' ' || pg_get_userbyid(c.relowner) from pg_class c join"
          + " pg_namespace n on n.oid = c.relnamespace where n.nspname in ('public', 'flep_engine')"
          + " and pg_get_userbyid(c.relowner) <> 'flep_app'")).as("objects not owned by flep_app").isEmpty();
      assertThat(string(db, "select rolsuper from pg_roles where rolname = current_user")).isEqualTo("f");
      // trust is gone, for the superuser too
      assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", null).close())
          .hasMessageContaining("no password was provided");
      try (Connection superuser = DriverManager.getConnection(server.jdbcUrl(), "postgres",
          text(dataDir.resolve("secrets/postgres-superuser.password")))) {
        assertThat(string(superuser, "select rolsuper from pg_roles where rolname = current_user")).isEqualTo("t");
      }
    }
    assertThat(text(dataDir.resolve("postgres/pg_hba.conf"))).doesNotContain("trust").startsWith("# FLEP");
    assertThat(permissions(dataDir.resolve("secrets/postgres-app.password"))).isEqualTo("rw-------");
    assertThat(dataDir.resolve("postgres-socket")).as("the set-up socket's directory is removed").doesNotExist();
  }

  @Test
  void aLostPasswordFileIsNamedWithWhatToDoAndDeletingTheHbaFileSetsNewPasswords(@TempDir Path dataDir)
      throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
        Statement sql = server.connect().createStatement()) {
      sql.execute("create table kept as select 'still here' as value");
    }
    Path file = dataDir.resolve("secrets/postgres-app.password").toAbsolutePath();
    Files.delete(file);
    assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("Restore it from a backup")
        .hasMessageContaining("delete " + dataDir.toAbsolutePath().resolve("postgres/pg_hba.conf"));

    Files.delete(dataDir.resolve("postgres/pg_hba.conf"));
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
        Connection db = server.connect()) {
      assertThat(text(file)).isEqualTo(server.password());
      assertThat(string(db, "select value from kept")).isEqualTo("still here");
    }
  }

  @Test
  void aPasswordFileOfAnotherDataDirectoryIsNamedWithoutShowingAPassword(@TempDir Path dataDir) throws Exception {
    String right;
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
      right = server.password();
    }
    Path file = dataDir.resolve("secrets/postgres-app.password").toAbsolutePath();
    String wrong = "another-data-directorys-password-0123456789a";
    Files.writeString(file, wrong);
    assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refused the password of role 'flep_app' in " + file)
        .hasMessageContaining("Restore it from a backup")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(right));
    Files.writeString(file, right);
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
      assertThat(server.connect().isValid(5)).as("starts again once the right file is back").isTrue();
    }
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static String text(Path file) throws Exception {
    return Files.readString(file).strip();
  }
}
