package io.flep.lab.cipher.metrics;

import io.flep.plugin.api.image.RasterImage;
import java.util.SplittableRandom;

/**
 * Shannon entropy of 8-bit images, per channel, in bits: global H = −Σ p_L·log₂ p_L over the 256-bin histogram
 * (8 for a perfectly uniform histogram; a random 256² image scores ≈ 7.9972), and the local Shannon entropy of
 * Wu, Zhou, Saveriades, Agaian, Noonan and Natarajan ("Local Shannon entropy measure with statistical tests for
 * image randomness", Information Sciences 222, 2013): the mean global entropy of k = 30 non-overlapping random
 * blocks of T_B = 1,936 pixels (≈ 7.9025 for random data).
 *
 * <p>Blocks here are 30 mutually disjoint, seeded random sets of 1,936 pixel positions (the first 30·1,936
 * entries of a seeded Fisher-Yates shuffle of all positions), not 44×44 squares: at most 29 disjoint 44×44
 * squares fit in a 256×256 image (a row of the image crosses at most five of them), so the square variant is
 * impossible at the paper's own image size. Under the randomness hypothesis the statistic, and therefore Wu et
 * al.'s critical values for (k, T_B), is the same.
 */
public final class Entropy {
  /** Number of blocks k. */
  public static final int BLOCKS = 30;
  /** Pixels per block T_B (44²). */
  public static final int BLOCK_PIXELS = 1936;
  /** Seed used by {@code flep cipher eval} unless told otherwise. */
  public static final long DEFAULT_SEED = 2013L;

  private Entropy() {}

  /** Global entropy of channel {@code c}. */
  public static double global(RasterImage image, int c) {
    return ofHistogram(Histogram.counts(image, c));
  }

  /** Mean over channels of the global entropy. */
  public static double global(RasterImage image) {
    double[] h = new double[image.channels()];
    for (int c = 0; c < h.length; c++) {
      h[c] = global(image, c);
    }
    return Samples.mean(h);
  }

  /** Entropy in bits of a histogram of counts. */
  public static double ofHistogram(long[] counts) {
    long total = 0;
    for (long n : counts) {
      total += n;
    }
    double h = 0;
    for (long n : counts) {
      if (n > 0) {
        double p = (double) n / total;
        h -= p * Math.log(p);
      }
    }
    return h / Math.log(2);
  }

  /**
   * Local Shannon entropy of channel {@code c} with {@code blocks} disjoint random blocks of
   * {@code blockPixels} pixels, positions drawn from {@code seed}.
   *
   * @throws IllegalArgumentException if the image has fewer than {@code blocks · blockPixels} pixels
   */
  public static double local(RasterImage image, int c, int blocks, int blockPixels, long seed) {
    int n = image.width() * image.height();
    if ((long) blocks * blockPixels > n) {
      throw new IllegalArgumentException("local entropy needs " + blocks + " x " + blockPixels + " pixels, "
          + image + " has " + n);
    }
    int[] plane = Samples.plane(image, c);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    int needed = blocks * blockPixels;
    for (int i = 0; i < needed; i++) { // partial Fisher-Yates: the first `needed` entries are a random sample
      int j = i + random.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double sum = 0;
    for (int b = 0; b < blocks; b++) {
      long[] counts = new long[256];
      for (int i = b * blockPixels; i < (b + 1) * blockPixels; i++) {
        counts[plane[order[i]]]++;
      }
      sum += ofHistogram(counts);
    }
    return sum / blocks;
  }

  /** Mean over channels of the local entropy with k = 30, T_B = 1,936. */
  public static double local(RasterImage image, long seed) {
    double[] h = new double[image.channels()];
    for (int c = 0; c < h.length; c++) {
      h[c] = local(image, c, BLOCKS, BLOCK_PIXELS, seed);
    }
    return Samples.mean(h);
  }
}
