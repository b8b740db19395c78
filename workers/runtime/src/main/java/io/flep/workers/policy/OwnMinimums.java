package io.flep.workers.policy;

import io.flep.workers.config.FlepProperties;
import io.flep.workers.failure.PolicyRefusedException;

/** A party's own floor under any run policy ({@code flep.policy.*}): it refuses to act below it. */
public final class OwnMinimums {
  private OwnMinimums() {}

  /**
   * @param keyBits the size of the run's homomorphic key, as the key itself says
   * @throws PolicyRefusedException naming the rule and this party's setting
   */
  public static void check(RunPolicy policy, int keyBits, FlepProperties.PolicyMinimums own, String party) {
    if (policy.minContributors() < own.minimumContributors()) {
      throw new PolicyRefusedException("policy rule: " + party + " requires at least " + own.minimumContributors()
          + " contributors (flep.policy.minimum-contributors) but the run policy says " + policy.minContributors());
    }
    int floor = Math.max(RunPolicy.MIN_HE_KEY_BITS, own.minimumHeKeyBits());
    if (keyBits < floor) {
      throw new PolicyRefusedException("policy rule: " + party + " accepts homomorphic keys of at least " + floor
          + " bits, the run's key has " + keyBits);
    }
  }
}
