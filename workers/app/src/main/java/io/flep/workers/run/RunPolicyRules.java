package io.flep.workers.run;

import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.policy.PolicyRuleException;
import io.flep.workers.policy.RunPolicy;
import io.flep.workers.task.PluginDefaults;
import java.util.List;
import java.util.UUID;

/**
 * How the data owner turns a run request into the policy it signs, and the rules it checks first so that a request
 * the parties would refuse fails at once, with one line naming the rule: K at least two, a cipher marked
 * {@code not-secure} only with the reproduction flag, homomorphic keys of at least 2048 bits.
 */
public final class RunPolicyRules {
  private RunPolicyRules() {}

  /** @throws PolicyRuleException naming the rule the request breaks */
  public static void check(RunRequest request, PluginRegistry plugins) {
    String cipherId = request.dataCipher() != null ? request.dataCipher() : PluginDefaults.DATA_CIPHER;
    plugins.descriptor(cipherId).filter(PluginDescriptor::notSecure).ifPresent(notSecure -> {
      if (!request.reproduction()) {
        throw new PolicyRuleException("data cipher " + cipherId + " is marked not-secure; it is allowed only to"
            + " reproduce the paper, with --reproduction (./flep plugins says why it is not secure)");
      }
    });
    String keyBits = request.heSchemeOptions().get("keyBits");
    if (keyBits != null && keyBits.matches("\\d{1,6}") && Integer.parseInt(keyBits) < RunPolicy.MIN_HE_KEY_BITS) {
      throw new PolicyRuleException("homomorphic keys of " + keyBits + " bits are refused; at least "
          + RunPolicy.MIN_HE_KEY_BITS);
    }
    if (Boolean.parseBoolean(request.heSchemeOptions().getOrDefault("allowWeakKeys", "false"))) {
      throw new PolicyRuleException("heScheme option allowWeakKeys is refused: homomorphic keys are at least "
          + RunPolicy.MIN_HE_KEY_BITS + " bits");
    }
  }

  /**
   * The policy of run {@code runId}, aggregated by {@code cloud}.
   *
   * @param cloudTrusted the data owner's own trust decision ({@link CloudTrustDecision}) for this run's cloud mode
   */
  public static RunPolicy policyFor(RunRequest request, UUID runId, String cloud, boolean cloudTrusted) {
    // the cloud may hold the secret key only when the data owner's own evaluation of the trust decision says so
    List<String> trusted = cloudTrusted ? List.of(cloud) : List.of();
    // the policy names both plugins, defaults included: what the parties use is exactly what the data owner signed
    String dataCipher = request.dataCipher() != null ? request.dataCipher() : PluginDefaults.DATA_CIPHER;
    String heScheme = request.heScheme() != null ? request.heScheme() : PluginDefaults.HE_SCHEME;
    return new RunPolicy(runId, request.analystIds(), request.minContributors(), request.rounds(),
        request.roundDeadline().toString(), cloud,
        request.cloudMode(), trusted, dataCipher, request.dataCipherOptions(), heScheme,
        request.heSchemeOptions(), request.differentialPrivacy().orElse(null), request.reproduction());
  }
}
