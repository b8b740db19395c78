package io.flep.lab.cipher.metrics;

import io.flep.plugin.api.image.RasterImage;

/**
 * Decryption fidelity: PSNR = 10·log₁₀(255²/MSE) over all samples (+∞ for identical images), and SSIM of Wang,
 * Bovik, Sheikh and Simoncelli ("Image quality assessment: from error visibility to structural similarity", IEEE
 * TIP 13(4), 2004) as in their reference code: 11×11 Gaussian window with σ = 1.5, K1 = 0.01, K2 = 0.03, L = 255,
 * statistics over every window lying fully inside the image ("valid"), mean SSIM per channel, then the mean over
 * channels. No automatic downsampling (the later reference code halves images above 256 pixels; we do not).
 */
public final class Fidelity {
  /** Window side. */
  public static final int WINDOW = 11;
  private static final double SIGMA = 1.5;
  private static final double C1 = Math.pow(0.01 * 255, 2);
  private static final double C2 = Math.pow(0.03 * 255, 2);
  private static final double[] KERNEL = gaussian1d();

  private Fidelity() {}

  /** Peak signal-to-noise ratio in dB; {@code +Infinity} when the images are identical. */
  public static double psnr(RasterImage reference, RasterImage test) {
    Samples.requireSameShape(reference, test);
    byte[] a = reference.samples();
    byte[] b = test.samples();
    double sse = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (a[i] & 0xff) - (b[i] & 0xff);
      sse += d * d;
    }
    if (sse == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return 10 * Math.log10(255.0 * 255.0 / (sse / a.length));
  }

  /**
   * Mean SSIM, averaged over channels.
   *
   * @throws IllegalArgumentException if the images differ in shape or are smaller than 11×11
   */
  public static double ssim(RasterImage reference, RasterImage test) {
    Samples.requireSameShape(reference, test);
    if (reference.width() < WINDOW || reference.height() < WINDOW) {
      throw new IllegalArgumentException("SSIM needs at least " + WINDOW + "x" + WINDOW + " pixels, got " + reference);
    }
    double[] s = new double[reference.channels()];
    for (int c = 0; c < s.length; c++) {
      s[c] = ssim(toDouble(Samples.plane(reference, c)), toDouble(Samples.plane(test, c)), reference.width(),
          reference.height());
    }
    return Samples.mean(s);
  }

  /** Mean SSIM of two planes (values 0..255) of size w×h. */
  static double ssim(double[] x, double[] y, int w, int h) {
    int n = w * h;
    double[] xx = new double[n];
    double[] yy = new double[n];
    double[] xy = new double[n];
    for (int i = 0; i < n; i++) {
      xx[i] = x[i] * x[i];
      yy[i] = y[i] * y[i];
      xy[i] = x[i] * y[i];
    }
    double[] mx = filterValid(x, w, h);
    double[] my = filterValid(y, w, h);
    double[] sxx = filterValid(xx, w, h);
    double[] syy = filterValid(yy, w, h);
    double[] sxy = filterValid(xy, w, h);
    double sum = 0;
    for (int i = 0; i < mx.length; i++) {
      double mux = mx[i];
      double muy = my[i];
      double vx = sxx[i] - mux * mux;
      double vy = syy[i] - muy * muy;
      double cov = sxy[i] - mux * muy;
      sum += ((2 * mux * muy + C1) * (2 * cov + C2)) / ((mux * mux + muy * muy + C1) * (vx + vy + C2));
    }
    return sum / mx.length;
  }

  /** Separable Gaussian weighting over every window fully inside the plane: (w−10)×(h−10) values. */
  private static double[] filterValid(double[] p, int w, int h) {
    int ow = w - WINDOW + 1;
    int oh = h - WINDOW + 1;
    double[] rows = new double[ow * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < ow; x++) {
        double s = 0;
        for (int k = 0; k < WINDOW; k++) {
          s += KERNEL[k] * p[y * w + x + k];
        }
        rows[y * ow + x] = s;
      }
    }
    double[] out = new double[ow * oh];
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        double s = 0;
        for (int k = 0; k < WINDOW; k++) {
          s += KERNEL[k] * rows[(y + k) * ow + x];
        }
        out[y * ow + x] = s;
      }
    }
    return out;
  }

  private static double[] gaussian1d() {
    double[] k = new double[WINDOW];
    double sum = 0;
    for (int i = 0; i < WINDOW; i++) {
      double d = i - WINDOW / 2;
      k[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
      sum += k[i];
    }
    for (int i = 0; i < WINDOW; i++) {
      k[i] /= sum;
    }
    return k;
  }

  private static double[] toDouble(int[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
