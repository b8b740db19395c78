package io.flep.workers.iiot;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.config.IiotRole;
import io.flep.workers.config.Parties;
import io.flep.workers.dataset.GreyImages;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.learning.DigitModel;
import io.flep.workers.learning.ModelEvaluator;
import io.flep.workers.model.FedAvg;
import io.flep.workers.model.ModelCodec;
import io.flep.workers.store.Artifact;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.DatasetRepository;
import io.flep.workers.store.ModelRepository;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.VerifiedObject;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.Roles;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Serve, per round: the IIoT services publish the new global model and measure its accuracy on the held-out
 * split, which no analyst has seen. With {@code flep.verify-against-plaintext} (a single-machine check, off in
 * a real deployment where nobody holds the plaintext updates) it also compares the global model with plain
 * FedAvg of the analysts' local models.
 */
@IiotRole
public class PublishModelWorker {
  private final StageRunner runner;
  private final ArtifactStore artifacts;
  private final DatasetRepository dataset;
  private final ModelRepository models;
  private final ModelEvaluator evaluator;
  private final DigitModel model;
  private final FlepProperties properties;
  private final ExchangeObjects exchange;
  private final GlobalModels globalModels;

  public PublishModelWorker(StageRunner runner, ArtifactStore artifacts, DatasetRepository dataset,
      ModelRepository models, ModelEvaluator evaluator, DigitModel model, FlepProperties properties,
      ExchangeObjects exchange, GlobalModels globalModels) {
    this.exchange = exchange;
    this.globalModels = globalModels;
    this.runner = runner;
    this.artifacts = artifacts;
    this.dataset = dataset;
    this.models = models;
    this.evaluator = evaluator;
    this.model = model;
    this.properties = properties;
  }

  @JobWorker(type = JobTypes.PUBLISH_MODEL, timeout = 10 * 60 * 1000L)
  public Map<String, Object> publish(ActivatedJob job) {
    return runner.run(job, Stage.SERVE, Parties.IIOT_SERVICES, () -> {
      JobVariables vars = new JobVariables(job);
      UUID runId = vars.runId();
      int round = vars.round();
      ExchangeRef globalRef = vars.exchangeRef("globalModelRef");
      VerifiedObject published = exchange.fetch(globalRef, Roles.IIOT, Roles.CLOUD);
      float[] global = globalModels.decode(published.content());
      int contributors = Integer.parseInt(published.header().attribute("contributors"));
      List<LabeledImage> test = testImages(runId);
      double accuracy = evaluator.accuracy(global, test);

      Double maxAbsDiff = null;
      Double plaintextAccuracy = null;
      List<ModelRepository.ModelRow> locals = models.ofRound(runId, round, "local");
      if (properties.verifyAgainstPlaintext() && !locals.isEmpty()) {
        List<float[]> plain = new ArrayList<>();
        for (Artifact local : artifacts.getAll(locals.stream().map(ModelRepository.ModelRow::artifactId).toList())) {
          plain.add(decode(local));
        }
        float[] plainFedAvg = new FedAvg().average(plain);
        maxAbsDiff = FedAvg.maxAbsDiff(plainFedAvg, global);
        plaintextAccuracy = evaluator.accuracy(plainFedAvg, test);
      }
      String path = vars.stringOr("aggregatedBy", "unknown");
      models.recordRound(runId, new ModelRepository.RoundRow(round, path, accuracy, contributors, maxAbsDiff,
          plaintextAccuracy), null);

      Map<String, Object> details = new LinkedHashMap<>();
      details.put("round", round);
      details.put("accuracy", accuracy);
      details.put("path", path);
      if (maxAbsDiff != null) {
        details.put("maxAbsDiffVsPlaintextFedAvg", maxAbsDiff);
        details.put("plaintextAccuracy", plaintextAccuracy);
      }
      return TaskResult.of(Map.of("accuracy", accuracy), details);
    });
  }

  private float[] decode(Artifact artifact) {
    return ModelCodec.decode(artifact.content(), model.architectureId(), model.parameterCount());
  }

  private List<LabeledImage> testImages(UUID runId) {
    List<DatasetRepository.Item> items = dataset.testSplit(runId);
    List<Artifact> pngs = artifacts.getAll(items.stream().map(DatasetRepository.Item::plainArtifactId).toList());
    List<LabeledImage> images = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      images.add(GreyImages.decode(pngs.get(i).content(), items.get(i).label(), "item " + items.get(i).index()));
    }
    return images;
  }
}
