package io.flep.encryption.threelayer.layers;

/**
 * The logistic map x<sub>n+1</sub> = r·x<sub>n</sub>·(1 − x<sub>n</sub>) (May 1976), the chaotic source of the
 * paper's sub-block scrambling. Key: (x0, r) and a burn-in count of discarded iterations.
 *
 * <p>Guarantees: deterministic (IEEE-754 double arithmetic, identical on every JVM since Java 17's strict
 * floating point); the constructor rejects x0 outside (0, 1), r outside [{@value #MIN_R}, 4] and starting
 * points that collapse onto a fixed point within the burn-in. Not guaranteed: chaos for every r in the range
 * (the map has periodic windows, e.g. near r ≈ 3.83) and more than ~2<sup>52</sup> distinct states per double
 * key — this is not a cryptographic generator. Immutable and thread-safe.
 */
public final class LogisticMap {
  /** Smallest accepted r: the onset of chaos (Feigenbaum point ≈ 3.5699). */
  public static final double MIN_R = 3.57;
  public static final int MAX_BURN_IN = 1_000_000;

  private final double x0;
  private final double r;
  private final int burnIn;

  /** @throws IllegalArgumentException naming the bad parameter */
  public LogisticMap(double x0, double r, int burnIn) {
    if (!(x0 > 0 && x0 < 1)) {
      throw new IllegalArgumentException("logistic map x0 must be in (0, 1), got " + x0);
    }
    if (!(r >= MIN_R && r <= 4)) {
      throw new IllegalArgumentException("logistic map r must be in [" + MIN_R + ", 4], got " + r);
    }
    if (burnIn < 0 || burnIn > MAX_BURN_IN) {
      throw new IllegalArgumentException("logistic map burn-in must be in [0, " + MAX_BURN_IN + "], got " + burnIn);
    }
    this.x0 = x0;
    this.r = r;
    this.burnIn = burnIn;
    double[] probe = sequence(2);
    if (!(probe[0] > 0 && probe[0] < 1) || probe[0] == probe[1]) {
      throw new IllegalArgumentException("logistic map with x0=" + x0 + ", r=" + r + " collapses onto a fixed point");
    }
  }

  public double x0() {
    return x0;
  }

  public double r() {
    return r;
  }

  public int burnIn() {
    return burnIn;
  }

  /** The {@code n} values x<sub>burnIn+1</sub> … x<sub>burnIn+n</sub> (x0 itself is never output). */
  public double[] sequence(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("sequence length must not be negative, got " + n);
    }
    double x = x0;
    for (int i = 0; i < burnIn; i++) {
      x = r * x * (1 - x);
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      x = r * x * (1 - x);
      out[i] = x;
    }
    return out;
  }

  /**
   * The paper's sub-block order: the stable argsort of {@link #sequence(int) sequence(n)}, i.e. {@code order[k]}
   * is the index of the k-th smallest value (ties keep index order). A permutation of 0..n−1.
   */
  public int[] sortOrder(int n) {
    return argsort(sequence(n));
  }

  /** Stable ascending argsort (merge sort on indices, no boxing). */
  static int[] argsort(double[] values) {
    int n = values.length;
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    int[] tmp = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          tmp[k++] = values[idx[j]] < values[idx[i]] ? idx[j++] : idx[i++];
        }
        while (i < mid) {
          tmp[k++] = idx[i++];
        }
        while (j < hi) {
          tmp[k++] = idx[j++];
        }
        System.arraycopy(tmp, lo, idx, lo, hi - lo);
      }
    }
    return idx;
  }

  /** Parameters are key material: never printed. */
  @Override
  public String toString() {
    return "LogisticMap[redacted]";
  }
}
