package io.flep.workers.analyst;

import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.dataset.DataCiphers;
import io.flep.workers.dataset.GreyImages;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.failure.BadInputException;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.store.Artifact;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.DataAssociation;
import io.flep.workers.store.DatasetRepository;
import io.flep.workers.store.KeyVault;
import io.flep.workers.store.Ref;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Decrypts one analyst's shard with the data key granted to that analyst. A ciphertext that fails
 * authentication is an integrity violation, never a garbage image.
 */
@Component
public class ShardDecryptor {
  private final KeyVault keys;
  private final PluginRegistry plugins;
  private final ArtifactStore artifacts;
  private final DatasetRepository dataset;

  public ShardDecryptor(KeyVault keys, PluginRegistry plugins, ArtifactStore artifacts, DatasetRepository dataset) {
    this.keys = keys;
    this.plugins = plugins;
    this.artifacts = artifacts;
    this.dataset = dataset;
  }

  public List<LabeledImage> decrypt(UUID runId, String analystId, int shard, Ref dataKeyRef) throws GeneralSecurityException {
    KeyMaterial key = keys.loadSecret(dataKeyRef.id(), analystId);
    DataCiphers.ItemCipher cipher = new DataCiphers(plugins).forKey(key);
    List<DatasetRepository.Item> items = dataset.shard(runId, shard);
    if (items.isEmpty()) {
      throw new BadInputException("analyst '" + analystId + "' has no data in shard " + shard);
    }
    List<Artifact> ciphertexts = artifacts.getAll(items.stream().map(DatasetRepository.Item::cipherArtifactId).toList());
    List<LabeledImage> images = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      DatasetRepository.Item item = items.get(i);
      byte[] png;
      try {
        png = cipher.decrypt(ciphertexts.get(i).content(), DataAssociation.of(runId, item.index()));
      } catch (GeneralSecurityException e) {
        throw new IntegrityViolationException(
            "image " + item.index() + " of shard " + shard + " failed authentication with the "
                + key.schemeId() + " data key: " + e.getMessage(), e);
      }
      images.add(GreyImages.decode(png, item.label(), "item " + item.index()));
    }
    return images;
  }
}
