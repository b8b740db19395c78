package io.flep.workers.cloud;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.workers.aggregation.EncryptedUpdates;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.config.CloudRole;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.ModelRepository;
import io.flep.workers.store.Ref;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.List;
import java.util.Map;

/** Untrusted path: the cloud adds the encrypted updates with the public key only; it never sees a value. */
@CloudRole
public class AggregateEncryptedWorker {
  private final StageRunner runner;
  private final HomomorphicKeys heKeys;
  private final EncryptedUpdates updates;
  private final ArtifactStore artifacts;
  private final ModelRepository models;
  private final FlepProperties properties;

  public AggregateEncryptedWorker(StageRunner runner, HomomorphicKeys heKeys, EncryptedUpdates updates,
      ArtifactStore artifacts, ModelRepository models, FlepProperties properties) {
    this.runner = runner;
    this.heKeys = heKeys;
    this.updates = updates;
    this.artifacts = artifacts;
    this.models = models;
    this.properties = properties;
  }

  @JobWorker(type = JobTypes.AGGREGATE_ENCRYPTED, timeout = 10 * 60 * 1000L)
  public Map<String, Object> aggregate(ActivatedJob job) {
    String cloud = properties.cloud().id();
    return runner.run(job, Stage.AGGREGATE, cloud, () -> {
      JobVariables vars = new JobVariables(job);
      HomomorphicEncryption scheme = heKeys.withPublicKey(vars.ref("heKeyRef")).encryption();
      List<HeCiphertext> ciphertexts = updates.load(scheme, vars.refs("updateRefs"));
      HeCiphertext sum = ciphertexts.get(0);
      for (int i = 1; i < ciphertexts.size(); i++) {
        sum = scheme.add(sum, ciphertexts.get(i));
      }
      Ref aggregate = artifacts.put(vars.runId(), new ArtifactStore.NewArtifact("encrypted-aggregate", cloud,
          "application/vnd.flep.he-ciphertext", sum.toBytes(), "{\"contributors\":" + sum.contributors() + "}"));
      models.record(vars.runId(), vars.round(), "encrypted-aggregate", cloud, aggregate.id());
      return TaskResult.of(
          Map.of("encryptedAggregateRef", aggregate.toVariable()),
          Map.of("path", "untrusted", "contributors", sum.contributors()));
    });
  }
}
