package io.flep.workers.iiot;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicScheme;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.config.IiotRole;
import io.flep.workers.dataowner.Parties;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.IntegrityViolationException;
import io.flep.workers.store.Ref;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.security.GeneralSecurityException;
import java.util.Map;

/** Untrusted path: the key-holding IIoT services decrypt only the aggregate, never a single update. */
@IiotRole
public class DecryptAggregateWorker {
  private final StageRunner runner;
  private final HomomorphicKeys heKeys;
  private final ArtifactStore artifacts;
  private final GlobalModels globalModels;

  public DecryptAggregateWorker(StageRunner runner, HomomorphicKeys heKeys, ArtifactStore artifacts,
      GlobalModels globalModels) {
    this.runner = runner;
    this.heKeys = heKeys;
    this.artifacts = artifacts;
    this.globalModels = globalModels;
  }

  @JobWorker(type = "flep.iiot.decrypt-aggregate", timeout = 10 * 60 * 1000L)
  public Map<String, Object> decrypt(ActivatedJob job) {
    return runner.run(job, Stage.AGGREGATE, Parties.IIOT_SERVICES, () -> {
      JobVariables vars = new JobVariables(job);
      HomomorphicScheme scheme = heKeys.withSecretKey(vars.ref("heKeyRef"), Parties.IIOT_SERVICES).scheme();
      HeCiphertext aggregate;
      try {
        aggregate = scheme.parse(artifacts.get(vars.ref("encryptedAggregateRef")).content());
      } catch (GeneralSecurityException e) {
        throw new IntegrityViolationException("the encrypted aggregate is not valid under the run's key: "
            + e.getMessage(), e);
      }
      double[] sum = scheme.decrypt(aggregate);
      Ref global = globalModels.storeAverage(vars.runId(), vars.round(), Parties.IIOT_SERVICES, sum,
          aggregate.contributors());
      return TaskResult.of(
          Map.of("globalModelRef", global.toVariable(), "aggregatedBy", "untrusted"),
          Map.of("path", "untrusted", "contributors", aggregate.contributors()));
    });
  }
}
