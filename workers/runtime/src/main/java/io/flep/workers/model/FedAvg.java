package io.flep.workers.model;

import java.util.List;
import java.util.Objects;

/**
 * Federated averaging of flattened parameter vectors (McMahan et al. 2017), accumulated in double
 * precision and rounded to float32 once at the end.
 */
public final class FedAvg {

  /** Plain mean of the updates, element by element. */
  public float[] average(List<float[]> updates) {
    int n = checkUpdates(updates);
    double[] sum = new double[n];
    for (float[] u : updates) {
      for (int i = 0; i < n; i++) {
        sum[i] += u[i];
      }
    }
    float[] out = new float[n];
    double k = updates.size();
    for (int i = 0; i < n; i++) {
      out[i] = (float) (sum[i] / k);
    }
    return out;
  }

  /**
   * Mean weighted by each analyst's sample count: {@code sum(n_k * w_k) / sum(n_k)}.
   * Counts must be &gt;= 0 with a positive sum.
   */
  public float[] weightedAverage(List<float[]> updates, List<? extends Number> sampleCounts) {
    int n = checkUpdates(updates);
    Objects.requireNonNull(sampleCounts, "sampleCounts");
    if (sampleCounts.size() != updates.size()) {
      throw new IllegalArgumentException(sampleCounts.size() + " sample counts for " + updates.size()
          + " updates");
    }
    double total = 0;
    for (int k = 0; k < sampleCounts.size(); k++) {
      double c = Objects.requireNonNull(sampleCounts.get(k), "sample count " + k).doubleValue();
      if (!(c >= 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("sample count " + k + " must be finite and >= 0, got " + c);
      }
      total += c;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("sample counts sum to zero");
    }
    double[] sum = new double[n];
    for (int k = 0; k < updates.size(); k++) {
      double w = sampleCounts.get(k).doubleValue() / total;
      float[] u = updates.get(k);
      for (int i = 0; i < n; i++) {
        sum[i] += w * u[i];
      }
    }
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) sum[i];
    }
    return out;
  }

  /** Largest {@code |a[i] - b[i]|}; the arrays must have the same length. */
  public static double maxAbsDiff(float[] a, float[] b) {
    checkLengths(a.length, b.length);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((double) a[i] - b[i]));
    }
    return max;
  }

  /** Largest {@code |a[i] - b[i]|}; the arrays must have the same length. */
  public static double maxAbsDiff(double[] a, double[] b) {
    checkLengths(a.length, b.length);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /** Largest {@code |a[i] - b[i]|}, e.g. a float32 plain average against a decoded HE average. */
  public static double maxAbsDiff(float[] a, double[] b) {
    checkLengths(a.length, b.length);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static void checkLengths(int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException("length mismatch: " + a + " vs " + b);
    }
  }

  private static int checkUpdates(List<float[]> updates) {
    Objects.requireNonNull(updates, "updates");
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("no updates to average");
    }
    int n = Objects.requireNonNull(updates.get(0), "update 0").length;
    for (int k = 1; k < updates.size(); k++) {
      float[] u = Objects.requireNonNull(updates.get(k), "update " + k);
      if (u.length != n) {
        throw new IllegalArgumentException("update " + k + " has " + u.length + " values, update 0 has " + n);
      }
    }
    return n;
  }
}
