package io.flep.workers.iiot;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.VerifiedObject;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.config.IiotRole;
import io.flep.workers.config.Parties;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.evaluation.PlaintextEvaluation;
import io.flep.workers.learning.ModelEvaluator;
import io.flep.workers.model.FedAvg;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import io.flep.workers.party.Statements;
import io.flep.workers.store.ModelRepository;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Serve, per round: the IIoT services fetch the new global model from the exchange and measure its accuracy on the
 * held-out test set the data owner sealed to them, which no analyst has seen. In evaluation mode
 * ({@link PlaintextEvaluation}: {@code ./flep run}, never a deployment) it also compares the global model with the
 * plain FedAvg of the contributors' local models, handed over in memory.
 */
@IiotRole
public class PublishModelWorker {
  /** The kind of the statement of a published round (what the run report's rounds are made of). */
  public static final String ROUND_RESULT = "round-result";

  private final StageRunner runner;
  private final ModelRepository models;
  private final ModelEvaluator evaluator;
  private final ExchangeObjects exchange;
  private final GlobalModels globalModels;
  private final TestSets testSets;
  private final PartyIdentities identities;
  private final ObjectProvider<PlaintextEvaluation> evaluation;
  private final Statements statements;

  public PublishModelWorker(StageRunner runner, ModelRepository models, ModelEvaluator evaluator,
      ExchangeObjects exchange, GlobalModels globalModels, TestSets testSets, PartyIdentities identities,
      ObjectProvider<PlaintextEvaluation> evaluation, Statements statements) {
    this.statements = statements;
    this.runner = runner;
    this.models = models;
    this.evaluator = evaluator;
    this.exchange = exchange;
    this.globalModels = globalModels;
    this.testSets = testSets;
    this.identities = identities;
    this.evaluation = evaluation;
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
      PartyIdentity me = identities.of(Parties.IIOT_SERVICES, Roles.IIOT);
      List<LabeledImage> test = testSets.images(runId, vars.exchangeRef("testSetRef"), me);
      double accuracy = evaluator.accuracy(global, test);

      Double maxAbsDiff = null;
      Double plaintextAccuracy = null;
      PlaintextEvaluation evaluation = this.evaluation.getIfAvailable();
      if (evaluation != null) {
        List<String> analysts = List.of(published.header().attribute("analysts").split(","));
        Optional<float[]> plainFedAvg = evaluation.plaintextFedAvg(runId, round, analysts);
        if (plainFedAvg.isPresent()) {
          maxAbsDiff = FedAvg.maxAbsDiff(plainFedAvg.get(), global);
          plaintextAccuracy = evaluator.accuracy(plainFedAvg.get(), test);
        }
      }
      String path = vars.stringOr("aggregatedBy", "unknown");
      models.recordRound(runId, new ModelRepository.RoundRow(round, path, accuracy, contributors, maxAbsDiff,
          plaintextAccuracy), null);
      Map<String, Object> fact = new LinkedHashMap<>();
      fact.put("round", round);
      fact.put("path", path);
      fact.put("accuracy", accuracy);
      fact.put("contributors", contributors);
      fact.put("globalModel", globalRef.address());
      fact.put("maxAbsDiff", maxAbsDiff); // evaluation mode only, else null
      fact.put("plaintextAccuracy", plaintextAccuracy);
      statements.publish(me, runId, ROUND_RESULT, Map.of("round", Integer.toString(round)), fact);

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
}
