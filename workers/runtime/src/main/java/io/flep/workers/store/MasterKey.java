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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * The key-encryption key that wraps every secret stored in the private database (envelope encryption with the
 * {@code aes-gcm} plugin). Taken from {@code FLEP_MASTER_KEY} (base64) when set, else from
 * {@code <dataDir>/master.key}, created on first use with owner-only permissions. Whoever reads that file can
 * unwrap the stored keys: keep it off shared disks, or set the variable from a secret manager.
 */
@Component
public class MasterKey {
  static final String SCHEME = "aes-gcm";
  private final Aead cipher;

  public MasterKey(FlepProperties properties, PluginRegistry plugins) {
    AeadProvider aes = plugins.aead(SCHEME);
    try {
      this.cipher = aes.newAead(load(properties.dataDir().resolve("master.key"), aes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the FLEP master key is not a valid aes-gcm key: " + e.getMessage(), e);
    }
  }

  private static KeyMaterial load(Path file, AeadProvider aes) throws GeneralSecurityException {
    String fromEnv = System.getenv("FLEP_MASTER_KEY");
    try {
      if (fromEnv != null && !fromEnv.isBlank()) {
        return KeyMaterial.deserialize(Base64.getDecoder().decode(fromEnv.trim()));
      }
      if (Files.exists(file)) {
        return KeyMaterial.deserialize(Files.readAllBytes(file));
      }
      KeyMaterial key = aes.generateKey(PluginOptions.empty(), new SecureRandom());
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, key.serializeSecret(SecretAccess.get()), StandardOpenOption.CREATE_NEW);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system; the file stays with the directory's default permissions
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the master key " + file + ": " + e.getMessage(), e);
    }
  }

  byte[] wrap(byte[] secret, byte[] context) throws GeneralSecurityException {
    return cipher.encrypt(secret, context);
  }

  byte[] unwrap(byte[] wrapped, byte[] context) throws GeneralSecurityException {
    return cipher.decrypt(wrapped, context);
  }
}
