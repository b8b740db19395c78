package io.flep.workers.aggregation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules the holder of a homomorphic key enforces before it decrypts: only aggregates of at least
 * {@code minContributors} distinct {@code contributors}, each contribution signed for the current round, at most
 * one decryption per round. Published with the key as attributes of its signed exchange object, so every decryptor
 * (the IIoT services, a trusted cloud, each share holder) enforces the same rules.
 */
public record AggregationPolicy(int minContributors, List<String> contributors) {
  static final String MIN_CONTRIBUTORS = "minContributors";
  static final String CONTRIBUTORS = "contributors";

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
    for (String c : contributors) {
      if (c.contains(",")) {
        throw new IllegalArgumentException("an analyst id cannot contain ',': " + c);
      }
    }
  }

  public Map<String, String> toAttributes() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(MIN_CONTRIBUTORS, Integer.toString(minContributors));
    attributes.put(CONTRIBUTORS, String.join(",", contributors));
    return attributes;
  }

  /** @throws IllegalArgumentException if the attributes hold no valid policy */
  static AggregationPolicy fromAttributes(Map<String, String> attributes) {
    String min = attributes.get(MIN_CONTRIBUTORS);
    String contributors = attributes.get(CONTRIBUTORS);
    if (min == null || contributors == null) {
      throw new IllegalArgumentException("no aggregation policy");
    }
    return new AggregationPolicy(Integer.parseInt(min), Arrays.asList(contributors.split(",")));
  }
}
