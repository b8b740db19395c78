package io.flep.workers.privacy;

import io.flep.workers.failure.BadInputException;
import io.flep.workers.task.JobVariables;
import java.util.Optional;

/**
 * Reads a run's differential-privacy settings from its process variables: {@code dpNoiseMultiplier} (absent or 0:
 * off), {@code dpClipNorm} (default {@value #DEFAULT_CLIP_NORM}), {@code dpDelta} (default {@value #DEFAULT_DELTA}).
 */
public final class RunPrivacy {
  public static final double DEFAULT_CLIP_NORM = 1.0;
  public static final double DEFAULT_DELTA = 1e-5;

  private RunPrivacy() {}

  /** @throws BadInputException if a setting is present but out of range */
  public static Optional<DifferentialPrivacy> fromVariables(JobVariables vars) {
    double z = vars.doubleOr("dpNoiseMultiplier", 0);
    if (z == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DifferentialPrivacy(z, vars.doubleOr("dpClipNorm", DEFAULT_CLIP_NORM),
          vars.doubleOr("dpDelta", DEFAULT_DELTA)));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("process variables dpNoiseMultiplier/dpClipNorm/dpDelta: " + e.getMessage(), e);
    }
  }
}
