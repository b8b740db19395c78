package io.flep.workers.aggregation;

import io.flep.workers.model.ModelArchitecture;
import io.flep.workers.model.ModelCodec;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.ModelRepository;
import io.flep.workers.store.Ref;
import io.flep.workers.task.JobVariables;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The round's global model: where the analysts start from ({@link #current}) and the next one, the current model
 * plus the mean of the analysts' updates (FedAvg), computed on either path.
 */
@Component
public class GlobalModels {
  private final ArtifactStore artifacts;
  private final ModelRepository models;
  private final ModelArchitecture model;

  public GlobalModels(ArtifactStore artifacts, ModelRepository models, ModelArchitecture model) {
    this.artifacts = artifacts;
    this.models = models;
    this.model = model;
  }

  /** The global model the round starts from: the last published one, or the seeded initial model. */
  public float[] current(JobVariables vars) {
    Ref globalRef = vars.refOrNull("globalModelRef");
    return globalRef == null
        ? model.initialParams(vars.longOr("seed", 42))
        : ModelCodec.decode(artifacts.get(globalRef).content(), model);
  }

  /** Decodes a stored model of this architecture (a local or a global one), checking its id and size. */
  public float[] decode(byte[] encoded) {
    return ModelCodec.decode(encoded, model);
  }

  /**
   * Stores current + sum / contributors, the sum being the decrypted sum of the analysts' updates (local model
   * minus current).
   */
  public Ref storeUpdated(UUID runId, int round, String owner, float[] current, double[] sum, int contributors) {
    if (sum.length != current.length) {
      throw new IllegalArgumentException("the aggregate has " + sum.length + " values but the model has "
          + current.length + " parameters");
    }
    float[] average = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      average[i] = (float) (current[i] + sum[i] / contributors);
    }
    Ref ref = artifacts.put(runId, new ArtifactStore.NewArtifact("global-model", owner, "application/vnd.flep.model",
        ModelCodec.encode(model.architectureId(), average), "{\"contributors\":" + contributors + "}"));
    models.record(runId, round, "global", owner, ref.id());
    return ref;
  }
}
