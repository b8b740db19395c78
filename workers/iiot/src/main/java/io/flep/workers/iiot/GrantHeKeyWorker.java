package io.flep.workers.iiot;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.PartyCredential;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.config.IiotRole;
import io.flep.workers.config.Parties;
import io.flep.workers.failure.KeyAccessDeniedException;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.Arrays;
import java.util.Map;
import io.flep.workers.policy.RunPolicies;
import io.flep.workers.policy.RunPolicy;

/**
 * Trusted path only: the IIoT services seal the homomorphic secret key to the trusted cloud's X25519 key, bound to
 * the run, the key and the cloud. A cloud that is not a registered trusted partner gets nothing (BPMN error
 * {@code untrusted-party}) and aggregates ciphertexts instead.
 */
@IiotRole
public class GrantHeKeyWorker {
  private final StageRunner runner;
  private final HomomorphicKeys heKeys;
  private final ExchangeObjects exchange;
  private final PartyIdentities identities;
  private final FlepProperties properties;

  private final RunPolicies policies;

  public GrantHeKeyWorker(StageRunner runner, HomomorphicKeys heKeys, ExchangeObjects exchange, PartyIdentities identities,
      FlepProperties properties, RunPolicies policies) {
    this.policies = policies;
    this.runner = runner;
    this.heKeys = heKeys;
    this.exchange = exchange;
    this.identities = identities;
    this.properties = properties;
  }

  @JobWorker(type = JobTypes.GRANT_HE_KEY)
  public Map<String, Object> grant(ActivatedJob job) {
    return runner.run(job, Stage.AGGREGATE, Parties.IIOT_SERVICES, () -> {
      JobVariables vars = new JobVariables(job);
      RunPolicy policy = policies.of(vars);
      String cloud = policy.cloud();
      // both must agree: the run's signed policy and this party's own list of partners it trusts with a secret key
      if (!policy.trusts(cloud)) {
        throw new KeyAccessDeniedException("cloud '" + cloud + "' is not a trusted cloud of the run policy (trusted: "
            + policy.trustedClouds() + "); it gets no key and aggregates ciphertexts instead");
      }
      if (!properties.cloud().trustedPartners().contains(cloud)) {
        throw new KeyAccessDeniedException("cloud '" + cloud + "' is not one of the IIoT services' trusted partners"
            + " (flep.cloud.trusted-partners: " + properties.cloud().trustedPartners() + "); it gets no key and"
            + " aggregates ciphertexts instead");
      }
      PartyIdentity me = identities.of(Parties.IIOT_SERVICES, Roles.IIOT);
      ExchangeRef heKeyRef = vars.exchangeRef("heKeyRef");
      HomomorphicKeys.Bound bound = heKeys.withPublicKey(heKeyRef);
      bound.requireIssuedUnder(vars.exchangeRef(RunPolicies.VARIABLE).address());
      KeyMaterial key = heKeys.issuerSecret(bound, me);
      PartyCredential recipient = exchange.credentialOf(cloud, Roles.CLOUD);
      byte[] secret = key.serializeSecret(SecretAccess.get());
      try {
        byte[] box = exchange.seal(recipient, vars.runId(), heKeyRef.address(), HomomorphicKeys.SECRET_KEY_PURPOSE,
            secret);
        ExchangeRef sealed = exchange.publish(me, vars.runId(), ExchangeKinds.HE_SECRET_KEY,
            Map.of(HomomorphicKeys.HE_KEY, heKeyRef.address(), "recipient", cloud), box);
        return TaskResult.of(Map.of("heSecretKeyRef", sealed.toVariable()), Map.of("sealedTo", cloud));
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    });
  }
}
