package io.flep.workers.db;

import static io.flep.workers.testing.SqlRows.string;
import static io.flep.workers.testing.SqlRows.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Review finding M2 on a real party store, without Spring: a store whose audit chain the application role owned (as
 * V8 left it, Flyway running as that role) is protected after its next migration, what the role changed while it
 * owned the table is undone, and afterwards the role, logged in with its real password, can only read and append.
 */
class AuditChainProtectionTest {
  private static final String ENTRY = "insert into audit_entry (party, seq, recorded_at, type, detail, refs, prev_hash,"
      + " entry_hash, signature) values ('p', %d, now(), 'REFUSED', 'x', '[]', repeat('0', 64), repeat('1', 64),"
      + " '\\x00')";

  @Test
  void aStoreTheApplicationRoleOwnedIsProtectedAfterItsMigrationAndItsChangesAreUndone(@TempDir Path dataDir)
      throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
      migrate(server, "9"); // the store as it was: everything V8 made belongs to flep_app
      try (Connection app = server.connect(); Statement sql = app.createStatement()) {
        assertThat(string(app, "select pg_get_userbyid(relowner) from pg_class where oid = 'audit_entry'::regclass"))
            .isEqualTo("flep_app");
        sql.execute(ENTRY.formatted(1));
        // what the owner could do: switch a trigger off, gut a function, add a rule and a trigger of its own
        sql.execute("alter table audit_entry disable trigger audit_entry_append_only");
        sql.execute("create or replace function audit_entry_refuse_truncate() returns trigger language plpgsql as"
            + " $$ begin return null; end $$");
        sql.execute("create rule forget as on delete to audit_entry do also nothing");
        sql.execute("create function sneak() returns trigger language plpgsql as $$ begin return new; end $$");
        sql.execute("create trigger sneak before insert on audit_entry for each row execute function sneak()");
        assertThat(AuditChainProtection.problems(app, "flep_app")).isNotEmpty();
      }

      migrate(server, "latest");
      AuditChainProtection.afterMigration(dataSource(server), server::connectAsSuperuser);

      try (Connection app = server.connect(); Statement sql = app.createStatement()) {
        assertThat(AuditChainProtection.problems(app, "flep_app")).isEmpty();
        assertThat(strings(app, "select tgname || ' ' || tgenabled from pg_trigger where tgrelid ="
            + " 'audit_entry'::regclass and not tgisinternal order by tgname"))
            .containsExactly("audit_entry_append_only O", "audit_entry_no_truncate O");
        assertThat(string(app, "select count(*) from pg_rewrite where ev_class = 'audit_entry'::regclass"))
            .isEqualTo("0");
        for (String bypass : List.of(
            "alter table audit_entry disable trigger all",
            "delete from audit_entry",
            "update audit_entry set detail = 'y'",
            "truncate audit_entry",
            "create or replace function audit_entry_refuse_change() returns trigger language plpgsql as"
                + " $$ begin return old; end $$",
            "drop table audit_entry",
            "alter schema public rename to elsewhere",
            "grant flep_audit_owner to flep_app")) {
          assertThatThrownBy(() -> sql.execute(bypass)).as(bypass).isInstanceOf(SQLException.class)
              .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo("42501"));
        }
        sql.execute(ENTRY.formatted(2));
        assertThat(string(app, "select count(*) from audit_entry")).isEqualTo("2");
        // its own tables it still creates, alters and drops in public
        sql.execute("create table scratch (id int)");
        sql.execute("alter table scratch add column note text");
        sql.execute("drop table scratch");
        // a schema of its own name does not shadow the chain: FLEP's connections search public only
        sql.execute("create schema flep_app");
        sql.execute("create table flep_app.audit_entry (party text)");
      }
      try (Connection app = server.connect()) {
        assertThat(string(app, "select relnamespace::regnamespace::text from pg_class where oid ="
            + " to_regclass('audit_entry')")).isEqualTo("public");
      }
      try (Connection superuser = server.connectAsSuperuser(); Statement sql = superuser.createStatement()) {
        assertThatThrownBy(() -> sql.execute("truncate audit_entry")).as("the function as V8 made it, again")
            .hasMessageContaining("append-only");
      }

      // protected: the next start's check needs no superuser
      AuditChainProtection.afterMigration(dataSource(server), () -> {
        throw new AssertionError("no superuser login needed");
      });
    }
  }

  @Test
  void settingThePasswordsAgainLeavesTheChainWithItsOwner(@TempDir Path dataDir) throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
      migrate(server, "latest");
      AuditChainProtection.afterMigration(dataSource(server), server::connectAsSuperuser);
    }
    Files.delete(dataDir.resolve("postgres/pg_hba.conf")); // the documented way to set new passwords
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir); Connection app = server.connect()) {
      assertThat(AuditChainProtection.problems(app, "flep_app")).isEmpty();
      assertThat(string(app, "select pg_get_userbyid(relowner) from pg_class where oid = 'audit_entry'::regclass"))
          .isEqualTo("flep_audit_owner");
    }
  }

  /** An external database: FLEP only warns; the statements it names for an administrator do the job. */
  @Test
  void theStatementsNamedForAnExternalDatabasesAdministratorProtectTheChain(@TempDir Path dataDir) throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
      migrate(server, "latest");
      AuditChainProtection.afterMigration(dataSource(server), null); // warns, changes nothing
      try (Connection app = server.connect()) {
        assertThat(AuditChainProtection.problems(app, "flep_app")).contains("audit_entry is not owned by "
            + AuditChainProtection.OWNER);
      }
      try (Connection superuser = server.connectAsSuperuser(); Statement sql = superuser.createStatement()) {
        List<String> statements = AuditChainProtection.administratorStatements("public", "flep_app");
        assertThat(statements.get(0)).startsWith("create role flep_audit_owner nologin");
        // the role exists already (set-up made it); the rest as an administrator runs them
        for (String statement : statements.subList(1, statements.size())) {
          sql.execute(statement);
        }
      }
      try (Connection app = server.connect()) {
        assertThat(AuditChainProtection.problems(app, "flep_app")).isEmpty();
      }
    }
  }

  private static void migrate(EmbeddedPostgresServer server, String target) {
    Flyway.configure().dataSource(dataSource(server)).locations("classpath:db/migration").target(target).load()
        .migrate();
  }

  private static DataSource dataSource(EmbeddedPostgresServer server) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(server.jdbcUrl());
    dataSource.setUser(server.username());
    dataSource.setPassword(server.password());
    return dataSource;
  }
}
