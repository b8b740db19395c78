package io.flep.encryption.hardened;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.encryption.png.ImageCodec;
import io.flep.encryption.testdata.SharedDatasets;
import io.flep.encryption.testdata.TestContext;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.InsecureNonceAccess;
import io.flep.plugin.api.image.RasterImage;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The statistical targets on every image of {@code ../shared/datasets/standard-256} (failing under CI, skipped elsewhere, when the data
 * set is absent), with one fixed key and nonce: proper-differential NPCR/UACI (plaintext pixel (0,0) + 1 mod 256,
 * same key and nonce), key sensitivity (one key bit flipped, same nonce), entropy, adjacent-pixel correlation.
 *
 * <p>The thresholds are per-test acceptance regions that an ideal random cipher misses at known rates:
 * Wu et al.'s alpha = 0.05 NPCR/UACI intervals in 5 % of tests (about 5 of the 108 here); |r| &lt; 0.01 is 2.55
 * standard deviations of r for 256x256 (about 1 miss in 81); entropy &gt;= 7.9965 is 2.8 standard deviations below
 * the ideal 7.9972. Asserting all of them on every image would fail an ideal cipher more often than not, or need a
 * searched key. So this test asserts, with the fixed key and nonce below (no search): every value inside a wider
 * bound an ideal cipher essentially never leaves (NPCR/UACI: Wu's alpha = 0.001 interval; |r| &lt; 0.02, 5 sigma;
 * entropy &gt;= 7.996, 4.8 sigma); the number of misses of the thresholds within what an ideal cipher
 * produces with over 99 % probability; and the means at the ideal values. It prints the misses.
 */
class HardenedStandard256Test {
  private static final double NPCR_MIN = 99.5693;
  private static final double UACI_MIN = 33.2824;
  private static final double UACI_MAX = 33.6447;
  private static final double NPCR_MIN_001 = 99.5341;
  private static final double UACI_MIN_001 = 33.1594;
  private static final double UACI_MAX_001 = 33.7677;
  private static final byte[] NONCE = new byte[16];
  private final HardenedProvider provider = new HardenedProvider();

  private static KeyMaterial key(byte[] raw) {
    return new HardenedKey(SecretBytes.copyFrom(raw, SecretAccess.get()), 2, false, 0, 25).toKeyMaterial();
  }

