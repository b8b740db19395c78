package io.flep.workers.dataowner;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
import io.flep.exchange.ExchangeRef;
import io.flep.workers.dataset.EncryptedShard;
import io.flep.workers.dataset.GreyImages;
import io.flep.workers.evaluation.PlaintextEvaluation;
import org.springframework.beans.factory.ObjectProvider;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.failure.PolicyRefusedException;
import io.flep.workers.policy.RunPolicies;
import io.flep.workers.policy.RunPolicy;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import io.flep.workers.store.Artifact;
import java.util.LinkedHashMap;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.config.DataOwnerRole;
import io.flep.workers.config.Parties;
import io.flep.workers.dataset.DataCiphers;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.DataAssociation;
import io.flep.workers.store.DatasetRepository;
import io.flep.workers.store.KeyVault;
import io.flep.workers.store.Ref;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.PluginDefaults;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Encrypt: for each analyst, a fresh data key from the chosen data-cipher plugin ({@code dataCipher} variable, else
 * the task header, else {@value PluginDefaults#DATA_CIPHER}) encrypts that analyst's shard. The keys stay in the data
 * owner's store; the ciphertexts go to the exchange, one object per shard.
 */
@DataOwnerRole
public class EncryptWorker {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EncryptWorker.class);

  private final StageRunner runner;
  private final PluginRegistry plugins;
  private final ArtifactStore artifacts;
  private final DatasetRepository dataset;
  private final KeyVault keys;
  private final PartyIdentities identities;
  private final ExchangeObjects exchange;
  private final ObjectProvider<PlaintextEvaluation> evaluation;
  private final SecureRandom random = new SecureRandom();

  private final RunPolicies policies;

  public EncryptWorker(StageRunner runner, PluginRegistry plugins, ArtifactStore artifacts, DatasetRepository dataset,
      KeyVault keys, PartyIdentities identities, ExchangeObjects exchange,
      ObjectProvider<PlaintextEvaluation> evaluation, RunPolicies policies) {
    this.evaluation = evaluation;
    this.policies = policies;
    this.runner = runner;
    this.plugins = plugins;
    this.artifacts = artifacts;
    this.dataset = dataset;
    this.keys = keys;
    this.identities = identities;
    this.exchange = exchange;
  }

  @JobWorker(type = JobTypes.ENCRYPT)
  public Map<String, Object> encrypt(ActivatedJob job) {
    return runner.run(job, Stage.ENCRYPT, Parties.DATA_OWNER, () -> {
      JobVariables vars = new JobVariables(job);
      UUID runId = vars.runId();
      RunPolicy policy = policies.of(vars);
      List<String> analysts = policy.analysts();
      String cipherId = vars.pluginChoice("dataCipher", policy.dataCipher(), PluginDefaults.DATA_CIPHER);
      DataCiphers ciphers = new DataCiphers(plugins);
      ParameterSet declared = ciphers.parameters(cipherId);
      ParameterValues options = vars.pluginOptions("dataCipher", cipherId, declared, policy.dataCipherOptions());
      boolean notSecure = plugins.descriptor(cipherId).map(PluginDescriptor::notSecure).orElse(false);
      if (notSecure) {
        if (!policy.reproduction()) {
          throw new PolicyRefusedException("policy rule: data cipher " + cipherId + " is marked not-secure and the run"
              + " policy has no reproduction flag; it is used only to reproduce the paper");
        }
        LOG.warn("run {} (paper reproduction) encrypts with {}, which does not protect data: {}", runId,
            cipherId, plugins.descriptor(cipherId).orElseThrow().securityNote());
      }
      PartyIdentity me = identities.of(Parties.DATA_OWNER, Roles.DATA_OWNER);
      Map<String, Object> shardRefs = new LinkedHashMap<>();
      Map<String, Object> keyRefs = new LinkedHashMap<>();
      int images = 0;
      for (int shard = 0; shard < analysts.size(); shard++) {
        String analyst = analysts.get(shard);
        // one key per analyst: an analyst can decrypt its own shard and no other
        KeyMaterial key = ciphers.generateKey(cipherId, options, random);
        DataCiphers.ItemCipher cipher = ciphers.forKey(key);
        List<DatasetRepository.Item> items = dataset.shard(runId, shard);
        List<Artifact> plains = artifacts.getAll(items.stream().map(DatasetRepository.Item::plainArtifactId).toList());
        List<EncryptedShard.Item> encrypted = new ArrayList<>(items.size());
        PlaintextEvaluation evaluator = evaluation.getIfAvailable();
        if (evaluator != null) {
          // evaluation mode only: the analyst's decryption is compared with these pixels, in memory
          List<byte[]> pixels = new ArrayList<>(items.size());
          for (int i = 0; i < items.size(); i++) {
            pixels.add(GreyImages.decode(plains.get(i).content(), items.get(i).label(), "item " + items.get(i).index())
                .pixels());
          }
          evaluator.plainShard(runId, analyst, pixels);
        }
        for (int i = 0; i < items.size(); i++) {
          int index = items.get(i).index();
          encrypted.add(new EncryptedShard.Item(index,
              cipher.encrypt(plains.get(i).content(), DataAssociation.of(runId, index))));
        }
        Ref keyRef = keys.store(runId, KeyVault.Purpose.DATA, Parties.DATA_OWNER, key);
        ExchangeRef shardRef = exchange.publish(me, runId, ExchangeKinds.ENCRYPTED_SHARD,
            Map.of("analyst", analyst, "cipher", cipherId, "images", Integer.toString(items.size())),
            new EncryptedShard(encrypted).encode());
        shardRefs.put(analyst, shardRef.toVariable());
        keyRefs.put(analyst, keyRef.toVariable());
        images += items.size();
      }
      return TaskResult.of(
          Map.of("encryptedShardRefs", shardRefs, "dataKeyRefs", keyRefs),
          Map.of("plugin", cipherId, "images", images, "notSecure", notSecure));
    });
  }
}
