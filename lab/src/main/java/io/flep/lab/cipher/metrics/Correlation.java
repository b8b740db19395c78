package io.flep.lab.cipher.metrics;

import io.flep.plugin.api.image.RasterImage;

/**
 * Adjacent-pixel correlation: Pearson's coefficient over <em>all</em> pairs of neighbouring samples of one
 * channel — horizontal (x, y)/(x+1, y), vertical (x, y)/(x, y+1), diagonal (x, y)/(x+1, y+1) — rather than the
 * random subset of pairs that Chen, Mao and Chui introduced for cipher images ("A symmetric image encryption scheme
 * based on 3D chaotic cat maps", Chaos, Solitons &amp; Fractals 21, 2004); plain images score 0.85–0.98, random 256²
 * images ≈ ±0.004. NaN when either member of the pairs is constant.
 */
public final class Correlation {
  /** A neighbour direction as (dx, dy). */
  public enum Direction {
    HORIZONTAL(1, 0), VERTICAL(0, 1), DIAGONAL(1, 1);

    final int dx;
    final int dy;

    Direction(int dx, int dy) {
      this.dx = dx;
      this.dy = dy;
    }
  }

  private Correlation() {}

  /** Correlation of channel {@code c} in direction {@code d}; NaN if there are no pairs or no variance. */
  public static double adjacent(RasterImage image, int c, Direction d) {
    int w = image.width();
    int h = image.height();
    int[] p = Samples.plane(image, c);
    long n = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int y = 0; y + d.dy < h; y++) {
      for (int x = 0; x + d.dx < w; x++) {
        double a = p[y * w + x];
        double b = p[(y + d.dy) * w + x + d.dx];
        sx += a;
        sy += b;
        sxx += a * a;
        syy += b * b;
        sxy += a * b;
        n++;
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    double cov = sxy - sx * sy / n;
    double vx = sxx - sx * sx / n;
    double vy = syy - sy * sy / n;
    if (vx <= 0 || vy <= 0) {
      return Double.NaN;
    }
    return cov / Math.sqrt(vx * vy);
  }

  /** Mean over channels of the correlation in direction {@code d}. */
  public static double adjacent(RasterImage image, Direction d) {
    double[] r = new double[image.channels()];
    for (int c = 0; c < r.length; c++) {
      r[c] = adjacent(image, c, d);
    }
    return Samples.mean(r);
  }
}
