package io.flep.workers.iiot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.config.IiotRole;
import io.flep.workers.config.Parties;
import io.flep.exchange.ExchangeRef;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.config.Roles;
import io.flep.workers.store.ModelRepository;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Serve, at the end: the final global model is handed to the IIoT services that use it — written to
 * {@code <dataDir>/served/<runId>/} with a model card, where a device gateway picks it up.
 */
@IiotRole
public class TriggerServicesWorker {
  private final StageRunner runner;
  private final ExchangeObjects exchange;
  private final ModelRepository models;
  private final FlepProperties properties;
  private final ObjectMapper json;

  public TriggerServicesWorker(StageRunner runner, ExchangeObjects exchange, ModelRepository models,
      FlepProperties properties, ObjectMapper json) {
    this.runner = runner;
    this.exchange = exchange;
    this.models = models;
    this.properties = properties;
    this.json = json;
  }

  @JobWorker(type = JobTypes.TRIGGER_SERVICES)
  public Map<String, Object> trigger(ActivatedJob job) {
    return runner.run(job, Stage.SERVE, Parties.IIOT_SERVICES, () -> {
      JobVariables vars = new JobVariables(job);
      UUID runId = vars.runId();
      ExchangeRef globalRef = vars.exchangeRef("globalModelRef");
      byte[] model = exchange.fetch(globalRef, Roles.IIOT, Roles.CLOUD).content();
      List<ModelRepository.RoundRow> rounds = models.rounds(runId);
      Path dir = properties.dataDir().resolve("served").resolve(runId.toString());
      Files.createDirectories(dir);
      Files.write(dir.resolve("global-model.flepm"), model);
      Map<String, Object> card = new LinkedHashMap<>();
      card.put("runId", runId.toString());
      card.put("modelSha256", io.flep.exchange.Sha256.hex(model));
      card.put("exchangeAddress", globalRef.address());
      card.put("rounds", rounds.size());
      card.put("accuracy", rounds.isEmpty() ? null : rounds.get(rounds.size() - 1).accuracy());
      Files.writeString(dir.resolve("model-card.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(card));
      return TaskResult.of(Map.of("servedModelRef", globalRef.toVariable()), Map.of("servedTo", dir.toString()));
    });
  }
}
