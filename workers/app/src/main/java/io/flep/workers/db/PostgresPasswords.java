package io.flep.workers.db;

import io.flep.workers.store.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The passwords of the embedded PostgreSQL's two roles, one file each in {@code <dataDir>/secrets}: {@value
 * #APPLICATION_FILE} (the application role {@code flep_app}, which FLEP, Flyway and the engine log in as) and
 * {@value #SUPERUSER_FILE} (the superuser {@code postgres}, used only to set the store up or upgrade it). Each is 32
 * bytes from {@link SecureRandom}, base64url, in a file created owner-only (0600) in the same system call that
 * creates it, in an owner-only (0700) directory ({@link OwnerOnlyFiles}); an existing file is never overwritten.
 * Passwords are never logged and never put on a command line.
 */
final class PostgresPasswords {
  static final String APPLICATION_FILE = "postgres-app.password";
  static final String SUPERUSER_FILE = "postgres-superuser.password";
  private static final int RANDOM_BYTES = 32;

  private final Path directory;

  private PostgresPasswords(Path directory) {
    this.directory = directory;
  }

  static PostgresPasswords in(Path dataDir) {
    return new PostgresPasswords(dataDir.resolve("secrets").toAbsolutePath());
  }

  Path applicationFile() {
    return directory.resolve(APPLICATION_FILE);
  }

  Path superuserFile() {
    return directory.resolve(SUPERUSER_FILE);
  }

  /** Creates each password file that does not exist yet, with a new random password. */
  void createMissing() {
    try {
      OwnerOnlyFiles.createDirectory(directory);
      for (Path file : new Path[] {applicationFile(), superuserFile()}) {
        if (!Files.exists(file)) {
          try {
            OwnerOnlyFiles.writeNew(file, newPassword().getBytes(StandardCharsets.US_ASCII));
          } catch (FileAlreadyExistsException e) {
            // created concurrently: that one counts
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the embedded PostgreSQL's password files in " + directory + ": "
          + e.getMessage(), e);
    }
  }

  String application() {
    return read(applicationFile());
  }

  String superuser() {
    return read(superuserFile());
  }

  /**
   * @throws IllegalStateException naming the file and what to do, if it is missing, unreadable or empty
   */
  private static String read(Path file) {
    String password;
    try {
      password = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the embedded PostgreSQL's password file " + file + " ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + "). " + recovery(file), e);
    }
    if (password.isEmpty()) {
      throw new IllegalStateException("the embedded PostgreSQL's password file " + file + " is empty. "
          + recovery(file));
    }
    return password;
  }

  /** What to do when a password file is lost or wrong: restore it, or let FLEP set new passwords. */
  static String recovery(Path file) {
    Path dataDir = file.getParent().getParent();
    return "Restore it from a backup of " + dataDir + " (it belongs to this data directory). If it is lost, stop"
        + " FLEP, delete " + dataDir.resolve("postgres").resolve("pg_hba.conf") + " and start again: FLEP then sets"
        + " new passwords through a socket only this account can reach, as when upgrading a data directory of an"
        + " earlier version";
  }

  private static String newPassword() {
    byte[] random = new byte[RANDOM_BYTES];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
