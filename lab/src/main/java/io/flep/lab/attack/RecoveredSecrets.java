package io.flep.lab.attack;

import io.flep.plugin.api.denoise.Denoiser;
import io.flep.plugin.api.image.RasterImage;
import java.util.Objects;

/**
 * What the chosen-plaintext attack recovers from {@code flep-3layer} without the key, and the attacker's
 * decryption built on it.
 *
 * <p>The faithful cipher with one α for all four Haar subbands is, per cipher pixel j,
 * {@code C[j] = q((1 − α)·P[π(j)] + (αS)[j] + n[j])} — by linearity of the orthonormal DWT, blending every subband
 * with the same α is blending pixels — with q the 8-bit rounding and clamping, π the secret pixel permutation, αS
 * the secret image's pixel-domain contribution and n the fresh AWGN. Knowing π, α and αS, the attacker inverts it
 * exactly as the key holder does in the reordered pipeline: un-blend, descramble, denoise.
 *
 * @param plainIndex for each cipher position j (row-major), the recovered plaintext position π(j)
 * @param alpha the recovered blending weight
 * @param alphaS the recovered αS per cipher position (includes any noise mean)
 * @param sigma the recovered noise standard deviation on the cipher scale
 * @param chosenPlaintexts how many chosen images the attack encrypted
 */
record RecoveredSecrets(int[] plainIndex, double alpha, double[] alphaS, double sigma, int chosenPlaintexts) {
  /** The attacker's model of the public option limits: α ≤ 0.9, so 1 − α ≥ 0.1. */
  private static final double MIN_SCALE = 0.1;

  RecoveredSecrets {
    Objects.requireNonNull(plainIndex, "plainIndex");
    Objects.requireNonNull(alphaS, "alphaS");
    if (plainIndex.length != alphaS.length) {
      throw new IllegalArgumentException("plainIndex and alphaS differ in length");
    }
  }

  /**
   * Decrypts a grey cipher image of the attacked key with the recovered secrets only: un-blend
   * ({@code (C − αS)/(1 − α)}), undo the permutation, then (if a denoiser is given) denoise at σ/(1 − α) — the
   * noise stays white through both steps. Plaintext positions no cipher position maps to (collisions in an
   * imperfect recovery) get the mean of the others.
   */
  RasterImage decrypt(RasterImage cipher, Denoiser denoiser) {
    int n = plainIndex.length;
    if (cipher.channels() != 1 || cipher.width() * cipher.height() != n) {
      throw new IllegalArgumentException("expected a grey cipher image of " + n + " pixels, got " + cipher);
    }
    double scale = 1 / Math.max(MIN_SCALE, 1 - alpha);
    byte[] c = cipher.samples();
    float[] plane = new float[n];
    boolean[] filled = new boolean[n];
    double sum = 0;
    for (int j = 0; j < n; j++) {
      double u = ((c[j] & 0xff) - alphaS[j]) * scale;
      int i = plainIndex[j];
      if (i >= 0 && i < n) {
        plane[i] = (float) u;
        filled[i] = true;
      }
      sum += u;
    }
    float mean = (float) (sum / n);
    for (int i = 0; i < n; i++) {
      if (!filled[i]) {
        plane[i] = mean;
      }
    }
    if (denoiser != null) {
      plane = denoiser.denoise(plane, cipher.width(), cipher.height(), sigma * scale);
    }
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      double v = Math.floor(plane[i] + 0.5);
      out[i] = (byte) (v >= 255 ? 255 : v > 0 ? (int) v : 0);
    }
    return RasterImage.gray(cipher.width(), cipher.height(), out);
  }
}
