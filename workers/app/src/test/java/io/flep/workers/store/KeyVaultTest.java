package io.flep.workers.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.failure.BadInputException;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.failure.KeyAccessDeniedException;
import io.flep.workers.testing.EmbeddedFlepTest;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class KeyVaultTest extends EmbeddedFlepTest {
  @Autowired KeyVault vault;
  @Autowired PluginRegistry plugins;
  @Autowired JdbcTemplate jdbc;

  private KeyMaterial newKey() throws Exception {
    return plugins.aead("aes-gcm").generateKey(PluginOptions.empty(), new SecureRandom());
  }

  @Test
  void secretsAreStoredOnlyWrapped() throws Exception {
    KeyMaterial key = newKey();
    Ref ref = vault.store(null, KeyVault.Purpose.DATA, "data-owner", key);

    byte[] wrapped = jdbc.queryForObject("select wrapped_secret from key_material where id = ?", byte[].class, ref.id());
    byte[] secret = key.secretPart().orElseThrow().toByteArray(SecretAccess.get());
    assertThat(Collections.indexOfSubList(asList(wrapped), asList(secret))).as("raw secret in the row").isEqualTo(-1);
    byte[] publicPart = jdbc.queryForObject("select public_part from key_material where id = ?", byte[].class, ref.id());
    assertThat(KeyMaterial.deserialize(publicPart).hasSecret()).isFalse();
  }

  @Test
  void onlyTheOwnerReadsTheSecret() throws Exception {
    Ref ref = vault.store(null, KeyVault.Purpose.DATA, "data-owner", newKey());

    assertThat(vault.loadSecret(ref.id(), "data-owner").hasSecret()).isTrue();
    assertThatThrownBy(() -> vault.loadSecret(ref.id(), "analyst-9"))
        .isInstanceOf(KeyAccessDeniedException.class).hasMessageContaining("analyst-9")
        .hasMessageContaining("sealed");
  }

  @Test
  void aTamperedWrappedSecretIsAnIntegrityViolation() throws Exception {
    Ref ref = vault.store(null, KeyVault.Purpose.DATA, "data-owner", newKey());
    jdbc.update("update key_material set wrapped_secret = overlay(wrapped_secret placing '\\x00'::bytea from 20 for 1)"
        + " where id = ?", ref.id());

    assertThatThrownBy(() -> vault.loadSecret(ref.id(), "data-owner"))
        .isInstanceOf(IntegrityViolationException.class).hasMessageContaining(ref.id().toString());
  }

  @Test
  void aWrappedSecretMovedToAnotherOwnerOrPurposeNoLongerUnwraps() throws Exception {
    Ref ref = vault.store(null, KeyVault.Purpose.DATA, "data-owner", newKey());
    jdbc.update("update key_material set owner = 'analyst-9' where id = ?", ref.id());
    assertThatThrownBy(() -> vault.loadSecret(ref.id(), "analyst-9"))
        .isInstanceOf(IntegrityViolationException.class).hasMessageContaining("altered or moved");

    Ref other = vault.store(null, KeyVault.Purpose.DATA, "data-owner", newKey());
    jdbc.update("update key_material set purpose = 'HOMOMORPHIC' where id = ?", other.id());
    assertThatThrownBy(() -> vault.loadSecret(other.id(), "data-owner"))
        .isInstanceOf(IntegrityViolationException.class);
  }

  @Test
  void theKeyEncryptionKeyFileIsOwnerOnlyFromItsCreation(@Autowired io.flep.workers.config.FlepProperties properties)
      throws Exception {
    java.nio.file.Path file = properties.dataDir().resolve("secrets/key-encryption.key");
    assertThat(java.nio.file.Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    assertThat(java.nio.file.Files.getPosixFilePermissions(file.getParent()))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
            java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
  }

  @Test
  void anUnknownKeyIsNamed() {
    UUID missing = UUID.randomUUID();
    assertThatThrownBy(() -> vault.loadPublic(missing)).isInstanceOf(BadInputException.class)
        .hasMessageContaining(missing.toString());
  }

  private static java.util.List<Byte> asList(byte[] bytes) {
    java.util.List<Byte> list = new java.util.ArrayList<>(bytes.length);
    for (byte b : bytes) {
      list.add(b);
    }
    return list;
  }
}
