package io.flep.workers.privacy;

import java.util.Random;

/**
 * An analyst's half of DP-FedAvg with secure aggregation: clip the update to L2 norm C, then add this analyst's
 * share of the round's noise, N(0, (z·C)² / n) per coordinate for n contributing analysts, so that the sum the
 * key holder decrypts carries N(0, (z·C)²) — the noise the accountant assumes — while no single party ever sees a
 * noiseless sum. Analysts must draw from a cryptographically strong generator.
 */
public final class UpdatePrivatizer {
  private final DifferentialPrivacy dp;

  public UpdatePrivatizer(DifferentialPrivacy dp) {
    this.dp = dp;
  }

  /** What one call did, for the stage details. */
  public record Result(double[] update, double normBefore, boolean clipped) {}

  /**
   * @param contributors how many analysts add their share to the round's sum (at least 1)
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
