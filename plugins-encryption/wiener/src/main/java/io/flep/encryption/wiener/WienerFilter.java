package io.flep.encryption.wiener;

import io.flep.plugin.api.denoise.Denoiser;
import java.util.Objects;

/**
 * Classical adaptive local Wiener filter (Lim 1990, §9.2.4; the filter of MATLAB's {@code wiener2}): with the
 * local mean μ and variance v over a k×k window and the noise variance ν = σ², each sample becomes
 * μ + max(v − ν, 0) / max(v, ν) · (x − μ). Windows at the border are clamped (edge replication), unlike
 * {@code wiener2}'s zero padding, so borders are not darkened.
 *
 * <p>The classical baseline to the paper's DnCNN: a few dB of gain on AWGN, 1–2 dB below the trained network
 * on natural images (docs/dncnn-training.md). σ = 0 returns the input unchanged. O(w·h) independent of k; thread-safe.
 */
final class WienerFilter implements Denoiser {
  private final int window;

  WienerFilter(int window) {
    this.window = window;
  }

  int window() {
    return window;
  }

  @Override
  public float[] denoise(float[] plane, int width, int height, double sigma) {
    Objects.requireNonNull(plane, "plane");
    if (width <= 0 || height <= 0 || (long) width * height != plane.length) {
      throw new IllegalArgumentException(
          "plane of " + plane.length + " samples does not match size " + width + "x" + height);
    }
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("noise sigma must be a finite non-negative number, got " + sigma);
    }
    if (sigma == 0) {
      return plane.clone();
    }
    int n = plane.length;
    double[] sum = new double[n];
    double[] sumSq = new double[n];
    boxRows(plane, width, height, sum, sumSq);
    boxColumns(sum, width, height);
    boxColumns(sumSq, width, height);
    double nu = sigma * sigma;
    double area = (double) window * window;
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      double mean = sum[i] / area;
      double var = Math.max(sumSq[i] / area - mean * mean, 0);
      double gain = var > nu ? (var - nu) / var : 0;
      out[i] = (float) (mean + gain * (plane[i] - mean));
    }
    return out;
  }

  /** Horizontal window sums of samples and squares, clamped at the borders. */
  private void boxRows(float[] p, int w, int h, double[] sum, double[] sumSq) {
    int r = window / 2;
    for (int y = 0; y < h; y++) {
      int row = y * w;
      double s = 0;
      double q = 0;
      for (int dx = -r; dx <= r; dx++) {
        double v = p[row + clamp(dx, w)];
        s += v;
        q += v * v;
      }
      for (int x = 0; x < w; x++) {
        sum[row + x] = s;
        sumSq[row + x] = q;
        double in = p[row + clamp(x + r + 1, w)];
        double outV = p[row + clamp(x - r, w)];
        s += in - outV;
        q += in * in - outV * outV;
      }
    }
  }

  /** Vertical window sums of {@code a} in place, clamped at the borders. */
  private void boxColumns(double[] a, int w, int h) {
    int r = window / 2;
    double[] col = new double[h];
    for (int x = 0; x < w; x++) {
      for (int y = 0; y < h; y++) {
        col[y] = a[y * w + x];
      }
      double s = 0;
      for (int dy = -r; dy <= r; dy++) {
        s += col[clamp(dy, h)];
      }
      for (int y = 0; y < h; y++) {
        a[y * w + x] = s;
        s += col[clamp(y + r + 1, h)] - col[clamp(y - r, h)];
      }
    }
  }

  private static int clamp(int i, int n) {
    return i < 0 ? 0 : (i >= n ? n - 1 : i);
  }

  @Override
  public String toString() {
    return "WienerFilter[" + window + "x" + window + "]";
  }
}
