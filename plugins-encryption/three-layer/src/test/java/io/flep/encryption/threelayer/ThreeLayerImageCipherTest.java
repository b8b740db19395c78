package io.flep.encryption.threelayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.encryption.wiener.WienerProvider;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.denoise.Denoiser;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.RasterImage;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThreeLayerImageCipherTest {
  private static final Denoiser WIENER = new WienerProvider().newDenoiser(PluginOptions.empty());

  static ThreeLayerKey key(String... options) {
    PluginOptions o = PluginOptions.empty();
    for (int i = 0; i < options.length; i += 2) {
      o = o.with(options[i], options[i + 1]);
    }
    return generateThreeLayerKey(o, new SecureRandom());
  }

  static ThreeLayerImageCipher cipher(ThreeLayerKey key) {
    return new ThreeLayerImageCipher(key, WIENER, () -> new SplittableRandom(42));
  }

  @Test
  void scrambleOnlyRoundTripsExactlyForGreyRgbAndOddSizes() throws Exception {
    for (int side : new int[] {1, 2, 3, 4, 8}) {
      ThreeLayerImageCipher c = cipher(key("layers", "1", "blockSize", Integer.toString(side)));
      for (RasterImage plain : new RasterImage[] {TestImages.random(256, 256, 1, side), TestImages.random(37, 23, 3, side),
          TestImages.random(1, 1, 1, side), TestImages.smooth(50, 9, 1)}) {
        EncryptedImage e = c.encrypt(plain);
        assertThat(c.decrypt(e).samples()).as("side %d, %s", side, plain).isEqualTo(plain.samples());
        assertThat(e.cipherImage().width() % Geometry.unit(side)).isZero();
      }
    }
  }

  @Test
  void scramblingPermutesSamplesAndKeepsTheHistogram() {
    RasterImage plain = TestImages.smooth(64, 64, 1);
    RasterImage cipherImage = cipher(key("layers", "1")).encrypt(plain).cipherImage();
    assertThat(cipherImage.samples()).isNotEqualTo(plain.samples());
    assertThat(histogram(cipherImage)).isEqualTo(histogram(plain));
  }

  @Test
  void blendingWithOneAlphaUpToHalfDecryptsWithinOneLevel() throws Exception {
    for (String alpha : new String[] {"0.1", "0.3", "0.5"}) {
      ThreeLayerImageCipher c = cipher(key("layers", "2", "alpha", alpha));
      for (RasterImage plain : new RasterImage[] {TestImages.random(256, 256, 1, 1), TestImages.random(31, 17, 3, 2),
          TestImages.smooth(64, 48, 3)}) {
        RasterImage back = c.decrypt(c.encrypt(plain));
        assertThat(TestImages.maxAbsDiff(plain, back)).as("alpha %s, %s", alpha, plain).isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void blendingCannotBeExactBecauseLevelsCollide() throws Exception {
    // 256 levels squeezed into ~180 at alpha 0.3: some sample must come back wrong (pigeonhole), never by more than 1.
    ThreeLayerImageCipher c = cipher(key("layers", "2", "alpha", "0.3"));
    RasterImage plain = TestImages.random(256, 256, 1, 9);
    RasterImage back = c.decrypt(c.encrypt(plain));
    assertThat(TestImages.maxAbsDiff(plain, back)).isEqualTo(1);
  }

  @Test
  void perSubbandAlphasBlendDifferentlyAndStillDecryptClosely() throws Exception {
    ThreeLayerImageCipher c = cipher(key("layers", "2", "alphaLL", "0.2", "alphaHL", "0.4", "alphaLH", "0.4", "alphaHH", "0.5"));
    RasterImage plain = TestImages.smooth(128, 128, 1);
    RasterImage back = c.decrypt(c.encrypt(plain));
    // Unequal alphas let the blend leave [0, 255]; the 8-bit clamp then loses those samples (errors of 20+ levels
    // at a few pixels), so only the PSNR is bounded here.
    assertThat(TestImages.psnr(plain, back)).isGreaterThan(45);
    RasterImage random = TestImages.random(64, 64, 1, 5);
    assertThat(TestImages.psnr(random, c.decrypt(c.encrypt(random)))).isGreaterThan(40);
  }

  @Test
  void blendingChangesTheHistogramScramblingAloneDoesNot() {
    RasterImage plain = TestImages.smooth(64, 64, 1);
    ThreeLayerKey k = key("layers", "2", "alpha", "0.3");
    assertThat(histogram(cipher(k).encrypt(plain).cipherImage())).isNotEqualTo(histogram(plain));
  }

  @Test
  void withoutNoiseEncryptionIsDeterministicAsInThePaper() {
    ThreeLayerImageCipher c = cipher(key("noise", "false"));
    RasterImage plain = TestImages.smooth(32, 32, 1);
    assertThat(c.encrypt(plain).cipherImage().samples()).isEqualTo(c.encrypt(plain).cipherImage().samples());
  }

  @Test
  void noiseLayerAddsNoiseOfTheRequestedStrength() {
    ThreeLayerKey noisy = key("noiseSigma", "10");
    ThreeLayerKey clean = new ThreeLayerKey(noisy.map, noisy.blockSize, noisy.seed(), new double[] {0.3, 0.3, 0.3, 0.3},
        noisy.noise, 3, false, noisy.decryptOrder, noisy.denoiserId);
    RasterImage plain = TestImages.smooth(128, 128, 1);
    double psnr = TestImages.psnr(cipher(noisy).encrypt(plain).cipherImage(), cipher(clean).encrypt(plain).cipherImage());
    assertThat(psnr).isBetween(27.0, 29.5); // sigma 10 -> 28.1 dB
  }

  @Test
  void reorderedDecryptionBeatsThePaperOrderOnNaturalImages() throws Exception {
    for (String name : new String[] {"baboon.png", "fruits.png"}) {
      RasterImage plain = TestImages.standard(name);
      ThreeLayerKey paper = key("decryptOrder", "paper");
      ThreeLayerKey reordered = new ThreeLayerKey(paper.map, paper.blockSize, paper.seed(), new double[] {0.3, 0.3, 0.3, 0.3},
          paper.noise, 3, true, DecryptOrder.REORDERED, paper.denoiserId);
      EncryptedImage e = cipher(paper).encrypt(plain);
      double psnrPaper = TestImages.psnr(plain, cipher(paper).decrypt(e));
      double psnrReordered = TestImages.psnr(plain, cipher(reordered).decrypt(e));
      System.out.printf("flep-3layer %s sigma 25: PSNR paper order %.2f dB, reordered %.2f dB%n", name, psnrPaper, psnrReordered);
      assertThat(psnrReordered).as(name).isGreaterThan(psnrPaper + 3);
    }
  }

  @Test
  void theNonceHookFixesTheNoiseSoADifferentialTestSeesOnlyTheChangedPixel() {
    ThreeLayerImageCipher c = cipher(key());
    RasterImage plain = TestImages.smooth(64, 64, 1);
    byte[] changed = plain.samples();
    changed[0] = (byte) (changed[0] + 1);
    byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    var access = io.flep.plugin.api.image.InsecureNonceAccess.forEvaluationOnly();
    byte[] a = c.encryptWithNonce(plain, nonce, access).cipherImage().samples();
    byte[] b = c.encryptWithNonce(RasterImage.gray(64, 64, changed), nonce, access).cipherImage().samples();
    int differing = 0;
    for (int i = 0; i < a.length; i++) {
      differing += a[i] != b[i] ? 1 : 0;
    }
    assertThat(differing).isLessThanOrEqualTo(4); // no diffusion: at most the 2x2 DWT block of the moved pixel
    assertThat(c.encryptWithNonce(plain, new byte[] {9}, access).cipherImage().samples()).isNotEqualTo(a);
    assertThatThrownBy(() -> c.encryptWithNonce(plain, new byte[0], access)).hasMessageContaining("nonce");
  }

  @Test
  void wrongKeyIsReportedAndWouldOtherwiseGiveGarbage() throws Exception {
    RasterImage plain = TestImages.smooth(64, 64, 1);
    ThreeLayerKey right = key("noise", "false");
    ThreeLayerKey wrong = key("noise", "false");
    EncryptedImage e = cipher(right).encrypt(plain);
    assertThatThrownBy(() -> cipher(wrong).decrypt(e)).hasMessageContaining("wrong key");
    assertThat(TestImages.psnr(plain, cipher(wrong).decrypt(e, new byte[0], false))).isLessThan(15);
    assertThatThrownBy(() -> cipher(right).decrypt(e, new byte[] {1}, true)).hasMessageContaining("associated data");
  }

  @Test
  void aMantissaBitOfTheChaoticKeyChangesThePermutationCompletely() throws Exception {
    RasterImage plain = TestImages.smooth(64, 64, 1);
    ThreeLayerKey k = key("layers", "1");
    double x0 = Double.longBitsToDouble(Double.doubleToLongBits(k.map.x0()) ^ (1L << 12));
    ThreeLayerKey flipped = new ThreeLayerKey(new io.flep.encryption.threelayer.layers.LogisticMap(x0, k.map.r(), k.map.burnIn()),
        k.blockSize, k.seed(), new double[] {0.3, 0.3, 0.3, 0.3}, k.noise, 1, false, k.decryptOrder, k.denoiserId);
    EncryptedImage e = cipher(k).encrypt(plain);
    assertThat(TestImages.psnr(plain, cipher(flipped).decrypt(e, new byte[0], false))).isLessThan(15);
  }

  @Test
  void rejectsCipherImagesThatDoNotMatchTheHeader() {
    ThreeLayerImageCipher c = cipher(key("noise", "false"));
    EncryptedImage e = c.encrypt(TestImages.smooth(30, 20, 1));
    RasterImage cropped = new RasterImage(30, 18, 1, java.util.Arrays.copyOf(e.cipherImage().samples(), 30 * 18));
    assertThatThrownBy(() -> c.decrypt(new EncryptedImage(cropped, e.header())))
        .hasMessageContaining("cipher image is 30x18 but its header says 30x20");
    assertThatThrownBy(() -> c.decrypt(new EncryptedImage(e.cipherImage(), new byte[3])))
        .hasMessageContaining("not a flep-3layer cipher header");
  }

  private static int[] histogram(RasterImage image) {
    int[] h = new int[256];
    for (byte b : image.samples()) {
      h[b & 0xff]++;
    }
    return h;
  }

  /** Validates like the host, then generates. */
  static ThreeLayerKey generateThreeLayerKey(PluginOptions options, java.security.SecureRandom random) {
    return ThreeLayerKey.generate(ThreeLayerParameters.ALL.validate("flep-3layer", options.asMap()), random);
  }
}
