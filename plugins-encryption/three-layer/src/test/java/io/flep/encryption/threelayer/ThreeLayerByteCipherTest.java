package io.flep.encryption.threelayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.encryption.png.EncryptedImageCodec;
import io.flep.encryption.png.ImageCipherBytes;
import io.flep.encryption.png.ImageCodec;
import io.flep.encryption.testdata.TestContext;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.image.RasterImage;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ThreeLayerByteCipherTest {
  private final ThreeLayerProvider provider = new ThreeLayerProvider();

  private ImageCipherBytes cipher(String... options) throws GeneralSecurityException {
    PluginOptions o = PluginOptions.empty();
    for (int i = 0; i < options.length; i += 2) {
      o = o.with(options[i], options[i + 1]);
    }
    return new ImageCipherBytes(ThreeLayerProvider.ID, provider.newImageCipher(provider.generateKey(o, new SecureRandom()), TestContext.WIENER));
  }

  @Test
  void pngInCipherPngOutAndBack() throws Exception {
    ImageCipherBytes c = cipher("layers", "1");
    RasterImage plain = TestImages.random(33, 21, 3, 4);
    byte[] ad = "run-7/0".getBytes(StandardCharsets.UTF_8);
    byte[] ciphertext = c.encrypt(ImageCodec.toPng(plain), ad);

    RasterImage cipherImage = EncryptedImageCodec.fromPng(ciphertext, "test").cipherImage();
    assertThat(cipherImage.width()).isEqualTo(34); // padded to even
    assertThat(ImageCodec.readPng(c.decrypt(ciphertext, ad), "back").samples()).isEqualTo(plain.samples());
  }

  @Test
  void wrongAssociatedDataOrKeyIsReported() throws Exception {
    ImageCipherBytes c = cipher("layers", "1");
    byte[] ciphertext = c.encrypt(ImageCodec.toPng(TestImages.smooth(8, 8, 1)), null);
    assertThatThrownBy(() -> c.decrypt(ciphertext, new byte[] {1})).hasMessageContaining("wrong associated data");
    assertThatThrownBy(() -> cipher("layers", "1").decrypt(ciphertext, null)).hasMessageContaining("wrong key");
  }

  @Test
  void nonPngInputIsRejectedWithTheCause() throws Exception {
    ImageCipherBytes c = cipher();
    assertThatThrownBy(() -> c.encrypt("not an image".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flep-3layer encrypts").hasMessageContaining("PNG");
    assertThatThrownBy(() -> c.encrypt(new byte[0], null)).hasMessageContaining("empty");
    assertThatThrownBy(() -> c.decrypt(ImageCodec.toPng(TestImages.smooth(8, 8, 1)), null)).isInstanceOf(GeneralSecurityException.class);
  }
}
