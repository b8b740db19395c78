package io.flep.lab.cipher.metrics;

import io.flep.plugin.api.image.RasterImage;

/**
 * 256-bin histograms of 8-bit images and the encryption quality of Ahmed, Kalash and Farag Allah ("An efficient
 * chaos-based feedback stream cipher (ECBSC) for image encryption and decryption", Informatica 31, 2007):
 * EQ = Σ_L |H_L(C) − H_L(P)| / 256 with H_L the count of level L — image-dependent, no ideal value.
 */
public final class Histogram {
  private Histogram() {}

  /** Counts of the levels 0..255 in channel {@code c}. */
  public static long[] counts(RasterImage image, int c) {
    if (c < 0 || c >= image.channels()) {
      throw new IllegalArgumentException("channel " + c + " out of range for " + image);
    }
    byte[] s = image.samples();
    int ch = image.channels();
    long[] counts = new long[256];
    for (int i = c; i < s.length; i += ch) {
      counts[s[i] & 0xff]++;
    }
    return counts;
  }

  /** Encryption quality of channel {@code c} (the two images may differ in size, e.g. a padded cipher). */
  public static double encryptionQuality(RasterImage plain, RasterImage cipher, int c) {
    long[] p = counts(plain, c);
    long[] q = counts(cipher, c);
    long sum = 0;
    for (int level = 0; level < 256; level++) {
      sum += Math.abs(q[level] - p[level]);
    }
    return sum / 256.0;
  }

  /** Mean over channels of the encryption quality. */
  public static double encryptionQuality(RasterImage plain, RasterImage cipher) {
    if (plain.channels() != cipher.channels()) {
      throw new IllegalArgumentException("channel counts differ: " + plain + " vs " + cipher);
    }
    double[] eq = new double[plain.channels()];
    for (int c = 0; c < eq.length; c++) {
      eq[c] = encryptionQuality(plain, cipher, c);
    }
    return Samples.mean(eq);
  }
}
