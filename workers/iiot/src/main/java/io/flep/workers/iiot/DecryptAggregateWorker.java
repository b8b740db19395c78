package io.flep.workers.iiot;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.aggregation.SecureAggregator;
import io.flep.workers.config.IiotRole;
import io.flep.workers.config.Parties;
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
 * Untrusted path: the key-holding IIoT services check the round's signed updates against the cloud's aggregate and
 * decrypt only that aggregate, once, under the {@link SecureAggregator} rules; never a single update.
 */
@IiotRole
public class DecryptAggregateWorker {
  private final StageRunner runner;
  private final SecureAggregator aggregator;
  private final GlobalModels globalModels;
  private final PartyIdentities identities;

  public DecryptAggregateWorker(StageRunner runner, SecureAggregator aggregator, GlobalModels globalModels,
      PartyIdentities identities) {
    this.identities = identities;
    this.runner = runner;
    this.aggregator = aggregator;
    this.globalModels = globalModels;
  }

  @JobWorker(type = JobTypes.DECRYPT_AGGREGATE, timeout = 10 * 60 * 1000L)
  public Map<String, Object> decrypt(ActivatedJob job) {
    return runner.run(job, Stage.AGGREGATE, Parties.IIOT_SERVICES, () -> {
      JobVariables vars = new JobVariables(job);
      PartyIdentity me = identities.of(Parties.IIOT_SERVICES, Roles.IIOT);
      SecureAggregator.DecryptedSum round = aggregator.decryptRound(vars.round(), vars.exchangeRef("heKeyRef"),
          vars.exchangeRefs("updateRefs"), Optional.of(vars.exchangeRef("encryptedAggregateRef")), me, null);
      ExchangeRef global = globalModels.publishUpdated(me, vars.runId(), vars.round(), globalModels.current(vars),
          round.sum(), round.analysts());
      return TaskResult.of(
          Map.of("globalModelRef", global.toVariable(), "aggregatedBy", "untrusted"),
          Map.of("path", "untrusted", "contributors", round.contributors(), "analysts", round.analysts()));
    });
  }
}
