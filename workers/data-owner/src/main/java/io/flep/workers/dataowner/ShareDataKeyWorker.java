package io.flep.workers.dataowner;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.PartyCredential;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.workers.config.DataOwnerRole;
import io.flep.workers.config.Parties;
import io.flep.workers.dataset.LabeledBundle;
import io.flep.workers.dataset.ShardEnvelope;
import io.flep.workers.store.Artifact;
import io.flep.workers.store.ArtifactStore;
import java.util.ArrayList;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import io.flep.workers.store.DatasetRepository;
import io.flep.workers.store.KeyVault;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.flep.workers.policy.RunPolicies;

/**
 * Share keys: each analyst of the run gets its shard's data key and labels sealed to its own X25519 key (HPKE),
 * bound to the run, the shard and the analyst; the IIoT services get the held-out test set sealed to theirs. Nobody
 * else — the cloud, another analyst, whoever reads the exchange — can open either.
 */
@DataOwnerRole
public class ShareDataKeyWorker {
  private final StageRunner runner;
  private final KeyVault keys;
  private final DatasetRepository dataset;
  private final PartyIdentities identities;
  private final ExchangeObjects exchange;
  private final ArtifactStore artifacts;

  private final RunPolicies policies;

  public ShareDataKeyWorker(StageRunner runner, KeyVault keys, DatasetRepository dataset, PartyIdentities identities,
      ExchangeObjects exchange, ArtifactStore artifacts, RunPolicies policies) {
    this.policies = policies;
    this.artifacts = artifacts;
    this.runner = runner;
    this.keys = keys;
    this.dataset = dataset;
    this.identities = identities;
    this.exchange = exchange;
  }

  /** The held-out test set goes to the IIoT services only, sealed: they evaluate each round's global model on it. */
  private ExchangeRef sealTestSet(PartyIdentity me, UUID runId) {
    PartyCredential iiot = exchange.credentialOf(Parties.IIOT_SERVICES, Roles.IIOT);
    List<DatasetRepository.Item> items = dataset.testSplit(runId);
    List<Artifact> pngs = artifacts.getAll(items.stream().map(DatasetRepository.Item::plainArtifactId).toList());
    List<LabeledBundle.Item> bundle = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      bundle.add(new LabeledBundle.Item(items.get(i).index(), items.get(i).label(), pngs.get(i).content()));
    }
    byte[] box = exchange.seal(iiot, runId, ExchangeKinds.TEST_SET_PURPOSE, ExchangeKinds.TEST_SET_PURPOSE,
        new LabeledBundle(bundle).encode());
    return exchange.publish(me, runId, ExchangeKinds.SEALED_TEST_SET,
        Map.of("recipient", iiot.partyId(), "images", Integer.toString(items.size())), box);
  }

  @JobWorker(type = JobTypes.SHARE_DATA_KEY)
  public Map<String, Object> share(ActivatedJob job) {
    return runner.run(job, Stage.SHARE_KEYS, Parties.DATA_OWNER, () -> {
      JobVariables vars = new JobVariables(job);
      UUID runId = vars.runId();
      List<String> analysts = policies.of(vars).analysts();
      PartyIdentity me = identities.of(Parties.DATA_OWNER, Roles.DATA_OWNER);
      Map<String, Object> envelopes = new LinkedHashMap<>();
      for (int shard = 0; shard < analysts.size(); shard++) {
        String analyst = analysts.get(shard);
        PartyCredential recipient = exchange.credentialOf(analyst, Roles.ANALYST);
        ExchangeRef shardRef = vars.exchangeRefIn("encryptedShardRefs", analyst);
        KeyMaterial key = keys.loadSecret(vars.refIn("dataKeyRefs", analyst).id(), Parties.DATA_OWNER);
        byte[] serialized = key.serializeSecret(SecretAccess.get());
        List<ShardEnvelope.Label> labels = dataset.shard(runId, shard).stream()
            .map(i -> new ShardEnvelope.Label(i.index(), i.label())).toList();
        ShardEnvelope envelope = new ShardEnvelope(serialized, shardRef.address(), labels);
        byte[] plain = envelope.encode();
        try {
          byte[] box = exchange.seal(recipient, runId, shardRef.address(), ExchangeKinds.DATA_KEY_PURPOSE, plain);
          ExchangeRef ref = exchange.publish(me, runId, ExchangeKinds.DATA_KEY_ENVELOPE,
              Map.of("recipient", analyst, "shard", shardRef.address()), box);
          envelopes.put(analyst, ref.toVariable());
        } finally {
          Arrays.fill(plain, (byte) 0);
          Arrays.fill(serialized, (byte) 0);
          envelope.wipe();
        }
      }
      ExchangeRef testSet = sealTestSet(me, runId);
      return TaskResult.of(Map.of("dataKeyEnvelopeRefs", envelopes, "testSetRef", testSet.toVariable()),
          Map.of("sealedTo", analysts));
    });
  }
}
