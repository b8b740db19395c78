package io.flep.workers.cloud;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.aggregation.SecureAggregator;
import io.flep.workers.config.CloudRole;
import io.flep.workers.config.FlepProperties;
import io.flep.exchange.ExchangeRef;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.Map;
import java.util.Optional;

/**
 * Trusted path: the trusted cloud, granted the key, adds the round's signed updates and decrypts the sum once to
 * average it (FedAvg). Holding the key does not exempt it from the {@link SecureAggregator} rules: it never
 * decrypts a single update.
 */
@CloudRole
public class DecryptAndAverageWorker {
  private final StageRunner runner;
  private final SecureAggregator aggregator;
  private final GlobalModels globalModels;
  private final FlepProperties properties;
  private final PartyIdentities identities;

  public DecryptAndAverageWorker(StageRunner runner, SecureAggregator aggregator, GlobalModels globalModels,
      FlepProperties properties, PartyIdentities identities) {
    this.identities = identities;
    this.runner = runner;
    this.aggregator = aggregator;
    this.globalModels = globalModels;
    this.properties = properties;
  }

  @JobWorker(type = JobTypes.DECRYPT_AND_AVERAGE, timeout = 10 * 60 * 1000L)
  public Map<String, Object> average(ActivatedJob job) {
    String cloud = properties.cloud().id();
    return runner.run(job, Stage.AGGREGATE, cloud, () -> {
      JobVariables vars = new JobVariables(job);
      PartyIdentity me = identities.of(cloud, Roles.CLOUD);
      SecureAggregator.DecryptedSum round = aggregator.decryptRound(vars.round(), vars.exchangeRef("heKeyRef"),
          vars.exchangeRefs("updateRefs"), Optional.empty(), me, vars.exchangeRef("heSecretKeyRef"));
      ExchangeRef global = globalModels.publishUpdated(me, vars.runId(), vars.round(), globalModels.current(vars),
          round.sum(), round.analysts());
      return TaskResult.of(
          Map.of("globalModelRef", global.toVariable(), "aggregatedBy", "trusted"),
          Map.of("path", "trusted", "contributors", round.contributors(), "analysts", round.analysts()));
    });
  }
}
