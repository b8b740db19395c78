package io.flep.workers.dataowner;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.param.ParameterSet;
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
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encrypt: a fresh data key from the chosen data-cipher plugin ({@code dataCipher} variable, else the task
 * header, else {@value PluginDefaults#DATA_CIPHER}) encrypts every training image the analysts will receive.
 */
@DataOwnerRole
public class EncryptWorker {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EncryptWorker.class);

  private final StageRunner runner;
  private final PluginRegistry plugins;
  private final ArtifactStore artifacts;
  private final DatasetRepository dataset;
  private final KeyVault keys;
  private final TransactionTemplate transaction;
  private final SecureRandom random = new SecureRandom();

  public EncryptWorker(StageRunner runner, PluginRegistry plugins, ArtifactStore artifacts, DatasetRepository dataset,
      KeyVault keys, TransactionTemplate transaction) {
    this.runner = runner;
    this.plugins = plugins;
    this.artifacts = artifacts;
    this.dataset = dataset;
    this.keys = keys;
    this.transaction = transaction;
  }

  @JobWorker(type = JobTypes.ENCRYPT)
  public Map<String, Object> encrypt(ActivatedJob job) {
    return runner.run(job, Stage.ENCRYPT, Parties.DATA_OWNER, () -> {
      JobVariables vars = new JobVariables(job);
      UUID runId = vars.runId();
      String cipherId = vars.pluginChoice("dataCipher", PluginDefaults.DATA_CIPHER);
      DataCiphers ciphers = new DataCiphers(plugins);
      ParameterSet declared = ciphers.parameters(cipherId);
      boolean notSecure = plugins.descriptor(cipherId).map(PluginDescriptor::notSecure).orElse(false);
      if (notSecure) {
        LOG.warn("run {} encrypts with {}, which does not protect data: {}", runId,
            cipherId, plugins.descriptor(cipherId).orElseThrow().securityNote());
      }
      KeyMaterial key = ciphers.generateKey(cipherId, vars.pluginOptions("dataCipher", cipherId, declared), random);
      DataCiphers.ItemCipher cipher = ciphers.forKey(key);

      List<DatasetRepository.Item> train =
          dataset.all(runId).stream().filter(i -> "train".equals(i.split())).toList();
      List<ArtifactStore.NewArtifact> ciphertexts = new ArrayList<>(train.size());
      List<byte[]> plains = artifacts.getAll(train.stream().map(DatasetRepository.Item::plainArtifactId).toList())
          .stream().map(a -> a.content()).toList();
      for (int i = 0; i < train.size(); i++) {
        DatasetRepository.Item item = train.get(i);
        byte[] plain = plains.get(i);
        ciphertexts.add(new ArtifactStore.NewArtifact("image-ciphertext", Parties.DATA_OWNER,
            "application/vnd.flep.ciphertext", cipher.encrypt(plain, DataAssociation.of(runId, item.index())),
            "{\"cipher\":\"" + cipherId + "\"}"));
      }
      Ref[] result = transaction.execute(status -> {
        Ref keyRef = keys.store(runId, KeyVault.Purpose.DATA, Parties.DATA_OWNER, key);
        List<Ref> refs = artifacts.putAll(runId, ciphertexts);
        List<DatasetRepository.Item> updated = new ArrayList<>(train.size());
        StringBuilder manifest = new StringBuilder("cipher=" + cipherId + "\n");
        for (int i = 0; i < train.size(); i++) {
          DatasetRepository.Item item = train.get(i);
          updated.add(new DatasetRepository.Item(item.index(), item.sourceName(), item.label(), item.split(),
              item.shard(), item.plainArtifactId(), refs.get(i).id()));
          manifest.append(item.index()).append(':').append(refs.get(i).sha256()).append('\n');
        }
        dataset.setCipherArtifacts(runId, updated);
        Ref manifestRef = artifacts.put(runId, new ArtifactStore.NewArtifact("encrypted-dataset-manifest",
            Parties.DATA_OWNER, "text/plain", manifest.toString().getBytes(StandardCharsets.UTF_8), null));
        return new Ref[] {manifestRef, keyRef};
      });
      return TaskResult.of(
          Map.of("encryptedDataRef", result[0].toVariable(), "dataKeyRef", result[1].toVariable()),
          Map.of("plugin", cipherId, "images", train.size(), "notSecure", notSecure));
    });
  }
}
