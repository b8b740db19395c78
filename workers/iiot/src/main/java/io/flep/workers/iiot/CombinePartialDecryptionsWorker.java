package io.flep.workers.iiot;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.aggregation.SecureAggregator;
import io.flep.workers.config.IiotRole;
import io.flep.workers.config.Parties;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.VerifiedObject;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.aggregation.Shareholders;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.config.Roles;
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
  private final ExchangeObjects exchange;
  private final PartyIdentities identities;
  private final GlobalModels globalModels;

  public CombinePartialDecryptionsWorker(StageRunner runner, SecureAggregator aggregator, ExchangeObjects exchange,
      GlobalModels globalModels, PartyIdentities identities) {
    this.exchange = exchange;
    this.identities = identities;
    this.runner = runner;
    this.aggregator = aggregator;
    this.globalModels = globalModels;
  }

  @JobWorker(type = JobTypes.COMBINE_PARTIAL_DECRYPTIONS, timeout = 10 * 60 * 1000L)
  public Map<String, Object> combine(ActivatedJob job) {
    return runner.run(job, Stage.AGGREGATE, Parties.IIOT_SERVICES, () -> {
      JobVariables vars = new JobVariables(job);
      ExchangeRef heKeyRef = vars.exchangeRef("heKeyRef");
      List<byte[]> partials = new ArrayList<>();
      for (ExchangeRef ref : vars.exchangeRefs("partialDecryptionRefs")) {
        VerifiedObject partial = exchange.fetchExpecting(ref, HomomorphicKeys.HE_KEY, heKeyRef.address(),
            Shareholders.ROLES.toArray(String[]::new));
        if (!Integer.toString(vars.round()).equals(partial.header().attributes().get("round"))) {
          throw new IntegrityViolationException("partial decryption " + ref + " is for round "
              + partial.header().attributes().get("round") + ", not round " + vars.round());
        }
        partials.add(partial.content());
      }
      SecureAggregator.DecryptedSum round = aggregator.combineRound(vars.round(), heKeyRef,
          vars.exchangeRefs("updateRefs"), vars.exchangeRef("encryptedAggregateRef"), partials);
      ExchangeRef global = globalModels.publishUpdated(identities.of(Parties.IIOT_SERVICES, Roles.IIOT), vars.runId(),
          vars.round(), globalModels.current(vars), round.sum(), round.analysts());
      return TaskResult.of(
          Map.of("globalModelRef", global.toVariable(), "aggregatedBy", "threshold"),
          Map.of("path", "threshold", "contributors", round.contributors(), "partialDecryptions", partials.size()));
    });
  }
}
