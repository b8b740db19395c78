package io.flep.encryption.dncnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The inference fast path of {@link DnCnnModel} (see {@code docs/dncnn-fast-path.md}): each batch norm is
 * folded into the convolution before it ({@code W' = W * gamma / sqrt(var + eps)} per output map,
 * {@code b' = beta - mean * gamma / sqrt(var + eps)}), and the nine convolutions run as libnd4j
 * {@code conv2d} ops (NHWC activations, OYXI weights, 'same' zero padding) with an in-place ReLU between them,
 * instead of DL4J's layer-by-layer {@code output()}. Same function as {@code output(x, false)} up to float
 * rounding. With one input channel an NCHW plane [n, 1, h, w] and an NHWC one [n, h, w, 1] share their memory
 * layout, so no transpose is needed; NHWC measured fastest (docs/dncnn-fast-path.md).
 *
 * <p>Folded weights are plain {@code float[]}; {@link #arrays()} makes the ND4J arrays, which a caller keeps
 * per thread.
 */
final class DnCnnInference {

  private static final Conv2DConfig CONV = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).dH(1).dW(1)
      .paddingMode(PaddingMode.SAME).dataFormat("NHWC").weightsFormat(WeightsFormat.OYXI).build();

  private final List<float[]> weights;
  private final List<long[]> shapes;
  private final List<float[]> biases;

  private DnCnnInference(List<float[]> weights, List<long[]> shapes, List<float[]> biases) {
    this.weights = weights;
    this.shapes = shapes;
    this.biases = biases;
  }

  /** Folds the network's batch norms (running statistics) into its convolutions. */
  static DnCnnInference fold(MultiLayerNetwork network) {
    List<float[]> weights = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    List<float[]> biases = new ArrayList<>();
    Layer[] layers = network.getLayers();
    for (int i = 0; i < layers.length; i++) {
      Map<String, INDArray> p = layers[i].paramTable();
      if (!p.containsKey("W")) {
        continue;
      }
      INDArray w = p.get("W").dup('c');
      int out = (int) w.size(0);
      INDArray b = p.containsKey("b") ? p.get("b").dup().reshape(out) : Nd4j.zeros(DataType.FLOAT, out);
      if (i + 1 < layers.length && layers[i + 1].paramTable().containsKey("gamma")) {
        Map<String, INDArray> bn = layers[i + 1].paramTable();
        double eps = ((BatchNormalization) layers[i + 1].conf().getLayer()).getEps();
        INDArray scale = bn.get("gamma").reshape(out).div(Transforms.sqrt(bn.get("var").reshape(out).add(eps)));
        w.reshape(out, w.length() / out).muliColumnVector(scale.reshape(out, 1));
        b = b.add(bn.get("beta").reshape(out).sub(bn.get("mean").reshape(out).mul(scale)));
      }
      INDArray oyxi = w.permute(0, 2, 3, 1).dup('c');
      weights.add(oyxi.reshape(oyxi.length()).toFloatVector());
      shapes.add(oyxi.shape());
      biases.add(b.toFloatVector());
    }
    if (weights.size() != DnCnnModel.DEPTH) {
      throw new IllegalArgumentException("not a DnCNN network: " + weights.size() + " convolutions");
    }
    return new DnCnnInference(weights, shapes, biases);
  }

  /** Fresh ND4J arrays of the folded weights, for one thread. */
  Arrays arrays() {
    INDArray[] w = new INDArray[weights.size()];
    INDArray[] b = new INDArray[weights.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = Nd4j.create(weights.get(i), shapes.get(i), 'c');
      b[i] = Nd4j.create(biases.get(i), new long[] {biases.get(i).length}, 'c');
    }
    return new Arrays(w, b);
  }

  /** One thread's arrays; not thread-safe. */
  record Arrays(INDArray[] weights, INDArray[] biases) {

    /** The predicted noise (network scale, [n, h, w, 1]) for {@code input} of shape [n, h, w, 1]. */
    INDArray predictNoise(INDArray input) {
      INDArray h = input;
      for (int i = 0; i < weights.length; i++) {
        h = Nd4j.exec(new Conv2D(h, weights[i], biases[i], CONV))[0];
        if (i < weights.length - 1) {
          Transforms.relu(h, false);
        }
      }
      return h;
    }
  }
}
