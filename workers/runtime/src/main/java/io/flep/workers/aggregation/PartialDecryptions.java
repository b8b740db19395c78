package io.flep.workers.aggregation;

import io.camunda.client.api.response.ActivatedJob;
import io.flep.exchange.ExchangeRef;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What every share holder runs for BPMN task <em>Partial decryption</em> (job type
 * {@code flep.<role>.partial-decrypt}): verify the round under the secure-aggregation rules, partially decrypt the
 * cloud's aggregate with the share the dealer sealed to this party, publish the result to the exchange.
 */
@Component
public class PartialDecryptions {
  private final StageRunner runner;
  private final SecureAggregator aggregator;
  private final ExchangeObjects exchange;

  public PartialDecryptions(StageRunner runner, SecureAggregator aggregator, ExchangeObjects exchange) {
    this.runner = runner;
    this.aggregator = aggregator;
    this.exchange = exchange;
  }

  public Map<String, Object> partiallyDecrypt(ActivatedJob job, String role, PartyIdentity me) {
    return runner.run(job, Stage.AGGREGATE, me.partyId(), () -> {
      JobVariables vars = new JobVariables(job);
      ExchangeRef heKeyRef = vars.exchangeRef("heKeyRef");
      SecureAggregator.PartialDecryption partial = aggregator.partialDecryptRound(vars.round(), heKeyRef,
          vars.exchangeRefs("updateRefs"), vars.exchangeRef("encryptedAggregateRef"), me,
          vars.exchangeRefIn("heShareRefs", role));
      ExchangeRef ref = exchange.publish(me, vars.runId(), ExchangeKinds.PARTIAL_DECRYPTION,
          Map.of("round", Integer.toString(vars.round()), HomomorphicKeys.HE_KEY, heKeyRef.address()),
          partial.bytes());
      return TaskResult.of(Map.of("partialDecryptionRef", ref.toVariable()),
          Map.of("shareholder", me.partyId(), "contributors", partial.analysts().size()));
    });
  }
}
