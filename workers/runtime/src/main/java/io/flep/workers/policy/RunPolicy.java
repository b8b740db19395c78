package io.flep.workers.policy;

import io.flep.workers.privacy.DifferentialPrivacy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a run may do, signed by the data owner and published in the exchange before the run starts: who takes part,
 * how many must contribute before an aggregate is decrypted, which clouds may ever hold a secret key, which ciphers
 * and parameters, the DP settings and the number of rounds. Every party verifies it before acting and acts only
 * within it; process variables steer the model but never change it. The IIoT services countersign its HE part by
 * issuing the run's HE key under it (the key object names the policy's address and is signed by them).
 *
 * @param analysts          the analysts that may contribute, in shard order
 * @param minContributors   K: no aggregate of fewer analysts' updates is ever decrypted; at least {@link #MIN_K}
 * @param rounds            federated rounds at most
 * @param roundDeadline     how long a round waits for the analysts' updates (ISO-8601 duration, e.g. {@code PT10M}):
 *                          a round closes once every analyst has contributed, or when this has passed since it started
 *                          with at least K contributions; the analysts that missed it are skipped for that round.
 *                          Fewer than K by then refuses the round. Null in a policy signed before it existed: the
 *                          default {@value #DEFAULT_ROUND_DEADLINE}
 * @param cloud             the AI cloud party that aggregates
 * @param cloudMode         trusted | untrusted | policy (how the trust decision is made)
 * @param trustedClouds     the clouds that may receive the HE secret key; empty by default
 * @param dataCipher        the data-cipher plugin (the data owner names the default when the run chooses none)
 * @param heScheme          the homomorphic scheme plugin (likewise)
 * @param privacy           DP-FedAvg settings, or null for none
 * @param reproduction      the run reproduces the paper: ciphers marked {@code not-secure} are allowed, and every
 *                          report and log line says so
 */
public record RunPolicy(
    UUID runId,
    List<String> analysts,
    int minContributors,
    int rounds,
    String roundDeadline,
    String cloud,
    String cloudMode,
    List<String> trustedClouds,
    String dataCipher,
    Map<String, String> dataCipherOptions,
    String heScheme,
    Map<String, String> heSchemeOptions,
    DifferentialPrivacy privacy,
    boolean reproduction) {

  /** K is never below two: with one contributor, whoever decrypts the aggregate reads that analyst's update. */
  public static final int MIN_K = 2;
  /** The default K. */
  public static final int DEFAULT_K = 3;
  /** The smallest homomorphic key (modulus) any party accepts. */
  public static final int MIN_HE_KEY_BITS = 2048;
  public static final List<String> CLOUD_MODES = List.of("trusted", "untrusted", "policy");
  /** How long a round waits for the analysts by default. */
  public static final String DEFAULT_ROUND_DEADLINE = "PT10M";

  /** @throws PolicyRuleException naming the rule that is broken */
  public RunPolicy {
    if (runId == null) {
      throw new PolicyRuleException("a run policy names its run");
    }
    analysts = List.copyOf(analysts);
    if (analysts.isEmpty() || new HashSet<>(analysts).size() != analysts.size()) {
      throw new PolicyRuleException("a run policy lists its analysts once each, at least one: " + analysts);
    }
    if (minContributors < MIN_K) {
      throw new PolicyRuleException("minimum contributors is " + minContributors + ", below " + MIN_K
          + ": with one contributor the key holder reads that analyst's update");
    }
    if (minContributors > analysts.size()) {
      throw new PolicyRuleException("minimum contributors is " + minContributors + " but the run has only "
          + analysts.size() + " analyst" + (analysts.size() == 1 ? "" : "s")
          + ": no aggregate would ever be decrypted; add analysts or lower --min-contributors (at least " + MIN_K + ")");
    }
    if (rounds < 1) {
      throw new PolicyRuleException("a run has at least one round, got " + rounds);
    }
    roundDeadline = roundDeadline == null ? DEFAULT_ROUND_DEADLINE
        : parseRoundDeadline(roundDeadline, "the round deadline").toString();
    if (!CLOUD_MODES.contains(cloudMode)) {
      throw new PolicyRuleException("cloud mode must be one of " + CLOUD_MODES + ", got '" + cloudMode + "'");
    }
    trustedClouds = List.copyOf(trustedClouds);
    if ("trusted".equals(cloudMode) && !trustedClouds.contains(cloud)) {
      throw new PolicyRuleException("cloud mode 'trusted' needs the cloud '" + cloud + "' among the policy's trusted"
          + " clouds");
    }
    dataCipherOptions = Map.copyOf(new TreeMap<>(dataCipherOptions == null ? Map.of() : dataCipherOptions));
    heSchemeOptions = Map.copyOf(new TreeMap<>(heSchemeOptions == null ? Map.of() : heSchemeOptions));
  }

  /**
   * A round deadline as a duration.
   *
   * @param what how an error names it (a policy's field, a command-line flag)
   * @throws PolicyRuleException unless it is a positive ISO-8601 duration
   */
  public static Duration parseRoundDeadline(String text, String what) {
    Duration deadline;
    try {
      deadline = Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new PolicyRuleException(what + " must be an ISO-8601 duration such as PT10M, PT90S or PT1H30M, got '"
          + text + "'");
    }
    requirePositive(deadline, what);
    return deadline;
  }

  /** @throws PolicyRuleException unless {@code deadline} is positive */
  public static void requirePositive(Duration deadline, String what) {
    if (deadline.isNegative() || deadline.isZero()) {
      throw new PolicyRuleException(what + " must be positive, got " + deadline
          + ": a round that closes at once takes no analyst's update");
    }
  }

  /** How long a round waits for the analysts' updates. */
  public Duration roundDeadlineDuration() {
    return Duration.parse(roundDeadline);
  }

  public Optional<DifferentialPrivacy> differentialPrivacy() {
    return Optional.ofNullable(privacy);
  }

  /** The analyst's position among the run's analysts: its shard. */
  public int shardOf(String analystId) {
    int shard = analysts.indexOf(analystId);
    if (shard < 0) {
      throw new PolicyRuleException("analyst '" + analystId + "' is not one of the run's analysts " + analysts);
    }
    return shard;
  }

  /** Whether {@code cloudId} may receive the HE secret key under this policy. */
  public boolean trusts(String cloudId) {
    return trustedClouds.contains(cloudId);
  }
}
