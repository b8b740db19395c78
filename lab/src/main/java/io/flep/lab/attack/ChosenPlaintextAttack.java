package io.flep.lab.attack;

import io.flep.plugin.api.image.RasterImage;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * A chosen-plaintext attack on the faithful {@code flep-3layer} cipher, in the spirit of Li, Li, Chen, Bourbakis and
 * Lo (2008): a permutation that depends on neither the plaintext nor a nonce is read off with O(log N) chosen images.
 *
 * <p>Model (see {@link RecoveredSecrets}): cipher pixel j is {@code q((1 − α)·P[π(j)] + (αS)[j] + n[j])}. The
 * attacker asks the oracle for:
 *
 * <ol>
 *   <li>B = ⌈log2 N⌉ bit-plane images, each {@code repeats} times: pixel i is 255 where bit b of i is 1, else 0.
 *       Cipher pixel j then sits near (αS)[j] or near (αS)[j] + (1 − α)·255 according to bit b of π(j): the secret
 *       image cancels against the references below, and averaging the repeats shrinks the fresh noise;
 *   <li>an all-0 and an all-255 reference, each {@code referenceRepeats} times: their per-pixel mean midpoint is
 *       the threshold separating the two levels (a gap of (1 − α)·255 ≈ 178 against σ = 25, so a few repeats
 *       make a wrong bit a &gt; 5σ event);
 *   <li>an all-128 reference, {@code referenceRepeats} times, far enough from both clamps that the spread of its
 *       repeats measures the noise σ (needed to denoise at the right strength).
 * </ol>
 *
 * Reading the B bits of each cipher pixel gives π(j). With the bits known, every observation of pixel j is a
 * sample of (αS)[j] + n or of (αS)[j] + (1 − α)·255 + n, clamped to 0..255. The attack estimates with per-pixel
 * medians, which clamping does not bias: the low level is clamped only from below and the high level only from
 * above, and since 0 ≤ (αS)[j] and (αS)[j] + (1 − α)·255 ≤ 255 the clamping never moves mass across the median.
 * So (1 − α)·255 is the mean over pixels of median(high) − median(low), and (αS)[j] the median of all
 * observations of j with the high ones shifted down by the gap.
 *
 * <p>Scope: the pixel-domain model needs one α for all subbands (the default). With per-subband α the blend is a
 * linear map mixing each 2×2 Haar block, and the bit planes would have to be read in the Haar domain instead.
 *
 * <p>Total chosen images: B·repeats + 3·referenceRepeats (76 for 256×256 with 4 and 4). Nothing here touches a key
 * or a package-private class: the oracle is all the attacker has.
 */
final class ChosenPlaintextAttack {
  private final int width;
  private final int height;
  private final int repeats;
  private final int referenceRepeats;

  /**
   * @param repeats encryptions of each bit-plane image (≥ 1)
   * @param referenceRepeats encryptions of each reference image (≥ 2: the noise estimate needs two)
   */
  ChosenPlaintextAttack(int width, int height, int repeats, int referenceRepeats) {
    if (width <= 0 || height <= 0 || repeats < 1 || referenceRepeats < 2) {
      throw new IllegalArgumentException("invalid attack parameters");
    }
    this.width = width;
    this.height = height;
    this.repeats = repeats;
    this.referenceRepeats = referenceRepeats;
  }

