package io.flep.lab.attack;

import io.flep.plugin.api.image.RasterImage;

/** Measures for judging the attack: PSNR, correlation and permutation agreement. */
final class AttackMetrics {
  private AttackMetrics() {}

  /** PSNR in dB between two 8-bit images of the same shape (infinite if identical). */
  static double psnr(RasterImage a, RasterImage b) {
    byte[] x = a.samples();
    byte[] y = b.samples();
    if (x.length != y.length) {
      throw new IllegalArgumentException("images differ in size");
    }
    double se = 0;
    for (int i = 0; i < x.length; i++) {
      int d = (x[i] & 0xff) - (y[i] & 0xff);
      se += d * d;
    }
    return se == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 * x.length / se);
  }

  /** Pearson correlation of the samples of two images of the same shape (0 if either is constant). */
  static double correlation(RasterImage a, RasterImage b) {
    byte[] x = a.samples();
    byte[] y = b.samples();
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] & 0xff;
      my += y[i] & 0xff;
    }
    mx /= x.length;
    my /= y.length;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = (x[i] & 0xff) - mx;
      double dy = (y[i] & 0xff) - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  }

  /** Fraction of positions where two maps agree. */
  static double agreement(int[] a, int[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("maps differ in length");
    }
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / a.length;
  }

  /** Fraction of distinct values in a map: 1 for a permutation, about 1 − 1/e for a random function. */
  static double distinctFraction(int[] map) {
    boolean[] seen = new boolean[map.length];
    int distinct = 0;
    for (int v : map) {
      if (v >= 0 && v < seen.length && !seen[v]) {
        seen[v] = true;
        distinct++;
      }
    }
    return (double) distinct / map.length;
  }
}
