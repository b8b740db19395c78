package io.flep.workers.privacy;

/**
 * The defaults of a run's differential-privacy settings; the settings themselves are part of the signed run policy
 * ({@code io.flep.workers.policy.RunPolicy#privacy}), never process variables.
 */
public final class RunPrivacy {
  public static final double DEFAULT_CLIP_NORM = 1.0;
  public static final double DEFAULT_DELTA = 1e-5;

  private RunPrivacy() {}
}
