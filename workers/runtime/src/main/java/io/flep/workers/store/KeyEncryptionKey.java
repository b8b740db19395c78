package io.flep.workers.store;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.aead.Aead;
import io.flep.plugin.api.aead.AeadProvider;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.config.FlepProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * This party's key-encryption key: it wraps every secret in the party's own store (envelope encryption with the
 * {@code aes-gcm} plugin) and belongs to this party alone — no other party has it or needs it.
 *
 * <p>Taken from the file {@code flep.key-encryption-key-file} when set (a secret manager's mount, or the file
 * descriptor the {@code flep} launcher hands over when {@code FLEP_KEY_ENCRYPTION_KEY} is set in its environment),
 * else from {@code <dataDir>/secrets/key-encryption.key}, created on first use with owner-only permissions in the
 * same system call that creates it. The key is never in this process's environment, so the child processes it
 * starts (PostgreSQL) cannot inherit it.
 */
@Component
public class KeyEncryptionKey {
  static final String SCHEME = "aes-gcm";
  /** Set by the launcher only; in the JVM's own environment it would leak into every child process. */
  static final String ENVIRONMENT_VARIABLE = "FLEP_KEY_ENCRYPTION_KEY";

  private final Aead cipher;
  private final String source;

  public KeyEncryptionKey(FlepProperties properties, PluginRegistry plugins) {
    if (System.getenv(ENVIRONMENT_VARIABLE) != null) {
      throw new IllegalStateException(ENVIRONMENT_VARIABLE + " is set in this process's environment, where every"
          + " child process (PostgreSQL) inherits it: start FLEP through the flep launcher, which passes it on a file"
          + " descriptor and removes it from the environment, or point flep.key-encryption-key-file at a file");
    }
    AeadProvider aes = plugins.aead(SCHEME);
    Path file = properties.keyEncryptionKeyFile() != null
        ? properties.keyEncryptionKeyFile()
        : properties.dataDir().resolve("secrets").resolve("key-encryption.key");
    this.source = file.toString();
    try {
      this.cipher = aes.newAead(properties.keyEncryptionKeyFile() != null ? read(file) : readOrCreate(file, aes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the key-encryption key in " + file + " is not a valid aes-gcm key: "
          + e.getMessage(), e);
    }
  }

  /** Where the key came from, for messages (never the key). */
  public String source() {
    return source;
  }

  private static KeyMaterial read(Path file) throws GeneralSecurityException {
    try {
      byte[] bytes = Files.readAllBytes(file);
      String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).trim();
      // the launcher hands over the environment variable's base64 text; a key file holds the serialised key
      return KeyMaterial.deserialize(text.matches("[A-Za-z0-9+/=\\s]+") && !text.isEmpty()
          ? Base64.getMimeDecoder().decode(text) : bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the key-encryption key " + file + ": " + e.getMessage(), e);
    }
  }

  private static KeyMaterial readOrCreate(Path file, AeadProvider aes) throws GeneralSecurityException {
    try {
      if (Files.exists(file)) {
        return KeyMaterial.deserialize(Files.readAllBytes(file));
      }
      OwnerOnlyFiles.createDirectory(file.toAbsolutePath().getParent());
      KeyMaterial key = aes.generateKey(PluginOptions.empty(), new SecureRandom());
      try {
        OwnerOnlyFiles.writeNew(file, key.serializeSecret(SecretAccess.get()));
      } catch (FileAlreadyExistsException e) {
        return KeyMaterial.deserialize(Files.readAllBytes(file)); // another worker of this party created it
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the key-encryption key " + file + ": " + e.getMessage(),
          e);
    }
  }

  byte[] wrap(byte[] secret, byte[] context) throws GeneralSecurityException {
    return cipher.encrypt(secret, context);
  }

  byte[] unwrap(byte[] wrapped, byte[] context) throws GeneralSecurityException {
    return cipher.decrypt(wrapped, context);
  }
}
