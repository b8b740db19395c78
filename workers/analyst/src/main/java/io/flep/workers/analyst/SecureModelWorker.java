package io.flep.workers.analyst;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.workers.aggregation.ContributionLedger;
import io.flep.workers.aggregation.EncryptedUpdates;
import io.flep.exchange.ExchangeRef;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.Roles;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.config.AnalystRole;
import io.flep.workers.privacy.DifferentialPrivacy;
import io.flep.workers.privacy.RunPrivacy;
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
  private final SecureRandom random = new SecureRandom();

  public SecureModelWorker(StageRunner runner, HomomorphicKeys heKeys, ArtifactStore artifacts,
      EncryptedUpdates updates, PartyIdentities identities, GlobalModels globalModels, ContributionLedger ledger) {
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
      HomomorphicKeys.Bound he = heKeys.withPublicKey(vars.exchangeRef("heKeyRef"));
      float[] local = globalModels.decode(artifacts.get(vars.ref("localModelRef")).content());
      float[] current = globalModels.current(vars);
      double[] values = new double[local.length];
      for (int i = 0; i < local.length; i++) {
        values[i] = local[i] - current[i];
      }
      Map<String, Object> details = new LinkedHashMap<>();
      Optional<DifferentialPrivacy> dp = RunPrivacy.fromVariables(vars);
      if (dp.isPresent()) {
        UpdatePrivatizer.Result p = new UpdatePrivatizer(dp.get())
            .privatize(values, vars.strings("analysts").size(), random);
        values = p.update();
        details.put("dpUpdateNorm", p.normBefore());
        details.put("dpClipped", p.clipped());
      }
      byte[] fresh = he.encryption().encrypt(values).toBytes();
      // one contribution per key and round: a second request gets the recorded ciphertext, never a new one
      byte[] recorded = ledger.contribution(he.ref().address(), vars.round(), analystId, fresh);
      HeCiphertext ciphertext = he.encryption().parse(recorded);
      if (!java.util.Arrays.equals(recorded, fresh)) {
        details.put("republished", true);
      }
      // publishing is the analyst's signed statement: this update, for this run, round and key, and no other
      ExchangeRef updateRef = updates.publish(identities.of(analystId, Roles.ANALYST), he, vars.round(), ciphertext);
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
