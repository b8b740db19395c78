package io.flep.lab.cipher.metrics;

import io.flep.plugin.api.image.RasterImage;

/** Shared checks and plane access for the metrics; package-private. */
final class Samples {
  private Samples() {}

  /** Channel {@code c} of {@code image} as values 0..255, row by row. */
  static int[] plane(RasterImage image, int c) {
    byte[] s = image.samples();
    int ch = image.channels();
    int[] out = new int[image.width() * image.height()];
    for (int i = 0; i < out.length; i++) {
      out[i] = s[i * ch + c] & 0xff;
    }
    return out;
  }

  /** @throws IllegalArgumentException unless both images have the same width, height and channel count */
  static void requireSameShape(RasterImage a, RasterImage b) {
    if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) {
      throw new IllegalArgumentException("images differ in shape: " + a + " vs " + b);
    }
  }

  /** Mean of the finite values, NaN if there are none. */
  static double mean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
