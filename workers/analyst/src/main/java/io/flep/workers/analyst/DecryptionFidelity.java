package io.flep.workers.analyst;

import io.flep.workers.dataset.GreyImages;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.store.Artifact;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.DatasetRepository;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * How close an analyst's decrypted shard is to the data owner's plaintext: one PSNR over all pixels of the
 * shard. A verification measurement for deployments whose roles share one private database (like the
 * plaintext FedAvg check of publish-model); {@code flep.verify-against-plaintext=false} turns it off.
 */
@Component
public class DecryptionFidelity {
  private final DatasetRepository dataset;
  private final ArtifactStore artifacts;

  public DecryptionFidelity(DatasetRepository dataset, ArtifactStore artifacts) {
    this.dataset = dataset;
    this.artifacts = artifacts;
  }

  /** The shard's PSNR in dB, or {@code +Infinity} when every decrypted pixel equals the plaintext. */
  public double psnrDb(UUID runId, int shard, List<LabeledImage> decrypted) {
    List<DatasetRepository.Item> items = dataset.shard(runId, shard);
    if (items.size() != decrypted.size()) {
      throw new IllegalStateException("shard " + shard + " has " + items.size() + " items but " + decrypted.size()
          + " decrypted images");
    }
    List<Artifact> plain =
        artifacts.getAll(items.stream().map(DatasetRepository.Item::plainArtifactId).toList());
    double squaredError = 0;
    long samples = 0;
    for (int i = 0; i < items.size(); i++) {
      LabeledImage original = GreyImages.decode(plain.get(i).content(), items.get(i).label(), "item "
          + items.get(i).index());
      byte[] a = original.pixels();
      byte[] b = decrypted.get(i).pixels();
      if (a.length != b.length) {
        throw new IllegalStateException("item " + items.get(i).index() + " decrypted to " + b.length
            + " pixels, the plaintext has " + a.length);
      }
      for (int p = 0; p < a.length; p++) {
        double d = (a[p] & 0xff) - (b[p] & 0xff);
        squaredError += d * d;
      }
      samples += a.length;
    }
    double mse = squaredError / Math.max(samples, 1);
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }
}
