package io.flep.lab.cipher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.image.RasterImage;
import io.flep.plugin.api.key.KeyMaterial;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

  private static RasterImage gradient(int w, int h) {
    byte[] s = new byte[w * h];
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) ((i % w) + (i / w));
    }
    return RasterImage.gray(w, h, s);
  }

  private static Evaluator evaluator(NonceXorProvider provider) throws Exception {
    KeyMaterial key = provider.generateKey(PluginOptions.empty(), new SecureRandom());
    return new Evaluator(provider.plugin(), key, KeyFlip.DEFAULT_START_BIT, 16, 3, 1, new SecureRandom());
  }

  @Test
  void fixedNonceMakesTheDifferentialTestMeasureDiffusionOnly() throws Exception {
    Evaluator ev = evaluator(new NonceXorProvider(true, 0));
    RasterImage plain = gradient(256, 256);

    Evaluator.Outcome o = ev.evaluate("g", plain);
    ImageEvaluation m = o.metrics();

    assertThat(ev.fixedNonce()).isTrue();
    // an XOR stream has no diffusion: exactly the one changed sample differs, by |c ^ (p+1) - c ^ p| >= 1
    assertThat(m.npcrDifferential()).isCloseTo(100.0 / 65536, within(1e-12));
    assertThat(m.uaciDifferential()).isGreaterThan(0).isLessThanOrEqualTo(100.0 / 65536);
    // a different key gives an independent stream
    assertThat(m.keySensitivityNpcr()).isCloseTo(99.61, within(0.15));
    assertThat(m.keySensitivityUaci()).isCloseTo(33.46, within(0.5));
    assertThat(m.npcrPlainCipher()).isCloseTo(99.61, within(0.15));
    assertThat(m.entropy()).isGreaterThan(7.99);
    assertThat(m.localEntropy()).isCloseTo(7.9025, within(0.006));
    assertThat(Math.abs(m.corrH())).isLessThan(0.02);
    assertThat(m.exactDecryption()).isTrue();
    assertThat(m.psnrDecrypted()).isInfinite();
    assertThat(m.ssimDecrypted()).isCloseTo(1.0, within(1e-12));
    assertThat(m.encryptMs()).isPositive();
    assertThat(m.decryptMs()).isPositive();
    assertThat(o.decrypted().samples()).isEqualTo(plain.samples());
    assertThat(o.cipher().header()).as("same nonce").isEqualTo(o.cipherOnePixel().header());
  }

  @Test
  void withoutTheHookFreshNoncesAreUsedAndReported() throws Exception {
    Evaluator ev = evaluator(new NonceXorProvider(false, 0));

    ImageEvaluation m = ev.evaluate("g", gradient(256, 256)).metrics();

    assertThat(ev.fixedNonce()).isFalse();
    assertThat(m.npcrDifferential()).as("fresh nonce: looks diffusive, is not").isGreaterThan(99);
  }

  @Test
  void smallImagesGetUndefinedLocalEntropyAndSsim() throws Exception {
    Evaluator ev = evaluator(new NonceXorProvider(true, 0));
    byte[] s = new byte[8 * 8];
    new Random(1).nextBytes(s);

    ImageEvaluation m = ev.evaluate("tiny", RasterImage.gray(8, 8, s)).metrics();

    assertThat(m.localEntropy()).isNaN();
    assertThat(m.ssimDecrypted()).isNaN();
    assertThat(m.psnrDecrypted()).isInfinite();
  }

  @Test
  void aNonceOfTheWrongLengthNamesTheOption() throws Exception {
    NonceXorProvider provider = new NonceXorProvider(true, 0);
    KeyMaterial key = provider.generateKey(PluginOptions.empty(), new SecureRandom());
    Evaluator ev = new Evaluator(provider.plugin(), key, 63, 12, 1, 1, new SecureRandom());

    assertThatThrownBy(() -> ev.evaluate("g", gradient(16, 16))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--nonce-bytes");
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Evaluator.median(new double[] {5, 1, 3})).isEqualTo(3);
    assertThat(Evaluator.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }
}