  /** Number of bit planes needed to name every pixel of the image. */
  int bitPlanes() {
    int n = width * height;
    return n <= 1 ? 1 : 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  /** Number of images {@link #run} will submit to the oracle. */
  int chosenPlaintexts() {
    return bitPlanes() * repeats + 3 * referenceRepeats;
  }

  RecoveredSecrets run(EncryptionOracle oracle) throws GeneralSecurityException {
    int bits = bitPlanes();
    byte[][] zero = query(oracle, constant(0), referenceRepeats);
    byte[][] full = query(oracle, constant(255), referenceRepeats);
    byte[][] grey = query(oracle, constant(128), referenceRepeats);
    byte[][][] planes = new byte[bits][][];
    for (int b = 0; b < bits; b++) {
      planes[b] = query(oracle, bitPlane(b), repeats);
    }
    int[] index = readIndices(zero, full, planes);
    double gap = meanGap(zero, full, planes, index);
    double[] alphaS = secretContribution(zero, full, planes, index, gap);
    return new RecoveredSecrets(index, 1 - gap / 255, alphaS, noiseSigma(grey), chosenPlaintexts());
  }

  /** π(j): bit b of the index is set when the mean of plane b's repeats lies above the references' midpoint. */
  private int[] readIndices(byte[][] zero, byte[][] full, byte[][][] planes) {
    int n = width * height;
    int[] index = new int[n];
    for (int j = 0; j < n; j++) {
      double threshold = (mean(zero, j) + mean(full, j)) / 2;
      int i = 0;
      for (int b = 0; b < planes.length; b++) {
        if (mean(planes[b], j) > threshold) {
          i |= 1 << b;
        }
      }
      index[j] = i;
    }
    return index;
  }

  /** (1 − α)·255: the mean over pixels of median(high-level observations) − median(low-level observations). */
  private double meanGap(byte[][] zero, byte[][] full, byte[][][] planes, int[] index) {
    int n = width * height;
    double gapSum = 0;
    int counted = 0;
    double[] low = new double[zero.length + planes.length * repeats];
    double[] high = new double[full.length + planes.length * repeats];
    for (int j = 0; j < n; j++) {
      int nl = 0;
      int nh = 0;
      for (byte[] z : zero) {
        low[nl++] = z[j] & 0xff;
      }
      for (byte[] f : full) {
        high[nh++] = f[j] & 0xff;
      }
      for (int b = 0; b < planes.length; b++) {
        boolean set = (index[j] >>> b & 1) == 1;
        for (byte[] r : planes[b]) {
          if (set) {
            high[nh++] = r[j] & 0xff;
          } else {
            low[nl++] = r[j] & 0xff;
          }
        }
      }
      gapSum += median(high, nh) - median(low, nl);
      counted++;
    }
    return gapSum / counted;
  }

  /** (αS)[j]: median of all observations of j, the high-level ones shifted down by the gap. */
  private double[] secretContribution(byte[][] zero, byte[][] full, byte[][][] planes, int[] index, double gap) {
    int n = width * height;
    double[] out = new double[n];
    double[] obs = new double[zero.length + full.length + planes.length * repeats];
    for (int j = 0; j < n; j++) {
      int k = 0;
      for (byte[] z : zero) {
        obs[k++] = z[j] & 0xff;
      }
      for (byte[] f : full) {
        obs[k++] = (f[j] & 0xff) - gap;
      }
      for (int b = 0; b < planes.length; b++) {
        double shift = (index[j] >>> b & 1) == 1 ? gap : 0;
        for (byte[] r : planes[b]) {
          obs[k++] = (r[j] & 0xff) - shift;
        }
      }
      out[j] = median(obs, k);
    }
    return out;
  }

  /**
   * σ from the pooled sample variance of the mid-grey repeats, less the 1/12 of the integer rounding. At level 128
   * the cipher sits in (1 − α)·128 + [0, α·255] ± noise, about 3.5σ from either clamp for the defaults, so
   * clamping does not shrink the estimate as it would for the 0/255 references.
   */
  private double noiseSigma(byte[][] grey) {
    int n = width * height;
    int k = grey.length;
    double sum = 0;
    for (int j = 0; j < n; j++) {
      double m = mean(grey, j);
      double ss = 0;
      for (byte[] r : grey) {
        double d = (r[j] & 0xff) - m;
        ss += d * d;
      }
      sum += ss / (k - 1);
    }
    return Math.sqrt(Math.max(0, sum / n - 1.0 / 12));
  }

  private byte[][] query(EncryptionOracle oracle, byte[] samples, int times) throws GeneralSecurityException {
    byte[][] out = new byte[times][];
    for (int t = 0; t < times; t++) {
      RasterImage c = oracle.encrypt(RasterImage.gray(width, height, samples.clone()));
      if (c.width() != width || c.height() != height || c.channels() != 1) {
        throw new IllegalStateException("oracle returned " + c + " for a " + width + "x" + height + " grey image");
      }
      out[t] = c.samples();
    }
    return out;
  }

  private byte[] constant(int value) {
    byte[] s = new byte[width * height];
    Arrays.fill(s, (byte) value);
    return s;
  }

  private byte[] bitPlane(int b) {
    byte[] s = new byte[width * height];
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) ((i >>> b & 1) == 1 ? 255 : 0);
    }
    return s;
  }

  private static double mean(byte[][] repeats, int j) {
    int sum = 0;
    for (byte[] r : repeats) {
      sum += r[j] & 0xff;
    }
    return (double) sum / repeats.length;
  }

  /** Median of the first {@code count} values (sorts them in place); NaN if there are none. */
  private static double median(double[] values, int count) {
    if (count == 0) {
      return Double.NaN;
    }
    Arrays.sort(values, 0, count);
    int mid = count / 2;
    return count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }
}
