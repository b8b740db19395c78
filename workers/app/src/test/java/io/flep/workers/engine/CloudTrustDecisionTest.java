package io.flep.workers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.workers.run.RunPolicyRules;
import io.flep.workers.run.RunRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The data owner signs the cloud into a policy's trusted clouds only when its own evaluation of the shipped trust
 * decision says so: in "policy" mode an attestation or jurisdiction claimed by a process variable counts for nothing.
 */
class CloudTrustDecisionTest {
  @Test
  void theShippedTableDecidesOnTheDataOwnersOwnSettings() {
    assertThat(CloudTrustDecision.trusted("trusted", false, "foreign")).isTrue();
    assertThat(CloudTrustDecision.trusted("untrusted", true, "domestic")).isFalse();
    assertThat(CloudTrustDecision.trusted("policy", true, "domestic")).isTrue();
    assertThat(CloudTrustDecision.trusted("policy", false, "domestic")).isFalse();
    assertThat(CloudTrustDecision.trusted("policy", true, "foreign")).isFalse();
  }

  @Test
  void aPolicyRunWithAnUnattestedCloudTrustsNoCloud() {
    RunRequest request = RunRequest.builder().cloudMode("policy").build();
    String cloud = "flep-cloud";
    assertThat(RunPolicyRules.policyFor(request, UUID.randomUUID(), cloud,
        CloudTrustDecision.trusted("policy", false, "domestic")).trustedClouds()).isEmpty();
    assertThat(RunPolicyRules.policyFor(request, UUID.randomUUID(), cloud,
        CloudTrustDecision.trusted("policy", true, "domestic")).trustedClouds()).isEqualTo(List.of(cloud));
  }
}
