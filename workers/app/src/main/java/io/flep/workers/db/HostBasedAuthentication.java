package io.flep.workers.db;

import io.flep.workers.store.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded PostgreSQL's {@code pg_hba.conf}, written by FLEP (owner-only, replaced atomically) on every start:
 * before the server starts, or, for a new store, right after initdb's own password-only one. Its first line marks a
 * store that FLEP has set up: its roles have the passwords of {@link PostgresPasswords}.
 */
final class HostBasedAuthentication {
  private static final String MARKER = "# FLEP: password logins only";

  /** Every connection, over TCP (loopback) or a Unix socket, must log in with a password (SCRAM-SHA-256). */
  private static final String PASSWORDS_ONLY = MARKER + """
       (SCRAM-SHA-256). Rewritten by FLEP (EmbeddedPostgresServer) on every start.
      local   all   all                  scram-sha-256
      host    all   all   127.0.0.1/32   scram-sha-256
      """;

  /**
   * While FLEP sets up a store of an earlier version (whose superuser has no password yet): the superuser without
   * password, only over the Unix socket, which lies in an owner-only directory and is itself owner-only; TCP is
   * refused to everyone. No marker: a setup cut short is redone on the next start.
   */
  private static final String SETUP = """
      # FLEP: setting up password logins; only this account can reach the Unix socket. Replaced once set up.
      local   all   postgres             trust
      host    all   all   127.0.0.1/32   reject
      """;

  private HostBasedAuthentication() {}

  /** Whether FLEP has set this store up (its {@code pg_hba.conf} is FLEP's password-only one). */
  static boolean isSetUp(Path pgData) throws IOException {
    Path file = file(pgData);
    return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).startsWith(MARKER);
  }

  static void writePasswordsOnly(Path pgData) throws IOException {
    OwnerOnlyFiles.replace(file(pgData), PASSWORDS_ONLY.getBytes(StandardCharsets.UTF_8));
  }

  static void writeSetup(Path pgData) throws IOException {
    OwnerOnlyFiles.replace(file(pgData), SETUP.getBytes(StandardCharsets.UTF_8));
  }

  private static Path file(Path pgData) {
    return pgData.resolve("pg_hba.conf");
  }
}
