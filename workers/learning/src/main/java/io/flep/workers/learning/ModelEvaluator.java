package io.flep.workers.learning;

import io.flep.workers.dataset.LabeledImage;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Accuracy of a parameter vector on labelled images (the held-out test split in FLEP).
 * Thread-safe; each calling thread reuses one inference network.
 */
public final class ModelEvaluator {

  private static final int BATCH = 500;

  private final DigitModel model;
  private final ThreadLocal<MultiLayerNetwork> networks = new ThreadLocal<>();

  public ModelEvaluator() {
    this(new DigitModel());
  }

  public ModelEvaluator(DigitModel model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  /** Fraction of {@code test} images whose arg-max prediction equals the label, in [0, 1]. */
  public double accuracy(float[] params, List<LabeledImage> test) {
    int[] predicted = predict(params, test);
    int correct = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i] == test.get(i).label()) {
        correct++;
      }
    }
    return (double) correct / predicted.length;
  }

  /** Predicted class per image. */
  public int[] predict(float[] params, List<LabeledImage> images) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(images, "images");
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images to evaluate");
    }
    if (params.length != model.parameterCount()) {
      throw new IllegalArgumentException("parameters have " + params.length + " values, the model needs "
          + model.parameterCount());
    }
    LearningRuntime.configureCurrentThread();
    MultiLayerNetwork network = networks.get();
    if (network == null) {
      network = model.create(0L);
      networks.set(network);
    }
    network.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
    float[] unit = Features.unitPixels(images);
    int[] out = new int[images.size()];
    for (int from = 0; from < out.length; from += BATCH) {
      int b = Math.min(BATCH, out.length - from);
      INDArray probabilities = network.output(Features.tensor(unit, from, b), false);
      INDArray argMax = probabilities.argMax(1);
      for (int k = 0; k < b; k++) {
        out[from + k] = argMax.getInt(k);
      }
    }
    return out;
  }

  /** Drops the calling thread's cached network. */
  public void releaseThreadResources() {
    networks.remove();
  }
}
