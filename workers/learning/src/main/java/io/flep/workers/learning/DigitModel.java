package io.flep.workers.learning;

import io.flep.workers.model.ModelArchitecture;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The digit classifier shared by all analysts: a small CNN on 20x20x1 greyscale input.
 *
 * <pre>
 *  input 20x20x1 (grey / 255, NCHW [n, 1, 20, 20])
 *  conv 5x5, 16 filters, stride 1, ReLU  -> 16x16x16     416 params
 *  max-pool 2x2 / 2                      ->  8x8x16
 *  conv 3x3, 32 filters, stride 1, ReLU  ->  6x6x32    4,640 params
 *  max-pool 2x2 / 2                      ->  3x3x32 (288)
 *  dense 64, ReLU                                     18,496 params
 *  output dense 10, softmax, neg. log-likelihood         650 params
 *                                             total   24,202 params (float32)
 * </pre>
 *
 * Training uses Adam (default learning rate {@value #DEFAULT_LEARNING_RATE}) with L2
 * {@value #L2}. Images of another size are resampled to 20x20 by area averaging before they reach
 * the network (see {@link LabeledImage#resampled(int, int)}).
 *
 * <p>The flattened parameter vector is {@code network.params()} order (per layer, DL4J's own
 * order, e.g. bias before weights for convolution layers); {@link #ARCHITECTURE_ID} names this
 * exact layout and is written into every {@link ModelCodec} blob.
 */
public final class DigitModel implements ModelArchitecture {

  public static final int INPUT_SIDE = 20;
  public static final int CLASSES = 10;
  public static final double DEFAULT_LEARNING_RATE = 0.003;
  public static final double L2 = 1e-4;

  /** Architecture identifier written into serialized models; change it whenever the layout changes. */
  public static final String ARCHITECTURE_ID = "flep-digits-cnn-v1:c5x16-p2-c3x32-p2-d64-o10";
  /** Number of trainable float32 parameters of {@link #ARCHITECTURE_ID}. */
  public static final int PARAMETER_COUNT = 24_202;

  private final int conv1;
  private final int conv2;
  private final int dense;

  public DigitModel() {
    this(16, 32, 64);
  }

  /** Variant widths, for experiments only; production code uses the no-argument constructor. */
  DigitModel(int conv1, int conv2, int dense) {
    this.conv1 = conv1;
    this.conv2 = conv2;
    this.dense = dense;
  }

  /** A new, initialised network; weights drawn from {@code seed}, default learning rate. */
  public MultiLayerNetwork create(long seed) {
    return create(seed, DEFAULT_LEARNING_RATE);
  }

  /** A new, initialised network with the given Adam learning rate. */
  public MultiLayerNetwork create(long seed, double learningRate) {
    LearningRuntime.ensureInitialized();
    MultiLayerNetwork network = new MultiLayerNetwork(configuration(seed, learningRate));
    network.init();
    return network;
  }

  /** The initial (round 0) parameters for {@code seed}: give these to every analyst in round 1. */
  @Override
  public float[] initialParams(long seed) {
    return create(seed).params().toFloatVector();
  }

  /** Number of trainable parameters, {@value #PARAMETER_COUNT} for the default architecture. */
  @Override
  public int parameterCount() {
    int c1 = 5 * 5 * 1 * conv1 + conv1;
    int c2 = 3 * 3 * conv1 * conv2 + conv2;
    int flat = 3 * 3 * conv2;
    int d = flat * dense + dense;
    int out = dense * CLASSES + CLASSES;
    return c1 + c2 + d + out;
  }

  @Override
  public String architectureId() {
    return "flep-digits-cnn-v1:c5x" + conv1 + "-p2-c3x" + conv2 + "-p2-d" + dense + "-o" + CLASSES;
  }

  MultiLayerConfiguration configuration(long seed, double learningRate) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Adam(learningRate))
        .l2(L2)
        .weightInit(WeightInit.RELU)
        .convolutionMode(ConvolutionMode.Truncate)
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        .cacheMode(CacheMode.NONE)
        .list()
        .layer(new ConvolutionLayer.Builder(5, 5).stride(1, 1).nOut(conv1)
            .activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
            .kernelSize(2, 2).stride(2, 2).build())
        .layer(new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(conv2)
            .activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
            .kernelSize(2, 2).stride(2, 2).build())
        .layer(new DenseLayer.Builder().nOut(dense).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
            .nOut(CLASSES).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(INPUT_SIDE, INPUT_SIDE, 1))
        .build();
  }
}