  @Test
  void everyStandardImageMeetsTheDiffusionAndRandomnessTargets() throws Exception {
    Path dataset = SharedDatasets.require("standard-256");
    List<Path> images;
    try (Stream<Path> files = Files.list(dataset)) {
      images = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    assertThat(images).as("PNG images in %s", dataset).isNotEmpty();
    byte[] raw = new byte[32];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) (31 * i + 7);
    }
    byte[] flipped = raw.clone();
    flipped[17] ^= 0x08;
    ImageCipher cipher = provider.newImageCipher(key(raw), TestContext.WIENER);
    ImageCipher otherKey = provider.newImageCipher(key(flipped), TestContext.WIENER);
    InsecureNonceAccess eval = InsecureNonceAccess.forEvaluationOnly();
    Summary sum = new Summary();
    for (Path file : images) {
      String name = file.getFileName().toString();
      RasterImage plain = ImageCodec.readPng(Files.readAllBytes(file), name);
      byte[] p1 = plain.samples();
      p1[0] = (byte) (p1[0] + 1);
      RasterImage plain1 = new RasterImage(plain.width(), plain.height(), plain.channels(), p1);
      byte[] c = cipher.encryptWithNonce(plain, NONCE, eval).cipherImage().samples();
      byte[] c1 = cipher.encryptWithNonce(plain1, NONCE, eval).cipherImage().samples();
      byte[] ck = otherKey.encryptWithNonce(plain, NONCE, eval).cipherImage().samples();
      assertThat(plain.channels()).as(name).isEqualTo(1);
      sum.npcr(name + " differential", ImageStats.npcr(c, c1));
      sum.uaci(name + " differential", ImageStats.uaci(c, c1));
      sum.npcr(name + " key sensitivity", ImageStats.npcr(c, ck));
      sum.uaci(name + " key sensitivity", ImageStats.uaci(c, ck));
      sum.entropy(name, ImageStats.entropy(c));
      int w = plain.width();
      int h = plain.height();
      sum.corr(name + " H", ImageStats.correlation(c, w, h, 1, 0));
      sum.corr(name + " V", ImageStats.correlation(c, w, h, 0, 1));
      sum.corr(name + " D", ImageStats.correlation(c, w, h, 1, 1));
    }
    int n = images.size();
    System.out.printf(Locale.ROOT, "standard-256, %d images: NPCR min %.4f mean %.4f; UACI %.4f..%.4f mean %.4f;"
        + " entropy min %.5f mean %.5f; max |r| %.5f, rms r %.5f; misses of the issue thresholds: %d of %d"
        + " NPCR/UACI (alpha 0.05) %s, %d of %d |r| >= 0.01 %s, %d of %d entropy < 7.9965 %s%n",
        n, sum.minNpcr, sum.sumNpcr / (2 * n), sum.minUaci, sum.maxUaci, sum.sumUaci / (2 * n),
        sum.minEntropy, sum.sumEntropy / n, sum.maxCorr, Math.sqrt(sum.sumCorr2 / (3 * n)),
        sum.npcrUaciMisses.size(), 4 * n, sum.npcrUaciMisses, sum.corrMisses.size(), 3 * n, sum.corrMisses,
        sum.entropyMisses.size(), n, sum.entropyMisses);
    assertThat(sum.npcrUaciMisses).as("NPCR/UACI outside alpha 0.05 (ideal: 5 %% of %d)", 4 * n)
        .hasSizeLessThanOrEqualTo(Math.max(3, (int) Math.ceil(0.05 * 4 * n + 3 * Math.sqrt(0.05 * 4 * n))));
    assertThat(sum.corrMisses).as("|r| >= 0.01 (ideal: 1.1 %% of %d)", 3 * n).hasSizeLessThanOrEqualTo(
        (int) Math.ceil(0.011 * 3 * n + 3 * Math.sqrt(0.011 * 3 * n)));
    assertThat(sum.entropyMisses).as("entropy < 7.9965 (ideal: 0.3 %% of %d)", n).hasSizeLessThanOrEqualTo(2);
    assertThat(sum.sumNpcr / (2 * n)).as("mean NPCR").isBetween(99.59, 99.63);
    assertThat(sum.sumUaci / (2 * n)).as("mean UACI").isBetween(33.40, 33.53);
    assertThat(sum.sumEntropy / n).as("mean entropy").isGreaterThan(7.9969);
    assertThat(Math.sqrt(sum.sumCorr2 / (3 * n))).as("rms correlation (ideal 0.0039)").isLessThan(0.0055);
  }

  /** Collects values, asserts the wide per-value bounds and records misses of the thresholds. */
  private static final class Summary {
    double minNpcr = 100;
    double sumNpcr;
    double minUaci = 100;
    double maxUaci;
    double sumUaci;
    double minEntropy = 8;
    double sumEntropy;
    double maxCorr;
    double sumCorr2;
    final List<String> npcrUaciMisses = new java.util.ArrayList<>();
    final List<String> corrMisses = new java.util.ArrayList<>();
    final List<String> entropyMisses = new java.util.ArrayList<>();

    void npcr(String what, double v) {
      assertThat(v).as(what + " NPCR").isGreaterThanOrEqualTo(NPCR_MIN_001);
      if (v < NPCR_MIN) {
        npcrUaciMisses.add(String.format(Locale.ROOT, "%s NPCR %.4f", what, v));
      }
      minNpcr = Math.min(minNpcr, v);
      sumNpcr += v;
    }

    void uaci(String what, double v) {
      assertThat(v).as(what + " UACI").isBetween(UACI_MIN_001, UACI_MAX_001);
      if (v < UACI_MIN || v > UACI_MAX) {
        npcrUaciMisses.add(String.format(Locale.ROOT, "%s UACI %.4f", what, v));
      }
      minUaci = Math.min(minUaci, v);
      maxUaci = Math.max(maxUaci, v);
      sumUaci += v;
    }

    void entropy(String what, double v) {
      assertThat(v).as(what + " entropy").isGreaterThanOrEqualTo(7.996);
      if (v < 7.9965) {
        entropyMisses.add(String.format(Locale.ROOT, "%s %.5f", what, v));
      }
      minEntropy = Math.min(minEntropy, v);
      sumEntropy += v;
    }

    void corr(String what, double r) {
      assertThat(Math.abs(r)).as(what + " correlation").isLessThan(0.02);
      if (Math.abs(r) >= 0.01) {
        corrMisses.add(String.format(Locale.ROOT, "%s %.4f", what, r));
      }
      maxCorr = Math.max(maxCorr, Math.abs(r));
      sumCorr2 += r * r;
    }
  }
}
