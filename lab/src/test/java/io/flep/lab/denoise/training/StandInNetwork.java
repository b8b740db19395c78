package io.flep.lab.denoise.training;

import io.flep.workers.learning.LearningRuntime;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Test stand-in for the DnCNN: the same layer kinds in miniature (Conv+ReLU, Conv+BN+ReLU, Conv, MSE on the
 * residual), 4 feature maps, so trainer tests run in well under a second per step.
 */
final class StandInNetwork {
  private StandInNetwork() {
  }

  static MultiLayerNetwork create(long seed) {
    LearningRuntime.ensureInitialized();
    MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Adam(1e-3))
        .weightInit(WeightInit.RELU)
        .convolutionMode(ConvolutionMode.Same)
        .list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).hasBias(false).build())
        .layer(new BatchNormalization.Builder().useLogStd(false).build())
        .layer(new ActivationLayer(Activation.RELU))
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(1).activation(Activation.IDENTITY).build())
        .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
        .setInputType(InputType.convolutional(8, 8, 1))
        .build());
    n.init();
    return n;
  }
}
