package io.flep.encryption.hardened;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.encryption.png.ImageCipherBytes;
import io.flep.encryption.testdata.TestContext;
import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.api.PluginKind;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.RasterImage;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.host.PluginRegistry;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HardenedProviderTest {
  private final HardenedProvider provider = new HardenedProvider();
  private final SecureRandom random = new SecureRandom();

  @Test
  void isDiscoveredAsABuiltInImageAndBytesPlugin() {
    try (PluginRegistry registry = PluginRegistry.load(Path.of("no-such-plugin-dir"), getClass().getClassLoader())) {
      PluginDescriptor d = registry.descriptor("flep-3layer-hardened").orElseThrow();

      assertThat(d.kind()).isEqualTo(PluginKind.IMAGE_CIPHER);
      assertThat(d.authenticates()).as("an HMAC tag is checked before decryption").isTrue();
      assertThat(d.notSecure()).isFalse();
      assertThat(d.builtIn()).isTrue();
      assertThat(d.securityNote()).contains("not a standardised AEAD").contains("aes-gcm").contains("never reuse");
      assertThat(registry.imageCipher("flep-3layer-hardened")).isInstanceOf(HardenedProvider.class);
      assertThat(registry.descriptor("flep-3layer")).isPresent();
    }
  }

  @Test
  void storedKeyStillDecrypts() throws Exception {
    KeyMaterial key = provider.generateKey(PluginOptions.empty(), random);
    RasterImage plain = HardenedImageCipherTest.photo(20, 10, 3, 1);
    var encrypted = provider.newImageCipher(key, TestContext.WIENER).encrypt(plain);

    ImageCipher restored = provider.newImageCipher(KeyMaterial.deserialize(key.serializeSecret(SecretAccess.get())), TestContext.WIENER);

    assertThat(restored.decrypt(encrypted).samples()).isEqualTo(plain.samples());
  }

  @Test
  void rejectsForeignKeysAndNeverPrintsSecrets() throws Exception {
    KeyMaterial key = provider.generateKey(PluginOptions.empty(), random);
    String hex = HexFormat.of().formatHex(key.secretPart().orElseThrow().toByteArray(SecretAccess.get()));

    assertThatThrownBy(() -> new ImageCipherBytes(HardenedProvider.ID, provider.newImageCipher(new KeyMaterial("aes-gcm", 1, new byte[0]), TestContext.WIENER)))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("key belongs to scheme 'aes-gcm', not 'flep-3layer-hardened'");
    assertThatThrownBy(() -> provider.newImageCipher(key.publicOnly(), TestContext.WIENER))
        .hasMessage("flep-3layer-hardened key holds no secret part");
    assertThat(new ImageCipherBytes(HardenedProvider.ID, provider.newImageCipher(key, TestContext.WIENER)).toString()).doesNotContain(hex).contains("redacted");
    assertThat(provider.newImageCipher(key, TestContext.WIENER).toString()).doesNotContain(hex).contains("redacted");
  }
}
