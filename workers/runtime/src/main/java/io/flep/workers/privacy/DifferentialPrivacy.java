package io.flep.workers.privacy;

import java.util.Locale;

/**
 * DP-FedAvg settings (McMahan et al., "Learning Differentially Private Recurrent Language Models", ICLR 2018):
 * each analyst clips its model update to L2 norm {@code clipNorm} and the round's sum carries Gaussian noise of
 * standard deviation {@code noiseMultiplier · clipNorm} per coordinate. The guarantee is per analyst (adding or
 * removing one analyst's whole update), at {@code delta}.
 *
 * @param noiseMultiplier z > 0
 * @param clipNorm        C > 0, in model-weight units
 * @param delta           δ in (0, 1)
 */
public record DifferentialPrivacy(double noiseMultiplier, double clipNorm, double delta) {

  /** @throws IllegalArgumentException naming the setting that is out of range */
  public DifferentialPrivacy {
    if (!(noiseMultiplier > 0) || !Double.isFinite(noiseMultiplier)) {
      throw new IllegalArgumentException("--dp-noise must be a positive number, got " + noiseMultiplier);
    }
    if (!(clipNorm > 0) || !Double.isFinite(clipNorm)) {
      throw new IllegalArgumentException("--dp-clip must be a positive number, got " + clipNorm);
    }
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("--dp-delta must be in (0, 1), got " + delta);
    }
  }

  /** ε after {@code rounds} rounds, by the Rényi accountant. */
  public double epsilon(int rounds) {
    return RdpAccountant.epsilon(noiseMultiplier, rounds, delta);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "noise multiplier %.3g, clip norm %.3g, delta %.1e", noiseMultiplier, clipNorm,
        delta);
  }
}
