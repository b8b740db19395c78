package io.flep.lab.cipher.eval;

import java.util.List;

/**
 * Mean and sample standard deviation (n − 1 in the denominator; 0 for one value) of one metric over images,
 * ignoring non-finite values; {@code n} counts the values used.
 */
public record Summary(double mean, double std, int n) {

  /** Summary of {@code metric} (a key of {@link ImageEvaluation#METRICS}) over the images. */
  public static Summary of(List<ImageEvaluation> images, String metric) {
    return of(images.stream().mapToDouble(e -> e.metric(metric)).toArray());
  }

  /** Summary of the finite values. */
  public static Summary of(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    if (n == 0) {
      return new Summary(Double.NaN, Double.NaN, 0);
    }
    double mean = sum / n;
    double ss = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    return new Summary(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
  }
}
