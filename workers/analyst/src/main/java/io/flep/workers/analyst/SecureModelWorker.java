package io.flep.workers.analyst;

import io.flep.workers.config.FlepProperties;
import io.flep.workers.failure.PolicyRefusedException;
import io.flep.workers.policy.OwnMinimums;
import io.flep.workers.policy.RunPolicies;
import io.flep.workers.policy.RunPolicy;
import io.flep.workers.store.Ref;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.workers.aggregation.ContributionLedger;
import io.flep.workers.aggregation.EncryptedUpdates;
import io.flep.exchange.ExchangeRef;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.config.Roles;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.config.AnalystRole;
import io.flep.workers.privacy.DifferentialPrivacy;
import io.flep.workers.privacy.UpdatePrivatizer;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Secure model: the analyst's update (local model minus the round's global model), clipped and noised when the
 * run asks for differential privacy, is encrypted under the IIoT services' homomorphic public key and signed for
 * this run and round with the analyst's identity key. From here on only ciphertexts leave the analyst.
 */
@AnalystRole
public class SecureModelWorker {
  private final StageRunner runner;
  private final HomomorphicKeys heKeys;
  private final ArtifactStore artifacts;
  private final EncryptedUpdates updates;
  private final PartyIdentities identities;
  private final GlobalModels globalModels;
  private final ContributionLedger ledger;
  private final RunPolicies policies;
  private final FlepProperties properties;
  private final SecureRandom random = new SecureRandom();

  public SecureModelWorker(StageRunner runner, HomomorphicKeys heKeys, ArtifactStore artifacts,
      EncryptedUpdates updates, PartyIdentities identities, GlobalModels globalModels, ContributionLedger ledger,
      RunPolicies policies, FlepProperties properties) {
    this.policies = policies;
    this.properties = properties;
    this.ledger = ledger;
    this.updates = updates;
    this.identities = identities;
    this.globalModels = globalModels;
    this.runner = runner;
    this.heKeys = heKeys;
    this.artifacts = artifacts;
  }

  @JobWorker(type = JobTypes.SECURE_MODEL, timeout = 10 * 60 * 1000L)
  public Map<String, Object> secure(ActivatedJob job) {
    JobVariables vars = new JobVariables(job);
    String analystId = AnalystJobs.named(job);
    return runner.run(job, Stage.SECURE_MODEL, analystId, () -> {
      AnalystJobs.analystOf(job);
      RunPolicy policy = policies.of(vars);
      if (!policy.analysts().contains(analystId)) {
        throw new PolicyRefusedException("analyst '" + analystId + "' is not one of the run policy's analysts "
            + policy.analysts() + "; it contributes nothing");
      }
      HomomorphicKeys.Bound he = heKeys.withPublicKey(vars.exchangeRef("heKeyRef"));
      // the key must be the one the IIoT services issued under this very policy, for its analysts and K
      he.requireIssuedUnder(vars.exchangeRef(RunPolicies.VARIABLE).address());
      if (he.policy().minContributors() != policy.minContributors()
          || !he.policy().contributors().equals(policy.analysts())) {
        throw new PolicyRefusedException("the homomorphic key " + he.ref() + " was issued for " + he.policy()
            + ", not for the run policy's analysts " + policy.analysts() + " with K = " + policy.minContributors());
      }
      OwnMinimums.check(policy, he.encryption().keyBits(), properties.policy(), "analyst '" + analystId + "'");
      int round = vars.round();
      if (round < 1 || round > policy.rounds()) {
        throw new PolicyRefusedException("round " + round + " is not one of the run policy's rounds 1.."
            + policy.rounds());
      }
      Ref localModel = vars.ref("localModelRef");
      float[] local = globalModels.decode(artifacts.get(localModel).content());
      float[] current = globalModels.baseOf(vars, round);
      double[] values = new double[local.length];
      for (int i = 0; i < local.length; i++) {
        values[i] = local[i] - current[i];
      }
      Map<String, Object> details = new LinkedHashMap<>();
      Optional<DifferentialPrivacy> dp = policy.differentialPrivacy();
      if (dp.isPresent()) {
        // a share for K contributors: a round is decrypted with at least K updates, whoever misses its deadline
        UpdatePrivatizer.Result p = new UpdatePrivatizer(dp.get())
            .privatize(values, policy.minContributors(), random);
        values = p.update();
        details.put("dpUpdateNorm", p.normBefore());
        details.put("dpClipped", p.clipped());
      }
      byte[] fresh = he.encryption().encrypt(values).toBytes();
      // one contribution per key and round: a second request gets the recorded ciphertext, never a new one
      byte[] recorded = ledger.contribution(he.ref().address(), round, analystId, localModel.id(), fresh);
      HeCiphertext ciphertext = he.encryption().parse(recorded);
      if (!java.util.Arrays.equals(recorded, fresh)) {
        details.put("republished", true);
      }
      // publishing is the analyst's signed statement: this update, for this run, round and key, and no other
      ExchangeRef updateRef = updates.publish(identities.of(analystId, Roles.ANALYST), he, round, ciphertext);
      details.put("plugin", he.schemeId());
      details.put("values", values.length);
      details.put("bytes", ciphertext.toBytes().length);
      details.put("signed", true);
      // the scheme instance is shared by every analyst of this process and key: a running total, not this update's
      details.put("clippedValuesInProcess", he.encryption().clippedValueCount());
      return TaskResult.of(Map.of("updateRef", updateRef.toVariable()), details);
    });
  }
}
