package io.flep.workers.dataowner;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.config.DataOwnerRole;
import io.flep.workers.config.Parties;
import io.flep.workers.dataset.DatasetSplit;
import io.flep.workers.dataset.GreyImages;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.failure.BadInputException;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.DatasetRepository;
import io.flep.workers.store.Ref;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;
import io.flep.workers.policy.RunPolicies;

/**
 * Store: the upload goes into the private database, one artifact per image, split into a held-out test set
 * (kept by the data owner and IIoT services, never shared with analysts) and one IID shard per analyst.
 */
@DataOwnerRole
public class StoreWorker {
  static final double TEST_FRACTION = 0.2;

  private final StageRunner runner;
  private final ArtifactStore artifacts;
  private final DatasetRepository dataset;
  private final TransactionTemplate transaction;

  private final RunPolicies policies;

  public StoreWorker(StageRunner runner, ArtifactStore artifacts, DatasetRepository dataset,
      TransactionTemplate transaction, RunPolicies policies) {
    this.policies = policies;
    this.runner = runner;
    this.artifacts = artifacts;
    this.dataset = dataset;
    this.transaction = transaction;
  }

  @JobWorker(type = JobTypes.STORE)
  public Map<String, Object> store(ActivatedJob job) {
    return runner.run(job, Stage.STORE, Parties.DATA_OWNER, () -> {
      JobVariables vars = new JobVariables(job);
      UUID runId = vars.runId();
      int analysts = policies.of(vars).analysts().size();
      List<DeviceBatch.Entry> entries = DeviceBatch.decode(artifacts.get(vars.ref("rawDataRef")).content());

      Map<LabeledImage, DeviceBatch.Entry> byImage = new IdentityHashMap<>();
      List<LabeledImage> images = new ArrayList<>(entries.size());
      for (DeviceBatch.Entry entry : entries) {
        LabeledImage image = GreyImages.decode(entry.png(), entry.label(), entry.sourceName());
        byImage.put(image, entry);
        images.add(image);
      }
      DatasetSplit split;
      List<List<LabeledImage>> shards;
      try {
        split = DatasetSplit.of(images, TEST_FRACTION, vars.longOr("seed", 42));
        shards = split.shards(analysts);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("the data set cannot be split for " + analysts + " analysts: " + e.getMessage(), e);
      }
      List<DatasetRepository.Item> items = new ArrayList<>();
      List<ArtifactStore.NewArtifact> blobs = new ArrayList<>();
      for (int s = 0; s < shards.size(); s++) {
        for (LabeledImage image : shards.get(s)) {
          addItem(items, blobs, byImage.get(image), "train", s);
        }
      }
      for (LabeledImage image : split.test()) {
        addItem(items, blobs, byImage.get(image), "test", null);
      }
      Ref manifest = transaction.execute(status -> {
        List<Ref> refs = artifacts.putAll(runId, blobs);
        List<DatasetRepository.Item> stored = new ArrayList<>(items.size());
        StringBuilder digest = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
          DatasetRepository.Item item = items.get(i);
          stored.add(new DatasetRepository.Item(item.index(), item.sourceName(), item.label(), item.split(),
              item.shard(), refs.get(i).id()));
          digest.append(item.index()).append(':').append(refs.get(i).sha256()).append('\n');
        }
        dataset.insertAll(runId, stored);
        byte[] manifestBytes = digest.toString().getBytes(StandardCharsets.UTF_8);
        return artifacts.put(runId, new ArtifactStore.NewArtifact(
            "dataset-manifest", Parties.DATA_OWNER, "text/plain", manifestBytes, null));
      });
      return TaskResult.of(
          Map.of("datasetRef", manifest.toVariable()),
          Map.of("images", items.size(), "train", split.train().size(), "test", split.test().size(),
              "shards", analysts));
    });
  }

  private static void addItem(List<DatasetRepository.Item> items, List<ArtifactStore.NewArtifact> blobs,
      DeviceBatch.Entry entry, String splitName, Integer shard) {
    items.add(new DatasetRepository.Item(entry.index(), entry.sourceName(), entry.label(), splitName, shard, null));
    blobs.add(new ArtifactStore.NewArtifact("image", Parties.DATA_OWNER, "image/png", entry.png(), null));
  }
}
