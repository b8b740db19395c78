package io.flep.lab.cipher.metrics;

import java.util.List;

/**
 * NPCR and UACI critical values of Wu, Noonan and Agaian, "NPCR and UACI randomness tests for image encryption"
 * (Cyber Journals JSAT, 2011), for 8-bit images (F = 255) of M×N pixels at significance {@code alpha}: a cipher
 * pair passes when NPCR ≥ {@link #npcr()} and {@link #uaciLow()} ≤ UACI ≤ {@link #uaciHigh()} (percent).
 *
 * <p>Formulas: NPCR* = (F − z₁·sqrt(F/(MN)))/(F+1) with z₁ = Φ⁻¹(1−α) (the paper writes Φ⁻¹(α) for the upper
 * α-quantile); UACI* = μ ± z₂·σ with z₂ = Φ⁻¹(1−α/2), μ = (F+2)/(3F+3), σ² = (F+2)(F²+2F+3)/(18(F+1)²·MN·F).
 * The published 256² and 512² values (REFERENCE §3) are tabulated and returned for those sizes; every other size
 * is computed with {@link NormalQuantile}.
 */
public record CriticalValues(int pixels, double alpha, double npcr, double uaciLow, double uaciHigh,
    boolean tabulated) {
  /** The significance levels evaluated by default. */
  public static final List<Double> ALPHAS = List.of(0.05, 0.01, 0.001);

  private static final int F = 255;
  private static final int P256 = 256 * 256;
  private static final int P512 = 512 * 512;
  private static final List<CriticalValues> TABLE = List.of(
      new CriticalValues(P256, 0.05, 99.5693, 33.2824, 33.6447, true),
      new CriticalValues(P256, 0.01, 99.5527, 33.2255, 33.7016, true),
      new CriticalValues(P256, 0.001, 99.5341, 33.1594, 33.7677, true),
      new CriticalValues(P512, 0.05, 99.5893, 33.3730, 33.5541, true),
      new CriticalValues(P512, 0.01, 99.5810, 33.3445, 33.5826, true));

  /** Critical values for an image of {@code pixels} = M·N pixels: tabulated if published, computed otherwise. */
  public static CriticalValues forPixels(int pixels, double alpha) {
    for (CriticalValues v : TABLE) {
      if (v.pixels == pixels && v.alpha == alpha) {
        return v;
      }
    }
    return compute(pixels, alpha);
  }

  /** Critical values from the formulas (never the table). */
  public static CriticalValues compute(int pixels, double alpha) {
    if (pixels <= 0 || !(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("need pixels > 0 and 0 < alpha < 1, got " + pixels + ", " + alpha);
    }
    double mn = pixels;
    double npcr = (F - NormalQuantile.inverseCdf(1 - alpha) * Math.sqrt(F / mn)) / (F + 1);
    double mu = (F + 2.0) / (3.0 * F + 3);
    double var = (F + 2.0) * (F * F + 2.0 * F + 3) / (18.0 * (F + 1) * (F + 1) * mn * F);
    double half = NormalQuantile.inverseCdf(1 - alpha / 2) * Math.sqrt(var);
    return new CriticalValues(pixels, alpha, 100 * npcr, 100 * (mu - half), 100 * (mu + half), false);
  }

  /** Whether an NPCR value (percent) passes. */
  public boolean npcrPasses(double value) {
    return value >= npcr;
  }

  /** Whether a UACI value (percent) lies in the acceptance interval. */
  public boolean uaciPasses(double value) {
    return value >= uaciLow && value <= uaciHigh;
  }
}
