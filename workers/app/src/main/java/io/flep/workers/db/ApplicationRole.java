package io.flep.workers.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Sets up the embedded PostgreSQL's roles, as its superuser, in one transaction: the superuser's password, and the
 * application role {@value #NAME} — a login role with its password, not a superuser, unable to create roles or
 * databases, not a member of {@code pg_execute_server_program}, {@code pg_read_server_files} or {@code
 * pg_write_server_files} (so no {@code COPY ... TO/FROM PROGRAM} or server files) — which owns the database
 * {@code postgres} and every schema, table, view, sequence, routine and type in it, except the schema {@code public}
 * (where it may create tables) and the audit chain, which belong to {@value AuditChainProtection#OWNER} ({@link
 * AuditChainProtection}). Objects an earlier version created as {@code postgres} pass to it (the audit chain to
 * {@value AuditChainProtection#OWNER}); nothing is dropped. Passwords reach the server only as SCRAM verifiers
 * computed here ({@link PGConnection#alterUserPassword}), so no statement, and no server log line, carries one.
 * Running it again changes nothing but the passwords.
 */
final class ApplicationRole {
  static final String NAME = "flep_app";
  static final String SUPERUSER = "postgres";
  private static final String SCRAM = "scram-sha-256";
  private static final List<String> SERVER_ACCESS_ROLES =
      List.of("pg_execute_server_program", "pg_read_server_files", "pg_write_server_files");

  private ApplicationRole() {}

  static void setUp(Connection superuser, PostgresPasswords passwords) throws SQLException {
    boolean autoCommit = superuser.getAutoCommit();
    superuser.setAutoCommit(false);
    try (Statement sql = superuser.createStatement()) {
      PGConnection pg = superuser.unwrap(PGConnection.class);
      pg.alterUserPassword(SUPERUSER, passwords.superuser().toCharArray(), SCRAM);
      if (!exists(sql, "select 1 from pg_roles where rolname = '" + NAME + "'")) {
        sql.execute("create role " + NAME);
      }
      sql.execute("alter role " + NAME + " login nosuperuser nocreaterole nocreatedb noreplication nobypassrls");
      for (String role : SERVER_ACCESS_ROLES) {
        if (exists(sql, "select 1 from pg_auth_members where roleid = '" + role + "'::regrole and member = '"
            + NAME + "'::regrole")) {
          sql.execute("revoke " + role + " from " + NAME);
        }
      }
      pg.alterUserPassword(NAME, passwords.application().toCharArray(), SCRAM);
      AuditChainProtection.protect(superuser, NAME);
      for (String statement : ownershipTransfers(sql)) {
        sql.execute(statement);
      }
      superuser.commit();
    } catch (SQLException | RuntimeException e) {
      superuser.rollback();
      throw e;
    } finally {
      superuser.setAutoCommit(autoCommit);
    }
  }

  /**
   * {@code alter ... owner to flep_app} for the database and every object in it that neither the application role
   * nor {@value AuditChainProtection#OWNER} owns.
   */
  private static List<String> ownershipTransfers(Statement sql) throws SQLException {
    List<String> statements = new ArrayList<>();
    statements.add("alter database " + quoted(sql, "current_database()") + " owner to " + NAME);
    String userSchemas = "select oid from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema'";
    String notOwned = " not in ('" + NAME + "'::regrole, '" + AuditChainProtection.OWNER + "'::regrole)";
    String notInExtension = " and not exists (select 1 from pg_depend e where e.objid = %s.oid and e.deptype = 'e')";
    collect(sql, statements, "select 'alter schema ' || quote_ident(nspname) || ' owner to " + NAME + "'"
        + " from pg_namespace where oid in (" + userSchemas + ") and nspowner" + notOwned);
    // sequences of serial and identity columns follow their table
    collect(sql, statements, "select 'alter ' || case c.relkind when 'v' then 'view' when 'm' then 'materialized view'"
        + " when 'f' then 'foreign table' when 'S' then 'sequence' else 'table' end || ' ' || c.oid::regclass"
        + " || ' owner to " + NAME + "' from pg_class c where c.relnamespace in (" + userSchemas + ")"
        + " and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and c.relowner" + notOwned
        + " and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid"
        + " and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i'))" + notInExtension.formatted("c"));
    collect(sql, statements, "select 'alter routine ' || p.oid::regprocedure || ' owner to " + NAME + "'"
        + " from pg_proc p where p.pronamespace in (" + userSchemas + ") and p.proowner" + notOwned
        + notInExtension.formatted("p"));
    // enums, domains, ranges and stand-alone composite types (a table's row type follows the table)
    collect(sql, statements, "select 'alter ' || case t.typtype when 'd' then 'domain' else 'type' end || ' '"
        + " || t.oid::regtype || ' owner to " + NAME + "' from pg_type t where t.typnamespace in (" + userSchemas
        + ") and t.typowner" + notOwned + " and (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and"
        + " (select relkind from pg_class where oid = t.typrelid) = 'c'))" + notInExtension.formatted("t"));
    return statements;
  }

  private static void collect(Statement sql, List<String> into, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        into.add(rows.getString(1));
      }
    }
  }

  private static String quoted(Statement sql, String expression) throws SQLException {
    try (ResultSet row = sql.executeQuery("select quote_ident(" + expression + ")")) {
      row.next();
      return row.getString(1);
    }
  }

  private static boolean exists(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      return rows.next();
    }
  }
}
