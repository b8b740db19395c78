package io.flep.workers.cloud;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.exchange.ExchangeRef;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.workers.aggregation.EncryptedUpdates;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.config.CloudRole;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.List;
import java.util.Map;

/**
 * Untrusted path: the cloud adds the analysts' signed, encrypted updates homomorphically and publishes the encrypted
 * sum. It holds no secret key and never sees a plaintext update.
 */
@CloudRole
public class AggregateEncryptedWorker {
  private final StageRunner runner;
  private final HomomorphicKeys heKeys;
  private final EncryptedUpdates updates;
  private final ExchangeObjects exchange;
  private final PartyIdentities identities;
  private final FlepProperties properties;

  public AggregateEncryptedWorker(StageRunner runner, HomomorphicKeys heKeys, EncryptedUpdates updates,
      ExchangeObjects exchange, PartyIdentities identities, FlepProperties properties) {
    this.runner = runner;
    this.heKeys = heKeys;
    this.updates = updates;
    this.exchange = exchange;
    this.identities = identities;
    this.properties = properties;
  }

  @JobWorker(type = JobTypes.AGGREGATE_ENCRYPTED, timeout = 10 * 60 * 1000L)
  public Map<String, Object> aggregate(ActivatedJob job) {
    String cloud = properties.cloud().id();
    return runner.run(job, Stage.AGGREGATE, cloud, () -> {
      JobVariables vars = new JobVariables(job);
      PartyIdentity me = identities.of(cloud, Roles.CLOUD);
      HomomorphicKeys.Bound key = heKeys.withPublicKey(vars.exchangeRef("heKeyRef"));
      HomomorphicEncryption scheme = key.encryption();
      List<EncryptedUpdates.Contribution> contributions =
          updates.load(key, vars.round(), vars.exchangeRefs("updateRefs"));
      HeCiphertext sum = contributions.get(0).update();
      for (int i = 1; i < contributions.size(); i++) {
        sum = scheme.add(sum, contributions.get(i).update());
      }
      ExchangeRef aggregate = exchange.publish(me, vars.runId(), ExchangeKinds.ENCRYPTED_AGGREGATE,
          Map.of("round", Integer.toString(vars.round()), HomomorphicKeys.HE_KEY, key.ref().address(),
              "contributors", Integer.toString(sum.contributors())),
          sum.toBytes());
      return TaskResult.of(
          Map.of("encryptedAggregateRef", aggregate.toVariable()),
          Map.of("path", "untrusted", "contributors", sum.contributors()));
    });
  }
}
