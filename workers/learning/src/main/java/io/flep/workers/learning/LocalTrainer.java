package io.flep.workers.learning;

import io.flep.workers.dataset.LabeledImage;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One analyst's local training step of federated averaging: start from the global parameters,
 * run a few epochs of minibatch Adam over the local shard, return the new parameters.
 *
 * <p>Deterministic for fixed inputs and seed on one machine: the minibatch order comes from
 * {@code new Random(options.seed())}, the network has no dropout or other random layers, and the
 * updater (Adam) state and iteration counter start from zero on every call, exactly as for a fresh
 * network. Each calling thread keeps one network object and reuses it across calls (only the
 * parameters, the updater state and, if changed, the learning rate are reset), which avoids
 * rebuilding the configuration and the ND4J workspaces every round. Instances are thread-safe;
 * concurrent calls from different threads use different networks.
 */
public final class LocalTrainer {

  private final DigitModel model;
  private final ThreadLocal<MultiLayerNetwork> networks;

  public LocalTrainer() {
    this(new DigitModel());
  }

  public LocalTrainer(DigitModel model) {
    this.model = Objects.requireNonNull(model, "model");
    this.networks = new ThreadLocal<>();
  }

  public DigitModel model() {
    return model;
  }

  /**
   * Trains on {@code shard} and returns the new flattened parameters ({@code params()} order).
   *
   * @param globalParams the current global model, or {@code null} to start from the seeded
   *                     initialisation {@code model.initialParams(options.seed())}. In a
   *                     federated run every analyst must start round 1 from the same
   *                     parameters, so pass {@link DigitModel#initialParams(long)} of one run seed
   *                     (or {@code null} with the same seed everywhere).
   * @param shard        the analyst's images (other sizes than 20x20 are resampled)
   */
  public float[] train(float[] globalParams, List<LabeledImage> shard, TrainingOptions options) {
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(options, "options");
    if (shard.isEmpty()) {
      throw new IllegalArgumentException("empty training shard");
    }
    int count = model.parameterCount();
    if (globalParams != null && globalParams.length != count) {
      throw new IllegalArgumentException("global parameters have " + globalParams.length
          + " values, the model needs " + count);
    }
    LearningRuntime.configureCurrentThread();
    float[] start = globalParams != null ? globalParams : model.initialParams(options.seed());

    float[] unit = Features.unitPixels(shard);
    int[] labels = Features.labels(shard);

    MultiLayerNetwork network = prepare(start, options.learningRate());
    int n = shard.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(options.seed());
    int side = Features.SIDE;
    int pixels = Features.PIXELS;
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      shuffle(order, random);
      for (int from = 0; from < n; from += options.batchSize()) {
        int b = Math.min(options.batchSize(), n - from);
        float[] x = new float[b * pixels];
        float[] y = new float[b * DigitModel.CLASSES];
        for (int k = 0; k < b; k++) {
          int idx = order[from + k];
          System.arraycopy(unit, idx * pixels, x, k * pixels, pixels);
          y[k * DigitModel.CLASSES + labels[idx]] = 1f;
        }
        INDArray features = Nd4j.create(x, new long[] {b, 1, side, side}, 'c');
        INDArray targets = Nd4j.create(y, new long[] {b, DigitModel.CLASSES}, 'c');
        network.fit(features, targets);
      }
    }
    float[] result = network.params().toFloatVector();
    for (float v : result) {
      if (!Float.isFinite(v)) {
        throw new IllegalStateException("training diverged (non-finite parameter); lower the learning rate");
      }
    }
    return result;
  }

  /** Drops the calling thread's cached network (call when a worker thread is retired). */
  public void releaseThreadResources() {
    networks.remove();
  }

  private MultiLayerNetwork prepare(float[] params, double learningRate) {
    MultiLayerNetwork network = networks.get();
    if (network == null) {
      network = model.create(0L, learningRate);
      networks.set(network);
    } else if (currentLearningRate(network) != learningRate) {
      network.setLearningRate(learningRate);
    }
    INDArray p = Nd4j.create(params, new long[] {1, params.length}, 'c');
    network.setParams(p);
    Updater updater = network.getUpdater();
    if (updater != null && updater.getStateViewArray() != null) {
      updater.getStateViewArray().assign(0);
    }
    network.setIterationCount(0);
    network.setEpochCount(0);
    return network;
  }

  private static double currentLearningRate(MultiLayerNetwork network) {
    Double lr = network.getLearningRate(0);
    return lr == null ? Double.NaN : lr;
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
