package io.flep.workers.privacy;

import java.util.Random;

/**
 * An analyst's half of DP-FedAvg with secure aggregation: clip the update to L2 norm C, then add this analyst's
 * share of the round's noise, N(0, (z·C)² / n) per coordinate for a sum of at least n updates, so that the sum the
 * key holder decrypts carries at least N(0, (z·C)²) — the noise the accountant assumes — while no single party ever
 * sees a noiseless sum. The lifecycle passes K, the fewest updates a decrypted round can have: analysts that miss a
 * round deadline never lower the noise below what the report's epsilon assumes. Analysts must draw from a
 * cryptographically strong generator.
 */
public final class UpdatePrivatizer {
  private final DifferentialPrivacy dp;

  public UpdatePrivatizer(DifferentialPrivacy dp) {
    this.dp = dp;
  }

  /** What one call did, for the stage details. */
  public record Result(double[] update, double normBefore, boolean clipped) {}

  /**
   * @param contributors the fewest analysts whose shares are in any sum that is decrypted (at least 1)
   */
  public Result privatize(double[] update, int contributors, Random random) {
    if (contributors < 1) {
      throw new IllegalArgumentException("contributors must be at least 1, got " + contributors);
    }
    double norm = 0;
    for (double v : update) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    double scale = norm > dp.clipNorm() ? dp.clipNorm() / norm : 1;
    double sigma = dp.noiseMultiplier() * dp.clipNorm() / Math.sqrt(contributors);
    double[] out = new double[update.length];
    for (int i = 0; i < update.length; i++) {
      out[i] = update[i] * scale + random.nextGaussian() * sigma;
    }
    return new Result(out, norm, scale < 1);
  }
}
