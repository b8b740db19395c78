package io.flep.encryption.threelayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.encryption.png.ImageCipherBytes;
import io.flep.encryption.testdata.TestContext;
import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.api.PluginKind;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.RasterImage;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import io.flep.plugin.host.PluginRegistry;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThreeLayerProviderTest {
  private final ThreeLayerProvider provider = new ThreeLayerProvider();
  private final SecureRandom random = new SecureRandom();

  @Test
  void isDiscoveredWithAnHonestSecurityNote() {
    try (PluginRegistry registry = PluginRegistry.load(Path.of("no-such-plugin-dir"), getClass().getClassLoader())) {
      PluginDescriptor d = registry.descriptor("flep-3layer").orElseThrow();
      assertThat(d.kind()).isEqualTo(PluginKind.IMAGE_CIPHER);
      assertThat(d.capabilities()).containsExactly("image", "not-secure");
      assertThat(d.notSecure()).isTrue();
      assertThat(d.authenticates()).isFalse();
      assertThat(d.exactDecryption()).isFalse();
      assertThat(d.securityNote()).contains("not for protecting data").contains("flep-3layer-hardened")
          .contains("chosen plaintexts").contains("2^52").contains("authenticated");
      assertThat(registry.imageCipher("flep-3layer")).isInstanceOf(ThreeLayerProvider.class);
    }
  }

  @Test
  void serialisedKeyRoundTripsAndStillDecrypts() throws Exception {
    KeyMaterial key = provider.generateKey(PluginOptions.empty().with("noise", "false"), random);
    assertThat(key.schemeId()).isEqualTo("flep-3layer");
    assertThat(key.formatVersion()).isEqualTo(1);
    assertThat(key.publicPart()).isEmpty();
    RasterImage plain = TestImages.smooth(40, 30, 3);
    EncryptedImage e = provider.newImageCipher(key, TestContext.WIENER).encrypt(plain);

    KeyMaterial restored = KeyMaterial.deserialize(key.serializeSecret(SecretAccess.get()));
    RasterImage back = provider.newImageCipher(restored, TestContext.WIENER).decrypt(e);
    assertThat(TestImages.maxAbsDiff(plain, back)).isLessThanOrEqualTo(1);
  }

  @Test
  void findsTheWienerDenoiserForNoisyKeysAndDecryptsReasonably() throws Exception {
    KeyMaterial key = provider.generateKey(PluginOptions.empty(), random);
    ImageCipher c = provider.newImageCipher(key, TestContext.WIENER);
    RasterImage plain = TestImages.smooth(128, 128, 1);
    assertThat(TestImages.psnr(plain, c.decrypt(c.encrypt(plain)))).isGreaterThan(24);
  }

  @Test
  void rejectsForeignCorruptOrIncompleteKeys() {
    KeyMaterial good = provider.generateKey(PluginOptions.empty(), random);
    byte[] secret = good.secretPart().orElseThrow().toByteArray(SecretAccess.get());
    assertThatThrownBy(() -> provider.newImageCipher(new KeyMaterial("aes-gcm", 1, new byte[0], good.secretPart()), TestContext.WIENER))
        .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("belongs to scheme 'aes-gcm'");
    assertThatThrownBy(() -> new ImageCipherBytes(ThreeLayerProvider.ID, provider.newImageCipher(new KeyMaterial("flep-3layer", 2, new byte[0], good.secretPart()), TestContext.WIENER)))
        .hasMessageContaining("unsupported flep-3layer key format version 2");
    assertThatThrownBy(() -> new ImageCipherBytes(ThreeLayerProvider.ID, provider.newImageCipher(good.publicOnly(), TestContext.WIENER))).hasMessageContaining("no secret part");
    secret[0] ^= (byte) 0x80; // x0 turns negative
    assertThatThrownBy(() -> new ImageCipherBytes(ThreeLayerProvider.ID, provider.newImageCipher(new KeyMaterial("flep-3layer", 1, new byte[0],
        Optional.of(SecretBytes.copyFrom(secret, SecretAccess.get()))), TestContext.WIENER))).hasMessageContaining("corrupt flep-3layer key: logistic map x0");
  }

  @Test
  void missingDenoiserIsNamedUnlessOneIsSupplied() throws Exception {
    KeyMaterial key = provider.generateKey(PluginOptions.empty().with("denoiser", "dncnn"), random);
    assertThatThrownBy(() -> provider.newImageCipher(key, TestContext.WIENER)).hasMessageContaining("denoiser 'dncnn', which is not installed");
    ImageCipher c = provider.newImageCipher(key, (plane, w, h, sigma) -> plane.clone());
    RasterImage plain = TestImages.smooth(16, 16, 1);
    assertThat(c.decrypt(c.encrypt(plain)).width()).isEqualTo(16);
    KeyMaterial quiet = provider.generateKey(PluginOptions.empty().with("denoiser", "dncnn").with("layers", "2"), random);
    assertThat(provider.newImageCipher(quiet, TestContext.WIENER)).isNotNull(); // no noise, no denoiser needed
  }

  @Test
  void freshNoiseMakesEachEncryptionDifferent() throws Exception {
    ImageCipher c = provider.newImageCipher(provider.generateKey(PluginOptions.empty(), random), TestContext.WIENER);
    RasterImage plain = TestImages.smooth(32, 32, 1);
    assertThat(c.encrypt(plain).cipherImage().samples()).isNotEqualTo(c.encrypt(plain).cipherImage().samples());
  }
}
