package io.flep.workers.aggregation;

import io.flep.workers.learning.DigitModel;
import io.flep.workers.learning.ModelCodec;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.ModelRepository;
import io.flep.workers.store.Ref;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Stores a round's global model: the average of the analysts' models, computed on either path. */
@Component
public class GlobalModels {
  private final ArtifactStore artifacts;
  private final ModelRepository models;
  private final DigitModel model;

  public GlobalModels(ArtifactStore artifacts, ModelRepository models, DigitModel model) {
    this.artifacts = artifacts;
    this.models = models;
    this.model = model;
  }

  /** Divides a decrypted sum by the number of contributors and stores the result. */
  public Ref storeAverage(UUID runId, int round, String owner, double[] sum, int contributors) {
    float[] average = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      average[i] = (float) (sum[i] / contributors);
    }
    Ref ref = artifacts.put(runId, new ArtifactStore.NewArtifact("global-model", owner, "application/vnd.flep.model",
        ModelCodec.encode(model.architectureId(), average), "{\"contributors\":" + contributors + "}"));
    models.record(runId, round, "global", owner, ref.id());
    return ref;
  }
}
