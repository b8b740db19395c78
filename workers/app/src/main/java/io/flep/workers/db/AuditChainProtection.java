package io.flep.workers.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the parties' audit chains ({@code audit_entry}, {@code io.flep.workers.audit}, created by V8) out of reach of
 * the role FLEP logs in as. The table, its two append-only trigger functions and the schema {@code public} that holds
 * them belong to {@value #OWNER}, a role that cannot log in and has no members; the application role may only read
 * and append ({@code SELECT}, {@code INSERT}) and create (and so own) its other tables in {@code public}. It can
 * therefore neither switch the triggers off, nor replace or drop their functions, nor update, delete, truncate or
 * drop entries or the table: those need the owner, and only a superuser acts as it. (A superuser, or whoever reads
 * the data files, can still change anything: the chain's hashes and signatures, and its heads stated in the exchange,
 * are what catch that.)
 *
 * <p>Flyway runs as the application role, so V8 left the table and functions owned by that role. So after every
 * migration ({@link DatabaseConfiguration}) the embedded store is checked, as the application role, and whatever is
 * not as described is put right as the superuser ({@link #protect}): the owner, the grants, the canonical trigger
 * functions and triggers (re-created, in case they were changed while the application role still owned them) and
 * nothing else on the table (other triggers, rules, row-level security). The same happens when {@link
 * ApplicationRole} sets a store up. It is idempotent: a store already protected needs no superuser login. No later
 * migration can alter {@code audit_entry} (the application role does not own it): such a change belongs here.
 *
 * <p>An external database ({@code flep.datasource.url}) has no superuser FLEP could use: the same check runs and a
 * warning names what is missing and the statements an administrator runs to protect the chain ({@link
 * #administratorStatements}).
 */
final class AuditChainProtection {
  private static final Logger LOG = LoggerFactory.getLogger(AuditChainProtection.class);
  static final String OWNER = "flep_audit_owner";
  static final String TABLE = "audit_entry";
  static final String SCHEMA = "public";

  /** The append-only triggers, each with its function and {@code pg_trigger.tgtype}. */
  private record Trigger(String name, String function, int type, String definition) {}

  private static final List<Trigger> TRIGGERS = List.of(
      // ROW (1) | BEFORE (2) | DELETE (8) | UPDATE (16)
      new Trigger("audit_entry_append_only", "audit_entry_refuse_change", 27,
          "before update or delete on %s for each row execute function %s()"),
      // BEFORE (2) | TRUNCATE (32), for each statement
      new Trigger("audit_entry_no_truncate", "audit_entry_refuse_truncate", 34,
          "before truncate on %s for each statement execute function %s()"));

  /** The trigger functions' bodies exactly as V8 created them (pg_proc.prosrc). */
  private static final Map<String, String> FUNCTION_BODIES = Map.of(
      "audit_entry_refuse_change", "\n"
          + "begin\n"
          + "    raise exception 'audit_entry is append-only: % of the entry of party % at seq % is refused', tg_op,"
          + " old.party,\n"
          + "        old.seq using errcode = 'insufficient_privilege';\n"
          + "end\n",
      "audit_entry_refuse_truncate", "\n"
          + "begin\n"
          + "    raise exception 'audit_entry is append-only: TRUNCATE is refused' using errcode ="
          + " 'insufficient_privilege';\n"
          + "end\n");

  private AuditChainProtection() {}

  /**
   * After Flyway: checks the audit chain's protection as the application role ({@code application}) and, for the
   * embedded store ({@code superuser} not null), puts it right as the superuser; for an external one, warns.
   *
   * @param superuser a new superuser connection of the embedded store, or null for an external database
   * @throws IllegalStateException if the embedded store is still not protected afterwards
   */
  static void afterMigration(DataSource application, SuperuserLogin superuser) throws SQLException {
    try (Connection db = application.getConnection()) {
      String role = string(db, "select current_user");
      List<String> problems = problems(db, role);
      if (problems.isEmpty()) {
        return;
      }
      if (superuser == null) {
        LOG.warn("the audit chain ({}) in the external database is not protected from the role '{}' FLEP logs in"
            + " as: {}. A database administrator protects it with these statements, after FLEP has migrated the"
            + " database: {}", TABLE, role, String.join("; ", problems),
            String.join("; ", administratorStatements(string(db, "select relnamespace::regnamespace::text from"
                + " pg_class where oid = to_regclass('" + TABLE + "')"), role)));
        return;
      }
      LOG.info("putting the audit chain out of reach of the role {}: {}", role, String.join("; ", problems));
      try (Connection admin = superuser.connect()) {
        admin.setAutoCommit(false);
        try {
          protect(admin, role);
          admin.commit();
        } catch (SQLException | RuntimeException e) {
          admin.rollback();
          throw e;
        }
      }
      List<String> left = problems(db, role);
      if (!left.isEmpty()) {
        throw new IllegalStateException("the audit chain is still not protected from the role " + role + ": "
            + String.join("; ", left));
      }
    }
  }

  /** A superuser connection, opened only when one is needed. */
  @FunctionalInterface
  interface SuperuserLogin {
    Connection connect() throws SQLException;
  }

  /**
   * As the superuser, in the caller's transaction: makes {@value #OWNER} (created if missing) the owner of the schema
   * {@code public}, and of the audit chain and its canonical triggers when the table exists, and gives {@code
   * application} {@code SELECT, INSERT} on it and {@code USAGE, CREATE} on the schema. Anything else on the table
   * (triggers, rules, policies, row-level security) is removed.
   */
  static void protect(Connection superuser, String application) throws SQLException {
    try (Statement sql = superuser.createStatement()) {
      if (!exists(superuser, "select 1 from pg_roles where rolname = ?", OWNER)) {
        sql.execute("create role " + OWNER + " nologin");
      }
      sql.execute("alter role " + OWNER + " nologin nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
      for (String member : strings(superuser, "select member::regrole::text from pg_auth_members where roleid = ?"
          + "::regrole", OWNER)) {
        sql.execute("revoke " + OWNER + " from " + member);
      }
      String table = SCHEMA + "." + TABLE;
      boolean chainExists = exists(superuser, "select 1 where to_regclass(?) is not null", table);
      if (chainExists) {
        for (String trigger : strings(superuser, "select quote_ident(tgname) from pg_trigger where tgrelid = ?"
            + "::regclass and not tgisinternal and tgname <> all (?)", table, triggerNames())) {
          LOG.warn("dropping trigger {} on {}: not one of FLEP's", trigger, table);
          sql.execute("drop trigger " + trigger + " on " + table);
        }
        for (String rule : strings(superuser, "select quote_ident(rulename) from pg_rewrite where ev_class = ?"
            + "::regclass", table)) {
          LOG.warn("dropping rule {} on {}", rule, table);
          sql.execute("drop rule " + rule + " on " + table);
        }
        for (String policy : strings(superuser, "select quote_ident(polname) from pg_policy where polrelid = ?"
            + "::regclass", table)) {
          LOG.warn("dropping row-level security policy {} on {}", policy, table);
          sql.execute("drop policy " + policy + " on " + table);
        }
        sql.execute("alter table " + table + " disable row level security");
        sql.execute("alter table " + table + " no force row level security");
        for (Trigger trigger : TRIGGERS) {
          String function = SCHEMA + "." + trigger.function();
          sql.execute("create or replace function " + function + "() returns trigger language plpgsql as $body$"
              + FUNCTION_BODIES.get(trigger.function()) + "$body$");
          sql.execute("create or replace trigger " + trigger.name() + " "
              + trigger.definition().formatted(table, function));
        }
      }
      for (String statement : statements(SCHEMA, application, chainExists)) {
        sql.execute(statement);
      }
    }
  }

  /** What an administrator of an external database runs (as a superuser, or the table's owner with CREATEROLE). */
  static List<String> administratorStatements(String schema, String application) {
    List<String> statements = new ArrayList<>();
    statements.add("create role " + OWNER + " nologin (unless it exists; no member, no login)");
    statements.addAll(statements(schema, application, true));
    return statements;
  }

  private static List<String> statements(String schema, String application, boolean chainExists) {
    String table = schema + "." + TABLE;
    List<String> statements = new ArrayList<>();
    statements.add("alter schema " + schema + " owner to " + OWNER);
    statements.add("revoke create on schema " + schema + " from public");
    statements.add("grant usage, create on schema " + schema + " to " + application);
    if (chainExists) {
      statements.add("alter table " + table + " owner to " + OWNER);
      for (Trigger trigger : TRIGGERS) {
        statements.add("alter function " + schema + "." + trigger.function() + "() owner to " + OWNER);
        statements.add("alter table " + table + " enable trigger " + trigger.name());
      }
      statements.add("revoke all on " + table + " from public, " + application);
      statements.add("grant select, insert on " + table + " to " + application);
    }
    return statements;
  }

  /**
   * What keeps {@code application} (connected as {@code db}, or any role that can read the catalog) able to change
   * the audit chain, or unable to append to it; empty when the chain is protected, or when there is none yet.
   */
  static List<String> problems(Connection db, String application) throws SQLException {
    List<String> problems = new ArrayList<>();
    String table = string(db, "select to_regclass(?)::oid::text", TABLE);
    if (table == null) {
      return problems;
    }
    if (bool(db, "select rolsuper from pg_roles where rolname = ?", application)) {
      problems.add("the role " + application + " is a superuser");
      return problems;
    }
    if (!exists(db, "select 1 from pg_roles where rolname = ?", OWNER)) {
      problems.add("there is no role " + OWNER);
    } else if (bool(db, "select rolcanlogin or rolsuper from pg_roles where rolname = ?", OWNER)) {
      problems.add("the role " + OWNER + " can log in or is a superuser");
    }
    if (bool(db, "select pg_has_role(?, c.relowner, 'MEMBER') or pg_has_role(?, n.nspowner, 'MEMBER')"
        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = ?::oid", application,
        application, table)) {
      problems.add(application + " owns (or is a member of the owner of) " + TABLE + " or its schema");
    }
    if (!OWNER.equals(string(db, "select pg_get_userbyid(relowner) from pg_class where oid = ?::oid", table))) {
      problems.add(TABLE + " is not owned by " + OWNER);
    }
    if (!OWNER.equals(string(db, "select pg_get_userbyid(n.nspowner) from pg_class c join pg_namespace n"
        + " on n.oid = c.relnamespace where c.oid = ?::oid", table))) {
      problems.add("the schema of " + TABLE + " is not owned by " + OWNER);
    }
    if (bool(db, "select has_table_privilege(?, ?::oid, 'UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')"
        + " or has_any_column_privilege(?, ?::oid, 'UPDATE, REFERENCES')", application, table, application, table)) {
      problems.add(application + " may update, delete, truncate, reference or add triggers to " + TABLE);
    }
    if (!bool(db, "select has_table_privilege(?, ?::oid, 'SELECT') and has_table_privilege(?, ?::oid, 'INSERT')",
        application, table, application, table)) {
      problems.add(application + " may not read and append to " + TABLE);
    }
    for (Trigger trigger : TRIGGERS) {
      List<String> found = strings(db, "select t.tgenabled || ' ' || t.tgtype || ' '"
          + " || coalesce(array_length(t.tgattr::int2[], 1), 0) || ' ' || (t.tgqual is null)"
          + " || ' ' || pg_get_userbyid(p.proowner) || ' ' || (p.prosrc = ?) || ' ' || (p.pronamespace = c.relnamespace) from pg_trigger t join pg_proc p on p.oid = t.tgfoid"
          + " join pg_class c on c.oid = t.tgrelid where t.tgrelid = ?::oid and t.tgname = ? and p.proname = ?",
          FUNCTION_BODIES.get(trigger.function()), table, trigger.name(), trigger.function());
      String expected = "O " + trigger.type() + " 0 true " + OWNER + " true true";
      if (found.size() != 1 || !(found.get(0).equals(expected) || found.get(0).equals("A" + expected.substring(1)))) {
        problems.add("the trigger " + trigger.name() + " is not FLEP's, enabled, with its function "
            + trigger.function() + " as V8 made it, owned by " + OWNER);
      }
    }
    if (!"0".equals(string(db, "select (select count(*) from pg_trigger where tgrelid = ?::oid and not tgisinternal"
        + " and tgname <> all (?)) + (select count(*) from pg_rewrite where ev_class = ?::oid)"
        + " + (select count(*) from pg_policy where polrelid = ?::oid)"
        + " + (select count(*) from pg_class where oid = ?::oid and relrowsecurity)", table, triggerNames(), table,
        table, table))) {
      problems.add(TABLE + " has other triggers, rules or row-level security");
    }
    return problems;
  }

  private static String[] triggerNames() {
    return TRIGGERS.stream().map(Trigger::name).toArray(String[]::new);
  }

  private static boolean exists(Connection db, String query, Object... args) throws SQLException {
    return !strings(db, query, args).isEmpty();
  }

  /** The boolean the query answers; false when it answers no row. */
  private static boolean bool(Connection db, String query, Object... args) throws SQLException {
    try (PreparedStatement statement = prepare(db, query, args); ResultSet rows = statement.executeQuery()) {
      return rows.next() && rows.getBoolean(1);
    }
  }

  private static String string(Connection db, String query, Object... args) throws SQLException {
    List<String> values = strings(db, query, args);
    return values.isEmpty() ? null : values.get(0);
  }

  private static List<String> strings(Connection db, String query, Object... args) throws SQLException {
    try (PreparedStatement statement = prepare(db, query, args); ResultSet rows = statement.executeQuery()) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  private static PreparedStatement prepare(Connection db, String query, Object... args) throws SQLException {
    PreparedStatement statement = db.prepareStatement(query);
    try {
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof String[] array) {
          statement.setArray(i + 1, db.createArrayOf("text", array));
        } else {
          statement.setObject(i + 1, args[i]);
        }
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }
}
