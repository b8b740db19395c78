package io.flep.workers.analyst;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.workers.aggregation.ContributionSigner;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.config.AnalystRole;
import io.flep.workers.learning.ModelCodec;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.ModelRepository;
import io.flep.workers.store.Ref;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.Map;
import java.util.UUID;

/**
 * Secure model: the analyst encrypts its local model under the IIoT services' homomorphic public key and signs
 * the ciphertext for this run and round with its identity key. From here on only ciphertexts leave the analyst.
 */
@AnalystRole
public class SecureModelWorker {
  private final StageRunner runner;
  private final HomomorphicKeys heKeys;
  private final ArtifactStore artifacts;
  private final ModelRepository models;
  private final ContributionSigner signer;

  public SecureModelWorker(StageRunner runner, HomomorphicKeys heKeys, ArtifactStore artifacts,
      ModelRepository models, ContributionSigner signer) {
    this.signer = signer;
    this.runner = runner;
    this.heKeys = heKeys;
    this.artifacts = artifacts;
    this.models = models;
  }

  @JobWorker(type = "flep.analyst.secure-model", timeout = 10 * 60 * 1000L)
  public Map<String, Object> secure(ActivatedJob job) {
    JobVariables vars = new JobVariables(job);
    String analystId = vars.string("analystId");
    return runner.run(job, Stage.SECURE_MODEL, analystId, () -> {
      UUID runId = vars.runId();
      Ref heKeyRef = vars.ref("heKeyRef");
      HomomorphicKeys.Bound he = heKeys.withPublicKey(heKeyRef);
      float[] local = ModelCodec.decode(artifacts.get(vars.ref("localModelRef")).content());
      double[] values = new double[local.length];
      for (int i = 0; i < local.length; i++) {
        values[i] = local[i];
      }
      HeCiphertext ciphertext = he.scheme().encrypt(values);
      Ref updateRef = artifacts.put(runId, new ArtifactStore.NewArtifact("encrypted-update", analystId,
          "application/vnd.flep.he-ciphertext", ciphertext.toBytes(),
          "{\"scheme\":\"" + he.schemeId() + "\"}"));
      signer.sign(runId, vars.round(), analystId, heKeyRef.id(), updateRef);
      models.record(runId, vars.round(), "encrypted-update", analystId, updateRef.id());
      return TaskResult.of(Map.of("updateRef", updateRef.toVariable()),
          Map.of("plugin", he.schemeId(), "values", values.length, "bytes", updateRef.size(), "signed", true));
    });
  }
}
