package io.flep.encryption.hardened;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.encryption.testdata.TestContext;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.InsecureNonceAccess;
import io.flep.plugin.api.image.RasterImage;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HardenedImageCipherTest {
  private final HardenedProvider provider = new HardenedProvider();
  private final SecureRandom random = new SecureRandom();

  private ImageCipher cipher(PluginOptions options) throws GeneralSecurityException {
    return provider.newImageCipher(provider.generateKey(options, random), TestContext.WIENER);
  }

  /** A smooth image with some texture, like a photograph: neighbouring samples are strongly correlated. */
  static RasterImage photo(int w, int h, int channels, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] s = new byte[w * h * channels];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < channels; c++) {
          double v = 128 + 80 * Math.sin(x / 17.0 + c) * Math.cos(y / 23.0) + rng.nextInt(9) - 4;
          s[(y * w + x) * channels + c] = (byte) Math.max(0, Math.min(255, (int) v));
        }
      }
    }
    return new RasterImage(w, h, channels, s);
  }

  @ParameterizedTest(name = "{0}x{1}x{2}, block {3}")
  @CsvSource({
    "256, 256, 1, 2", "256, 256, 3, 2", "1, 1, 1, 2", "1, 1, 3, 2", "3, 5, 1, 2", "257, 255, 3, 2", "100, 37, 1, 3",
    "64, 64, 1, 1", "33, 70, 3, 8", "2, 1, 1, 4"
  })
  void decryptsBitExactlyForAnySizeAndBlock(int w, int h, int channels, int block) throws Exception {
    ImageCipher cipher = cipher(PluginOptions.empty().with("blockSize", "" + block));
    RasterImage plain = photo(w, h, channels, w * 31L + h);

    EncryptedImage encrypted = cipher.encrypt(plain);
    RasterImage decrypted = cipher.decrypt(encrypted);

    assertThat(decrypted.width()).isEqualTo(w);
    assertThat(decrypted.height()).isEqualTo(h);
    assertThat(decrypted.channels()).isEqualTo(channels);
    assertThat(decrypted.samples()).isEqualTo(plain.samples());
    int g = HardenedHeader.granule(block);
    assertThat(encrypted.cipherImage().width()).isEqualTo((w + g - 1) / g * g);
    assertThat(encrypted.cipherImage().height()).isEqualTo((h + g - 1) / g * g);
    assertThat(encrypted.header()).hasSize(HardenedHeader.LENGTH);
  }

  @Test
  void everyEncryptionUsesAFreshNonceSoCiphersDiffer() throws Exception {
    ImageCipher cipher = cipher(PluginOptions.empty());
    RasterImage plain = photo(64, 64, 1, 1);

    EncryptedImage a = cipher.encrypt(plain);
    EncryptedImage b = cipher.encrypt(plain);

    assertThat(HardenedHeader.parse(a.header()).nonce()).isNotEqualTo(HardenedHeader.parse(b.header()).nonce());
    assertThat(ImageStats.npcr(a.cipherImage().samples(), b.cipherImage().samples())).isGreaterThan(99.0);
    assertThat(cipher.decrypt(a).samples()).isEqualTo(plain.samples());
    assertThat(cipher.decrypt(b).samples()).isEqualTo(plain.samples());
  }

  @Test
  void fixedNonceIsDeterministicAndNeedsTheToken() throws Exception {
    ImageCipher cipher = cipher(PluginOptions.empty());
    RasterImage plain = photo(32, 32, 3, 2);
    byte[] nonce = new byte[16];
    InsecureNonceAccess eval = InsecureNonceAccess.forEvaluationOnly();

    EncryptedImage a = cipher.encryptWithNonce(plain, nonce, eval);
    EncryptedImage b = cipher.encryptWithNonce(plain, nonce, eval);

    assertThat(a.cipherImage().samples()).isEqualTo(b.cipherImage().samples());
    assertThat(a.header()).isEqualTo(b.header());
    assertThatThrownBy(() -> cipher.encryptWithNonce(plain, nonce, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cipher.encryptWithNonce(plain, new byte[12], eval))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nonce must be 16 bytes, got 12");
  }

  @Test
  void onePixelChangeSpreadsOverTheWholeImageUnderOneKeyAndNonce() throws Exception {
    ImageCipher cipher = cipher(PluginOptions.empty());
    RasterImage plain = photo(128, 128, 3, 3);
    byte[] changed = plain.samples();
    changed[changed.length / 2] ^= 1;
    byte[] nonce = new byte[16];
    InsecureNonceAccess eval = InsecureNonceAccess.forEvaluationOnly();

    byte[] c1 = cipher.encryptWithNonce(plain, nonce, eval).cipherImage().samples();
    byte[] c2 = cipher.encryptWithNonce(new RasterImage(128, 128, 3, changed), nonce, eval).cipherImage().samples();

    assertThat(ImageStats.npcr(c1, c2)).isGreaterThan(99.4);
    assertThat(ImageStats.uaci(c1, c2)).isBetween(33.0, 34.0);
  }

  @Test
  void theFaithfulModesChosenPlaintextAttackFindsNothing() throws Exception {
    // The attack on flep-3layer: encrypt a blank image and one-pixel impulses, difference the ciphers (the secret
    // image cancels), and read off where each impulse went. Here even the attacker's best case - the same nonce
    // via the evaluation hook - moves every cipher sample, and with fresh nonces the difference is pure noise.
    ImageCipher cipher = cipher(PluginOptions.empty());
    InsecureNonceAccess eval = InsecureNonceAccess.forEvaluationOnly();
    byte[] nonce = new byte[16];
    RasterImage blank = new RasterImage(256, 256, 1, new byte[256 * 256]);
    byte[] c0 = cipher.encryptWithNonce(blank, nonce, eval).cipherImage().samples();
    for (int at : new int[] {0, 12_345, 65_535}) {
      byte[] impulse = new byte[256 * 256];
      impulse[at] = (byte) 255;
      byte[] c1 = cipher.encryptWithNonce(new RasterImage(256, 256, 1, impulse), nonce, eval).cipherImage().samples();
      assertThat(ImageStats.npcr(c0, c1)).as("impulse at %d, same nonce", at).isGreaterThan(99.4);
    }
    byte[] a = cipher.encrypt(blank).cipherImage().samples();
    byte[] b = cipher.encrypt(blank).cipherImage().samples();
    byte[] diff = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      diff[i] = (byte) (a[i] - b[i]);
    }
    assertThat(ImageStats.entropy(diff)).as("difference of two fresh-nonce ciphers").isGreaterThan(7.99);
  }

  @Test
  void everyTamperedPixelIsRejectedBeforeDecryption() throws Exception {
    ImageCipher cipher = cipher(PluginOptions.empty());
    EncryptedImage encrypted = cipher.encrypt(photo(6, 4, 3, 4));
    RasterImage c = encrypted.cipherImage();
    byte[] s = c.samples();
    for (int i = 0; i < s.length; i++) {
      byte[] t = s.clone();
      t[i] ^= (byte) (1 << (i % 8));
      EncryptedImage tampered = new EncryptedImage(new RasterImage(c.width(), c.height(), 3, t), encrypted.header());
      assertThatThrownBy(() -> cipher.decrypt(tampered))
          .as("sample %d", i)
          .isInstanceOf(AEADBadTagException.class)
          .hasMessageContaining("authentication failed");
    }
  }

  @Test
  void everyTamperedHeaderByteIsRejected() throws Exception {
    ImageCipher cipher = cipher(PluginOptions.empty());
    EncryptedImage encrypted = cipher.encrypt(photo(9, 7, 1, 5));
    byte[] header = encrypted.header();
    for (int i = 0; i < header.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] t = header.clone();
        t[i] ^= (byte) (1 << bit);
        EncryptedImage tampered = new EncryptedImage(encrypted.cipherImage(), t);
        assertThatThrownBy(() -> cipher.decrypt(tampered))
            .as("header byte %d bit %d", i, bit)
            .isInstanceOf(GeneralSecurityException.class);
      }
    }
  }

  @Test
  void truncatedHeaderOrCroppedImageIsRejectedWithTheCause() throws Exception {
    ImageCipher cipher = cipher(PluginOptions.empty());
    EncryptedImage encrypted = cipher.encrypt(photo(8, 8, 1, 6));
    byte[] header = encrypted.header();
    RasterImage c = encrypted.cipherImage();
    EncryptedImage shortHeader = new EncryptedImage(c, Arrays.copyOf(header, header.length - 1));
    byte[] rows = Arrays.copyOf(c.samples(), 8 * 6);
    EncryptedImage cropped = new EncryptedImage(new RasterImage(8, 6, 1, rows), header);
    EncryptedImage emptyHeader = new EncryptedImage(c, new byte[0]);

    assertThatThrownBy(() -> cipher.decrypt(shortHeader))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("is 59 bytes, expected 60 (truncated)");
    assertThatThrownBy(() -> cipher.decrypt(emptyHeader)).hasMessageContaining("(truncated)");
    assertThatThrownBy(() -> cipher.decrypt(cropped))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("cipher image is 8x6x1 but its header expects 8x8x1 - truncated, cropped or altered");
  }

  @Test
  void wrongKeyFailsAuthentication() throws Exception {
    EncryptedImage encrypted = cipher(PluginOptions.empty()).encrypt(photo(16, 16, 1, 7));

    assertThatThrownBy(() -> cipher(PluginOptions.empty()).decrypt(encrypted))
        .isInstanceOf(AEADBadTagException.class)
        .hasMessage("flep-3layer-hardened authentication failed: wrong key, or the cipher image or its header was"
            + " altered; nothing was decrypted");
    assertThatThrownBy(() -> cipher(PluginOptions.empty().with("blockSize", "4")).decrypt(encrypted))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("block size 2 but the key has 4");
  }

  @Test
  void noiseLayerDecryptsToPlaintextPlusUnamplifiedNoise() throws Exception {
    ImageCipher cipher = cipher(PluginOptions.empty().with("noise", "true").with("noiseSigma", "25"));
    RasterImage plain = photo(256, 256, 1, 8);

    EncryptedImage encrypted = cipher.encrypt(plain);
    RasterImage decrypted = cipher.decrypt(encrypted);
    double psnr = ImageStats.psnr(plain.samples(), decrypted.samples());

    assertThat(HardenedHeader.parse(encrypted.header()).noise()).isTrue();
    // sigma 25 white noise alone gives 20.2 dB; clamping at 0 and 255 only reduces the error
    assertThat(psnr).isBetween(19.5, 21.5);
    System.out.printf(Locale.ROOT, "hardened, noise sigma 25: decryption PSNR %.2f dB%n", psnr);
  }
}
