package io.flep.workers.privacy;

/**
 * Rényi-DP accountant for the Gaussian mechanism applied once per round to the whole population (no
 * subsampling), as in TensorFlow Privacy's {@code compute_rdp} with q = 1. The Gaussian mechanism with sensitivity
 * C and noise σ = z·C is (α, α / (2z²))-RDP (Mironov, "Rényi Differential Privacy", CSF 2017, Prop. 7); RDP
 * composes additively over rounds, and (α, ρ)-RDP implies (ρ + ln(1/δ) / (α − 1), δ)-DP (ibid., Prop. 3). ε is
 * the minimum over the same orders TensorFlow Privacy uses by default.
 */
public final class RdpAccountant {
  private static final double[] ORDERS = orders();

  private RdpAccountant() {}

  /**
   * @throws IllegalArgumentException if z or δ is out of range or rounds is negative
   */
  public static double epsilon(double noiseMultiplier, int rounds, double delta) {
    if (!(noiseMultiplier > 0) || rounds < 0 || !(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("need noise multiplier > 0, rounds >= 0 and delta in (0, 1), got "
          + noiseMultiplier + ", " + rounds + ", " + delta);
    }
    if (rounds == 0) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (double alpha : ORDERS) {
      double rdp = rounds * alpha / (2 * noiseMultiplier * noiseMultiplier);
      best = Math.min(best, rdp + Math.log(1 / delta) / (alpha - 1));
    }
    return best;
  }

  /** 1.1, 1.2, ..., 10.9, then 12, 13, ..., 63: TensorFlow Privacy's default orders. */
  private static double[] orders() {
    double[] o = new double[99 + 52];
    for (int x = 1; x < 100; x++) {
      o[x - 1] = 1 + x / 10.0;
    }
    for (int a = 12; a < 64; a++) {
      o[99 + a - 12] = a;
    }
    return o;
  }
}
