package io.flep.encryption.wiener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WienerFilterTest {

  static float[] smoothImage(int w, int h) {
    float[] p = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        p[y * w + x] = (float) (128 + 60 * Math.sin(x / 9.0) * Math.cos(y / 13.0) + 0.3 * (x - y));
      }
    }
    return p;
  }

  static double psnr(float[] a, float[] b) {
    double se = 0;
    for (int i = 0; i < a.length; i++) {
      se += (a[i] - b[i]) * (double) (a[i] - b[i]);
    }
    return 10 * Math.log10(255.0 * 255.0 / (se / a.length));
  }

  @Test
  void improvesPsnrOfANoisySmoothImageByMoreThanSixDb() {
    int w = 128;
    int h = 96;
    float[] clean = smoothImage(w, h);
    float[] noisy = clean.clone();
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] += (float) (25 * rnd.nextGaussian());
    }
    float[] out = new WienerFilter(5).denoise(noisy, w, h, 25);
    double before = psnr(clean, noisy);
    double after = psnr(clean, out);
    assertThat(before).isCloseTo(20.2, within(0.5));
    assertThat(after).isGreaterThan(before + 6);
  }

  @Test
  void matchesANaiveClampedWindowImplementation() {
    int w = 9;
    int h = 7;
    float[] p = new float[w * h];
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < p.length; i++) {
      p[i] = rnd.nextInt(256);
    }
    double sigma = 20;
    float[] out = new WienerFilter(3).denoise(p, w, h, sigma);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        double q = 0;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            double v = p[Math.clamp(y + dy, 0, h - 1) * w + Math.clamp(x + dx, 0, w - 1)];
            s += v;
            q += v * v;
          }
        }
        double mean = s / 9;
        double var = q / 9 - mean * mean;
        double expected = mean + Math.max(var - sigma * sigma, 0) / Math.max(var, sigma * sigma) * (p[y * w + x] - mean);
        assertThat((double) out[y * w + x]).as("(%d,%d)", x, y).isCloseTo(expected, within(1e-3));
      }
    }
  }

  @Test
  void zeroSigmaIsIdentityAndFlatPlanesStayFlat() {
    float[] p = smoothImage(16, 16);
    assertThat(new WienerFilter(5).denoise(p, 16, 16, 0)).containsExactly(p);
    float[] flat = new float[64];
    java.util.Arrays.fill(flat, 42f);
    for (float v : new WienerFilter(5).denoise(flat, 8, 8, 10)) {
      assertThat(v).isCloseTo(42f, within(1e-4f));
    }
  }

  @Test
  void rejectsMismatchedSizesAndBadSigma() {
    WienerFilter f = new WienerFilter(3);
    assertThatThrownBy(() -> f.denoise(new float[10], 3, 3, 1)).hasMessageContaining("does not match size 3x3");
    assertThatThrownBy(() -> f.denoise(new float[9], 3, 3, -1)).hasMessageContaining("sigma");
    assertThatThrownBy(() -> f.denoise(new float[9], 3, 3, Double.NaN)).hasMessageContaining("sigma");
  }
}
