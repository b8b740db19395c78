package io.flep.workers.aggregation;

import java.util.List;

/**
 * The rules the holder of a homomorphic key enforces before it decrypts: only aggregates of at least
 * {@code minContributors} distinct {@code contributors}, each contribution signed for the current round, at most
 * one decryption per round.
 */
public record AggregationPolicy(int minContributors, List<String> contributors) {

  /** @throws IllegalArgumentException naming the setting that cannot work */
  public AggregationPolicy {
    contributors = List.copyOf(contributors);
    if (minContributors < 1) {
      throw new IllegalArgumentException("minContributors must be at least 1, got " + minContributors);
    }
    if (minContributors > contributors.size()) {
      throw new IllegalArgumentException("minContributors is " + minContributors + " but only "
          + contributors.size() + " analysts can contribute; lower minContributors or add analysts");
    }
  }
}
