package io.flep.encryption.hardened;

/** Small test-only image metrics (REFERENCE.md §3); the production library lives in the workers module. */
final class ImageStats {
  private ImageStats() {}

  /** NPCR in percent. */
  static double npcr(byte[] a, byte[] b) {
    long diff = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        diff++;
      }
    }
    return 100.0 * diff / a.length;
  }

  /** UACI in percent. */
  static double uaci(byte[] a, byte[] b) {
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
    }
    return 100.0 * sum / (255.0 * a.length);
  }

  /** Global Shannon entropy in bits per sample. */
  static double entropy(byte[] s) {
    long[] hist = new long[256];
    for (byte v : s) {
      hist[v & 0xff]++;
    }
    double e = 0;
    for (long n : hist) {
      if (n > 0) {
        double p = (double) n / s.length;
        e -= p * Math.log(p) / Math.log(2);
      }
    }
    return e;
  }

  /** Pearson correlation of all adjacent pairs of a grey image, direction (dx, dy). */
  static double correlation(byte[] s, int w, int h, int dx, int dy) {
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    long n = 0;
    for (int y = 0; y + dy < h; y++) {
      for (int x = 0; x + dx < w; x++) {
        double a = s[y * w + x] & 0xff;
        double b = s[(y + dy) * w + x + dx] & 0xff;
        sx += a;
        sy += b;
        sxx += a * a;
        syy += b * b;
        sxy += a * b;
        n++;
      }
    }
    double cov = sxy / n - (sx / n) * (sy / n);
    double vx = sxx / n - (sx / n) * (sx / n);
    double vy = syy / n - (sy / n) * (sy / n);
    return cov / Math.sqrt(vx * vy);
  }

  /** PSNR in dB for 8-bit samples. */
  static double psnr(byte[] a, byte[] b) {
    double mse = 0;
    for (int i = 0; i < a.length; i++) {
      int d = (a[i] & 0xff) - (b[i] & 0xff);
      mse += d * d;
    }
    mse /= a.length;
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }
}
