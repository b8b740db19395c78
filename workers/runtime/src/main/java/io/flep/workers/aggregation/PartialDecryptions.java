package io.flep.workers.aggregation;

import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.ModelRepository;
import io.flep.workers.store.Ref;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The task body every share holder runs for BPMN task *Partial decryption* (job type
 * {@code flep.<role>.partial-decrypt}): verify the round under the secure-aggregation rules, partially decrypt the
 * cloud's aggregate with the party's own share, store the result in the private database.
 */
@Component
public class PartialDecryptions {
  private final StageRunner runner;
  private final SecureAggregator aggregator;
  private final ArtifactStore artifacts;
  private final ModelRepository models;

  public PartialDecryptions(StageRunner runner, SecureAggregator aggregator, ArtifactStore artifacts,
      ModelRepository models) {
    this.runner = runner;
    this.aggregator = aggregator;
    this.artifacts = artifacts;
    this.models = models;
  }

  public Map<String, Object> partiallyDecrypt(ActivatedJob job, String party) {
    return runner.run(job, Stage.AGGREGATE, party, () -> {
      JobVariables vars = new JobVariables(job);
      SecureAggregator.PartialDecryption partial = aggregator.partialDecryptRound(vars.runId(), vars.round(),
          vars.ref("heKeyRef"), vars.refs("updateRefs"), vars.ref("encryptedAggregateRef"), party);
      Ref ref = artifacts.put(vars.runId(), new ArtifactStore.NewArtifact("partial-decryption", party,
          "application/vnd.flep.he-partial-decryption", partial.bytes(), null));
      models.record(vars.runId(), vars.round(), "partial-decryption", party, ref.id());
      return TaskResult.of(Map.of("partialDecryptionRef", ref.toVariable()),
          Map.of("shareholder", party, "contributors", partial.analysts().size()));
    });
  }
}
