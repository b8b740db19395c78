package io.flep.workers.analyst;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.config.AnalystRole;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.evaluation.PlaintextEvaluation;
import org.springframework.beans.factory.ObjectProvider;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.config.Roles;
import io.flep.workers.learning.DigitModel;
import io.flep.workers.learning.LocalTrainer;
import io.flep.workers.learning.TrainingOptions;
import io.flep.workers.model.ModelCodec;
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
import java.util.UUID;
import io.flep.workers.policy.RunPolicies;

/**
 * Analyze, part 2: local training from the current global model on the analyst's decrypted shard. Round 1
 * starts every analyst from the same seeded initialisation, as federated averaging requires.
 */
@AnalystRole
public class TrainWorker {
  private final StageRunner runner;
  private final AnalystWorkspace workspace;
  private final ShardDecryptor decryptor;
  private final ArtifactStore artifacts;
  private final ModelRepository models;
  private final LocalTrainer trainer;
  private final DigitModel model;
  private final FlepProperties properties;
  private final HomomorphicKeys heKeys;
  private final GlobalModels globalModels;
  private final PartyIdentities identities;
  private final ObjectProvider<PlaintextEvaluation> evaluation;

  private final RunPolicies policies;

  public TrainWorker(StageRunner runner, AnalystWorkspace workspace, ShardDecryptor decryptor, ArtifactStore artifacts,
      ModelRepository models, LocalTrainer trainer, DigitModel model, FlepProperties properties,
      HomomorphicKeys heKeys, GlobalModels globalModels, PartyIdentities identities,
      ObjectProvider<PlaintextEvaluation> evaluation, RunPolicies policies) {
    this.policies = policies;
    this.identities = identities;
    this.evaluation = evaluation;
    this.heKeys = heKeys;
    this.globalModels = globalModels;
    this.runner = runner;
    this.workspace = workspace;
    this.decryptor = decryptor;
    this.artifacts = artifacts;
    this.models = models;
    this.trainer = trainer;
    this.model = model;
    this.properties = properties;
  }

  @JobWorker(type = JobTypes.TRAIN, timeout = 30 * 60 * 1000L)
  public Map<String, Object> train(ActivatedJob job) {
    JobVariables vars = new JobVariables(job);
    String analystId = AnalystJobs.named(job);
    return runner.run(job, Stage.ANALYZE, analystId, () -> {
      AnalystJobs.analystOf(job);
      UUID runId = vars.runId();
      int round = vars.round();
      long seed = vars.longOr("seed", 42);
      // the update is encrypted next: let the scheme precompute its randomness while the model trains
      heKeys.withPublicKey(vars.exchangeRef("heKeyRef")).encryption().prepareEncryptions(model.parameterCount());
      List<LabeledImage> shard = workspace.get(runId, analystId).orElse(null);
      if (shard == null) {
        shard = decryptor.decrypt(runId, identities.of(analystId, Roles.ANALYST),
            vars.exchangeRefIn("dataKeyEnvelopeRefs", analystId));
        workspace.put(runId, analystId, shard);
      }
      float[] global = globalModels.current(vars);
      FlepProperties.Training training = properties.training();
      TrainingOptions options = TrainingOptions.builder()
          .epochs(training.epochs())
          .batchSize(training.batchSize())
          .learningRate(training.learningRate())
          .seed(seed * 1_000_003L + round * 101L + AnalystShards.shardOf(policies.of(vars), analystId))
          .build();
      float[] local = trainer.train(global, shard, options);
      PlaintextEvaluation evaluator = evaluation.getIfAvailable();
      if (evaluator != null) {
        evaluator.localModel(runId, round, analystId, local); // in memory, evaluation mode only
      }
      Ref localRef = artifacts.put(runId, new ArtifactStore.NewArtifact("local-model", analystId,
          "application/vnd.flep.model", ModelCodec.encode(model.architectureId(), local), null));
      models.record(runId, round, "local", analystId, localRef.id());
      // the plaintext local model stays in this analyst's store only as long as its own retention says
      models.deleteOlderThan("local", analystId, training.localModelRetention(), runId, round);
      return TaskResult.of(Map.of("localModelRef", localRef.toVariable()),
          Map.of("images", shard.size(), "epochs", training.epochs()));
    });
  }
}
