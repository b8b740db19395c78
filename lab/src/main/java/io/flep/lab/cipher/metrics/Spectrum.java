package io.flep.lab.cipher.metrics;

import io.flep.plugin.api.image.RasterImage;
import org.jtransforms.fft.DoubleFFT_2D;

/**
 * Spectral randomness checks of one channel via a 2D FFT (JTransforms): the power spectrum P of the mean-removed
 * plane, its <em>spectral flatness</em> (geometric over arithmetic mean of P over all non-DC bins; Gray and
 * Markel's flatness measure, 1974 — white noise gives e^−γ ≈ 0.5615 because its periodogram bins are
 * exponentially distributed; structure pushes it towards 0), and the largest |circular autocorrelation| over all
 * non-zero lags, obtained as the inverse FFT of P (Wiener–Khinchin) — catches periodic structure (e.g. a block
 * pattern at lag 2) that lag-1 adjacent correlation misses. Random 256² data: ≈ 0.02.
 */
public final class Spectrum {
  /** Expected flatness of white noise, e^−γ (γ = Euler–Mascheroni constant). */
  public static final double WHITE_NOISE_FLATNESS = Math.exp(-0.5772156649015329);

  /** The two figures of one channel. */
  public record Result(double flatness, double maxAutocorrelation) {}

  private Spectrum() {}

  /** Flatness and max autocorrelation of channel {@code c}; NaN for a constant plane or a 1-pixel image. */
  public static Result of(RasterImage image, int c) {
    int w = image.width();
    int h = image.height();
    int[] p = Samples.plane(image, c);
    double mean = 0;
    for (int v : p) {
      mean += v;
    }
    mean /= p.length;
    double[] a = new double[2 * w * h];
    for (int i = 0; i < p.length; i++) {
      a[i] = p[i] - mean;
    }
    DoubleFFT_2D fft = new DoubleFFT_2D(h, w);
    fft.realForwardFull(a); // a becomes h rows of w interleaved complex values
    double sumLog = 0;
    double sum = 0;
    int bins = 0;
    for (int i = 0; i < w * h; i++) {
      double power = a[2 * i] * a[2 * i] + a[2 * i + 1] * a[2 * i + 1];
      a[2 * i] = power;
      a[2 * i + 1] = 0;
      if (i == 0) {
        continue; // DC, zero after mean removal
      }
      sum += power;
      sumLog += Math.log(Math.max(power, Double.MIN_NORMAL));
      bins++;
    }
    if (bins == 0 || sum == 0) {
      return new Result(Double.NaN, Double.NaN);
    }
    double flatness = Math.exp(sumLog / bins) / (sum / bins);
    fft.complexInverse(a, true);
    double zeroLag = a[0];
    double max = 0;
    for (int i = 1; i < w * h; i++) {
      max = Math.max(max, Math.abs(a[2 * i] / zeroLag));
    }
    return new Result(flatness, max);
  }
}
