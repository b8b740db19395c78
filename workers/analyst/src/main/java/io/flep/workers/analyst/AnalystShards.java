package io.flep.workers.analyst;

import io.flep.workers.failure.PolicyRefusedException;
import io.flep.workers.policy.PolicyRuleException;
import io.flep.workers.policy.RunPolicy;

/** Which shard belongs to which analyst: the analyst's position among the run policy's analysts. */
final class AnalystShards {
  private AnalystShards() {}

  static int shardOf(RunPolicy policy, String analystId) {
    try {
      return policy.shardOf(analystId);
    } catch (PolicyRuleException e) {
      throw new PolicyRefusedException(e.getMessage(), e);
    }
  }
}
