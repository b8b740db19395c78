package io.flep.plugin.api.he;

import io.flep.plugin.api.param.IntegerParameter;
import io.flep.plugin.api.param.Parameter;

/**
 * Key-generation parameters with one meaning across homomorphic schemes, so that a host can fill them from what it
 * knows of the federation (how many analysts contribute, how many parties hold key shares) without parsing any
 * scheme's own option names. A scheme declares those of them it supports in
 * {@link HomomorphicSchemeProvider#parameters()}.
 */
public final class HeParameters {
  /** Most fresh encryptions (weights counted) one ciphertext may sum; the scheme reserves headroom for them. */
  public static final IntegerParameter MAX_CONTRIBUTORS = Parameter.integer("maxContributors")
      .range(1, 1 << 20).defaultValue(64)
      .description("most updates (weights counted) one ciphertext may sum; sets the headroom of each slot");

  /** Share holders needed to decrypt a threshold key; 0 for an ordinary key. */
  public static final IntegerParameter THRESHOLD = Parameter.integer("threshold")
      .range(2, 16).orValue(0, "no threshold key").defaultValue(0)
      .description("share holders needed to decrypt (t of a t-of-n threshold key); 0 for an ordinary key")
      .securityRelevant();

  /** Parties a threshold key is dealt to. */
  public static final IntegerParameter SHAREHOLDERS = Parameter.integer("shareholders")
      .range(2, 16).defaultValue(3)
      .description("parties a threshold key is dealt to (n of a t-of-n threshold key)")
      .securityRelevant();

  private HeParameters() {}
}
