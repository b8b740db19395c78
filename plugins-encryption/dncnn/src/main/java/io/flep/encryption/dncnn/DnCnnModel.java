package io.flep.encryption.dncnn;

import java.util.Objects;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The 9-layer DnCNN of the paper (Zhang et al. 2017, shortened from 17 layers) in DL4J:
 * <pre>
 *   Conv(3x3, 64) + ReLU
 *   7 x [Conv(3x3, 64, no bias) + BatchNorm + ReLU (an ActivationLayer)]
 *   Conv(3x3, 1)                      -> predicted noise
 *   CnnLossLayer(MSE, identity)       -> training target: the noise (residual learning)
 * </pre>
 * All convolutions are stride 1 with zero padding ({@link ConvolutionMode#Same}), so the output has the
 * input's size for any size; the receptive field is {@value #RECEPTIVE_FIELD} x {@value #RECEPTIVE_FIELD}.
 *
 * <p><b>Scale.</b> Network values are the 0..255 samples divided by {@value #SCALE} (input and noise alike, the
 * convention of {@code io.flep.lab.denoise.training.DnCnnTrainer}); the clean estimate is
 * {@code input - network(input)}. Float32 throughout.
 *
 * <p>Parameters: {@value #PARAMETER_COUNT} values in DL4J's {@code params()} order, of which the batch-norm
 * running means and variances (7 x 2 x 64 = 896; variance stored as is, {@code useLogStd(false)}) are
 * statistics, not trained by Adam. Not thread-safe (a DL4J network is not); {@link DnCnnDenoiser} keeps
 * per-thread arrays of its fast path ({@link DnCnnInference}).
 */
public final class DnCnnModel {

  /** Architecture id written into model files; a file of another architecture is rejected. */
  public static final String ARCHITECTURE = "dncnn-9x64-3x3-bn-residual";
  /** Convolution layers. */
  public static final int DEPTH = 9;
  /** Feature maps of the hidden layers. */
  public static final int FEATURES = 64;
  /** Receptive field side (pixels): 1 + 2 x {@link #DEPTH}. */
  public static final int RECEPTIVE_FIELD = 2 * DEPTH + 1;
  /** Samples are divided by this before they reach the network. */
  public static final float SCALE = 255f;
  /**
   * {@code 640} (first conv, 9 x 64 + 64) + {@code 7 x (36864 + 256)} (conv without bias + BN gamma, beta,
   * mean, variance) + {@code 577} (last conv, 9 x 64 + 1).
   */
  public static final long PARAMETER_COUNT = 640L + 7L * (36_864L + 256L) + 577L;
  /** Adam learning rate of {@link #createForTraining(long)}. */
  public static final double LEARNING_RATE = 1e-3;

  private final MultiLayerNetwork network;

  private DnCnnModel(MultiLayerNetwork network) {
    this.network = network;
  }

  /** A freshly initialised network (He initialisation from {@code seed}) with an Adam(1e-3) updater. */
  public static DnCnnModel createForTraining(long seed) {
    return create(seed, WorkspaceMode.ENABLED);
  }

  /** A network for inference only, initialised to {@code params} (length {@link #PARAMETER_COUNT}). */
  public static DnCnnModel forInference(float[] params) {
    DnCnnModel model = create(0L, WorkspaceMode.ENABLED);
    model.setParams(params);
    return model;
  }

  /** Wraps a network built by {@link #configuration(long, WorkspaceMode)} (e.g. one the trainer holds). */
  public static DnCnnModel wrap(MultiLayerNetwork network) {
    Objects.requireNonNull(network, "network");
    if (network.numParams() != PARAMETER_COUNT) {
      throw new IllegalArgumentException("not a DnCNN network: " + network.numParams() + " parameters, expected "
          + PARAMETER_COUNT);
    }
    return new DnCnnModel(network);
  }

  static DnCnnModel create(long seed, WorkspaceMode workspaces) {
    NativeRuntime.ensureInitialized();
    MultiLayerNetwork n = new MultiLayerNetwork(configuration(seed, workspaces));
    n.init();
    return new DnCnnModel(n);
  }

  /** The DL4J configuration (float32, NCHW, 'same' zero padding, Adam). */
  public static MultiLayerConfiguration configuration(long seed, WorkspaceMode workspaces) {
    NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .updater(new Adam(LEARNING_RATE))
        .weightInit(WeightInit.RELU)
        .convolutionMode(ConvolutionMode.Same)
        .trainingWorkspaceMode(workspaces)
        .inferenceWorkspaceMode(workspaces)
        .list()
        .layer(conv(FEATURES, Activation.RELU, true));
    for (int i = 0; i < DEPTH - 2; i++) {
      b.layer(conv(FEATURES, Activation.IDENTITY, false))
          .layer(new BatchNormalization.Builder().nOut(FEATURES).useLogStd(false).build())
          // DL4J's BatchNormalization ignores its activation function (measured: negative outputs with RELU
          // set), so the ReLU is a layer of its own
          .layer(new ActivationLayer(Activation.RELU));
    }
    return b.layer(conv(1, Activation.IDENTITY, true))
        .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
        .setInputType(InputType.convolutional(40, 40, 1))
        .build();
  }

  private static ConvolutionLayer conv(int nOut, Activation activation, boolean bias) {
    return new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(nOut).activation(activation).hasBias(bias)
        .build();
  }

  /** The DL4J network (for training; the trainer feeds inputs and noise divided by {@link #SCALE}). */
  public MultiLayerNetwork network() {
    return network;
  }

  public long numParams() {
    return network.numParams();
  }

  /** A copy of all parameters in DL4J order. */
  public float[] params() {
    return network.params().toFloatVector();
  }

  /** Replaces all parameters. */
  public void setParams(float[] params) {
    Objects.requireNonNull(params, "params");
    if (params.length != PARAMETER_COUNT) {
      throw new IllegalArgumentException("DnCNN needs " + PARAMETER_COUNT + " parameters, got " + params.length);
    }
    network.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
  }

  /**
   * The network's output (predicted noise, network scale) for {@code input} of shape [n, 1, h, w], in inference
   * mode (batch norm uses its running statistics).
   */
  public INDArray predictNoise(INDArray input) {
    return network.output(input, false);
  }

  /**
   * Denoises a batch of planes: {@code input - network(input)} on the 0..255 scale (unclipped).
   *
   * @param planes {@code count} planes of {@code height x width}, row-major, one after the other
   */
  public float[] denoise(float[] planes, int count, int height, int width) {
    long n = (long) count * height * width;
    if (count < 1 || height < 1 || width < 1 || planes.length != n) {
      throw new IllegalArgumentException("expected " + count + " x " + height + " x " + width
          + " samples, got " + planes.length);
    }
    float[] scaled = new float[planes.length];
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = planes[i] / SCALE;
    }
    INDArray input = Nd4j.create(scaled, new long[] {count, 1, height, width}, 'c');
    float[] noise = predictNoise(input).reshape(planes.length).toFloatVector();
    float[] out = new float[planes.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = planes[i] - noise[i] * SCALE;
    }
    return out;
  }
}
