package io.flep.lab.cipher.cli;

import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.workers.failure.BadInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Set;

/**
 * Key files of {@code flep cipher}: exactly {@link KeyMaterial#serializeSecret} (binary, secret part included,
 * <em>not</em> encrypted — protect it like an SSH private key without passphrase). Written owner-only
 * ({@code rw-------} on POSIX file systems), never overwritten unless asked.
 */
public final class KeyFile {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private KeyFile() {}

  /**
   * Writes the key with its secret part.
   *
   * @throws BadInputException if the file exists and {@code force} is false, or it cannot be written
   */
  static void write(Path file, KeyMaterial key, boolean force) {
    byte[] bytes = key.serializeSecret(SecretAccess.get());
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      if (force) {
        Path temp = createOwnerOnly(parent, null);
        try {
          Files.write(temp, bytes, StandardOpenOption.TRUNCATE_EXISTING);
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(temp);
        }
      } else {
        createOwnerOnly(parent, file);
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
      }
    } catch (FileAlreadyExistsException e) {
      throw new BadInputException("key file " + file + " already exists; use --force to overwrite it");
    } catch (IOException e) {
      throw new BadInputException("key file " + file + ": cannot write (" + e + ")", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Creates {@code file} (or a temporary file in {@code dir} when {@code file} is null) with owner-only rights. */
  private static Path createOwnerOnly(Path dir, Path file) throws IOException {
    FileAttribute<?>[] attrs = {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    try {
      return file == null ? Files.createTempFile(dir, ".flep-key", ".tmp", attrs) : Files.createFile(file, attrs);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the file gets the folder's default rights
      return file == null ? Files.createTempFile(dir, ".flep-key", ".tmp") : Files.createFile(file);
    }
  }

  /**
   * Reads a key and checks that it belongs to {@code schemeId} and holds its secret part.
   *
   * @throws BadInputException naming the file if it is missing, unreadable, not a FLEP key, corrupt, for another
   *     scheme or public-only
   */
  public static KeyMaterial read(Path file, String schemeId) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException("key file " + file + ": not found");
    } catch (AccessDeniedException e) {
      throw new BadInputException("key file " + file + ": not readable (permission denied)");
    } catch (IOException e) {
      throw new BadInputException("key file " + file + ": cannot read (" + e.getMessage() + ")", e);
    }
    KeyMaterial key;
    try {
      key = KeyMaterial.deserialize(bytes);
    } catch (GeneralSecurityException e) {
      throw new BadInputException("key file " + file + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    if (!key.schemeId().equals(schemeId)) {
      throw new BadInputException("key file " + file + ": wrong key, it is a '" + key.schemeId()
          + "' key, not a '" + schemeId + "' key");
    }
    if (!key.hasSecret()) {
      throw new BadInputException("key file " + file + ": holds only the public part of the key, no secret");
    }
    return key;
  }
}
