package io.flep.encryption.aesgcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.api.PluginKind;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.aead.Aead;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import io.flep.plugin.host.PluginRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AesGcmProviderTest {
  private final AesGcmProvider provider = new AesGcmProvider();
  private final SecureRandom random = new SecureRandom();

  @Test
  void generatesDistinct256BitKeysByDefault() {
    KeyMaterial a = provider.generateKey(PluginOptions.empty(), random);
    KeyMaterial b = provider.generateKey(PluginOptions.empty(), random);

    assertThat(a.schemeId()).isEqualTo("aes-gcm");
    assertThat(a.secretPart().orElseThrow().size()).isEqualTo(32);
    assertThat(a.publicPart()).isEmpty();
    assertThat(a.secretPart().orElseThrow().equalsSecretBytes(b.secretPart().orElseThrow())).isFalse();
  }

  @Test
  void rejectsUnsupportedKeySizeOption() {
    assertThatThrownBy(() -> provider.generateKey(PluginOptions.empty().with("keySizeBits", "192"), random))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option 'keySizeBits' of aes-gcm must be one of 128, 256, got '192'");
  }

  @Test
  void serialisedKeyRoundTripsAndStillDecrypts() throws Exception {
    KeyMaterial key = provider.generateKey(PluginOptions.empty(), random);
    byte[] message = "calibration table".getBytes(StandardCharsets.UTF_8);
    byte[] ciphertext = provider.newAead(key).encrypt(message, null);

    KeyMaterial restored = KeyMaterial.deserialize(key.serializeSecret(SecretAccess.get()));
    Aead cipher = provider.newAead(restored);

    assertThat(cipher.decrypt(ciphertext, null)).isEqualTo(message);
  }

  @Test
  void toStringNeverLeaksTheKey() throws Exception {
    KeyMaterial key = provider.generateKey(PluginOptions.empty(), random);
    String hex = HexFormat.of().formatHex(key.secretPart().orElseThrow().toByteArray(SecretAccess.get()));

    assertThat(key.toString()).doesNotContain(hex).contains("redacted");
    assertThat(key.secretPart().orElseThrow().toString()).doesNotContain(hex);
    assertThat(provider.newAead(key).toString()).doesNotContain(hex).contains("redacted");
  }

  @Test
  void rejectsKeysThatAreNotAesGcmKeys() {
    KeyMaterial other = new KeyMaterial("paillier", 1, new byte[8]);
    KeyMaterial publicOnly = provider.generateKey(PluginOptions.empty(), random).publicOnly();
    KeyMaterial wrongSize = new KeyMaterial("aes-gcm", 1, new byte[0], Optional.of(SecretBytes.randomBytes(24, random)));
    KeyMaterial futureFormat = new KeyMaterial("aes-gcm", 2, new byte[0], Optional.of(SecretBytes.randomBytes(32, random)));

    assertThatThrownBy(() -> provider.newAead(other))
        .isInstanceOf(GeneralSecurityException.class).hasMessage("key belongs to scheme 'paillier', not 'aes-gcm'");
    assertThatThrownBy(() -> provider.newAead(publicOnly)).hasMessage("aes-gcm key holds no secret part");
    assertThatThrownBy(() -> provider.newAead(wrongSize)).hasMessage("aes-gcm key must be 16 or 32 bytes, got 24");
    assertThatThrownBy(() -> provider.newAead(futureFormat))
        .hasMessage("unsupported aes-gcm key format version 2 (supported: 1)");
  }

  @Test
  void isDiscoveredAsABuiltInPlugin() {
    try (PluginRegistry registry = PluginRegistry.load(Path.of("no-such-plugin-dir"), getClass().getClassLoader())) {
      PluginDescriptor d = registry.descriptor("aes-gcm").orElseThrow();

      assertThat(d.kind()).isEqualTo(PluginKind.AEAD);
      assertThat(d.builtIn()).isTrue();
      assertThat(d.securityNote()).contains("IND-CCA2").contains("2^32");
      assertThat(registry.aead("aes-gcm")).isInstanceOf(AesGcmProvider.class);
    }
  }
}
