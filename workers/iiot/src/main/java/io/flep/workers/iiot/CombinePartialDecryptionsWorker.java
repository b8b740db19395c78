package io.flep.workers.iiot;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.aggregation.SecureAggregator;
import io.flep.workers.config.IiotRole;
import io.flep.workers.config.Parties;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.Ref;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Threshold path: the IIoT services combine the share holders' partial decryptions of the round's aggregate
 * (those that completed; the others are null in {@code partialDecryptionRefs}) into the new global model. Needs no
 * secret.
 */
@IiotRole
public class CombinePartialDecryptionsWorker {
  private final StageRunner runner;
  private final SecureAggregator aggregator;
  private final ArtifactStore artifacts;
  private final GlobalModels globalModels;

  public CombinePartialDecryptionsWorker(StageRunner runner, SecureAggregator aggregator, ArtifactStore artifacts,
      GlobalModels globalModels) {
    this.runner = runner;
    this.aggregator = aggregator;
    this.artifacts = artifacts;
    this.globalModels = globalModels;
  }

  @JobWorker(type = JobTypes.COMBINE_PARTIAL_DECRYPTIONS, timeout = 10 * 60 * 1000L)
  public Map<String, Object> combine(ActivatedJob job) {
    return runner.run(job, Stage.AGGREGATE, Parties.IIOT_SERVICES, () -> {
      JobVariables vars = new JobVariables(job);
      List<byte[]> partials = new ArrayList<>();
      for (Ref ref : vars.refsSkippingNulls("partialDecryptionRefs")) {
        partials.add(artifacts.get(ref).content());
      }
      SecureAggregator.DecryptedSum round = aggregator.combineRound(vars.runId(), vars.round(), vars.ref("heKeyRef"),
          vars.refs("updateRefs"), vars.ref("encryptedAggregateRef"), partials);
      Ref global = globalModels.storeUpdated(vars.runId(), vars.round(), Parties.IIOT_SERVICES,
          globalModels.current(vars), round.sum(), round.contributors());
      return TaskResult.of(
          Map.of("globalModelRef", global.toVariable(), "aggregatedBy", "threshold"),
          Map.of("path", "threshold", "contributors", round.contributors(), "partialDecryptions", partials.size()));
    });
  }
}
