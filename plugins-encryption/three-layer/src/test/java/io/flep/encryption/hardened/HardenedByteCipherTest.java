package io.flep.encryption.hardened;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.encryption.png.EncryptedImageCodec;
import io.flep.encryption.png.ImageCipherBytes;
import io.flep.encryption.png.ImageCodec;
import io.flep.encryption.testdata.TestContext;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.RasterImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HardenedByteCipherTest {
  private static final byte[] AD = "dataset:run-42".getBytes(StandardCharsets.UTF_8);
  private final HardenedProvider provider = new HardenedProvider();
  private final SecureRandom random = new SecureRandom();

  private ImageCipherBytes cipher() throws GeneralSecurityException {
    return new ImageCipherBytes(HardenedProvider.ID, provider.newImageCipher(provider.generateKey(PluginOptions.empty(), random), TestContext.WIENER));
  }

  @Test
  void pngBytesRoundTripToTheSamePixels() throws Exception {
    ImageCipherBytes cipher = cipher();
    for (RasterImage plain : new RasterImage[] {
      HardenedImageCipherTest.photo(37, 21, 1, 1), HardenedImageCipherTest.photo(16, 9, 3, 2)
    }) {
      byte[] png = ImageCodec.toPng(plain);

      byte[] sealed = cipher.encrypt(png, AD);
      EncryptedImage asImage = EncryptedImageCodec.fromPng(sealed, "sealed");
      RasterImage back = ImageCodec.readPng(cipher.decrypt(sealed, AD), "back");

      assertThat(asImage.header()).hasSize(HardenedHeader.LENGTH);
      assertThat(asImage.cipherImage().channels()).isEqualTo(plain.channels());
      assertThat(back.samples()).isEqualTo(plain.samples());
      assertThat(back.width()).isEqualTo(plain.width());
    }
  }

  @Test
  void associatedDataIsBound() throws Exception {
    ImageCipherBytes cipher = cipher();
    byte[] sealed = cipher.encrypt(ImageCodec.toPng(HardenedImageCipherTest.photo(8, 8, 1, 3)), AD);

    assertThatThrownBy(() -> cipher.decrypt(sealed, "dataset:run-43".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AEADBadTagException.class);
    assertThatThrownBy(() -> cipher.decrypt(sealed, null)).isInstanceOf(AEADBadTagException.class);
  }

  @Test
  void nonPngPlaintextAndDamagedCiphertextGiveClearErrors() throws Exception {
    ImageCipherBytes cipher = cipher();
    byte[] sealed = cipher.encrypt(ImageCodec.toPng(HardenedImageCipherTest.photo(8, 8, 1, 4)), null);

    assertThatThrownBy(() -> cipher.encrypt("not an image".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flep-3layer-hardened encrypts 8-bit greyscale or RGB PNG images")
        .hasMessageContaining("not a PNG");
    assertThatThrownBy(() -> cipher.encrypt(new byte[0], null)).hasMessageContaining("plaintext: empty file");
    assertThatThrownBy(() -> cipher.encrypt(sixteenBitPng(), null)).hasMessageContaining("16-bit samples");
    assertThatThrownBy(() -> cipher.decrypt(new byte[0], null)).hasMessageContaining("empty");
    assertThatThrownBy(() -> cipher.decrypt(Arrays.copyOf(sealed, sealed.length / 2), null))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("ciphertext");
    assertThatThrownBy(() -> cipher.decrypt(ImageCodec.toPng(HardenedImageCipherTest.photo(8, 8, 1, 4)), null))
        .hasMessageContaining("no tEXt chunk");
  }

  private static byte[] sixteenBitPng() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY), "png", out);
    return out.toByteArray();
  }
}
