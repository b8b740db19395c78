package io.flep.lab.denoise.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.encryption.dncnn.DnCnnModel;
import java.util.Map;
import org.assertj.core.data.Percentage;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The fast training path against DL4J's own backpropagation on the same network and minibatch. */
class ConvNetBackpropTest {

  @Test
  void standInGradientsScoreAndRunningStatisticsMatchDl4j() {
    compareWithDl4j(StandInNetwork.create(7), 3, 8, 11);
  }

  @Test
  void dncnnGradientsScoreAndRunningStatisticsMatchDl4j() {
    compareWithDl4j(DnCnnModel.createForTraining(5).network(), 2, 24, 24);
  }

  @Test
  void refusesLayersItCannotTrain() {
    MultiLayerNetwork pooled = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
        .layer(new SubsamplingLayer.Builder(2, 2).build())
        .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
        .setInputType(InputType.convolutional(8, 8, 1))
        .build());
    pooled.init();

    assertThatThrownBy(() -> ConvNetBackprop.of(pooled))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("layer 0: SubsamplingLayer is not supported by the training path");

    MultiLayerNetwork logStd = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
        .layer(new BatchNormalization.Builder().useLogStd(true).build())
        .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
        .setInputType(InputType.convolutional(8, 8, 1))
        .build());
    logStd.init();
    assertThatThrownBy(() -> ConvNetBackprop.of(logStd))
        .hasMessage("layer 0: batch norm with log-std or locked gamma/beta is not supported by the training path");
  }

  private static void compareWithDl4j(MultiLayerNetwork network, int n, int h, int w) {
    Nd4j.getRandom().setSeed(3);
    // Gaussian input of some size: a tiny uniform one can leave a hidden map constant (a dead channel), where
    // batch norm divides by sqrt(eps) and float rounding alone decides the ReLU masks
    INDArray input = Nd4j.randn(DataType.FLOAT, n, 1, h, w);
    INDArray target = Nd4j.randn(DataType.FLOAT, n, 1, h, w).muli(0.1);
    MultiLayerNetwork reference = network.clone();
    MultiLayerNetwork fitted = network.clone();

    ConvNetBackprop fast = ConvNetBackprop.of(network);
    double score = fast.forwardBackward(input, target);

    reference.setInput(input);
    reference.setLabels(target);
    reference.computeGradientAndScore();
    assertThat(score).isCloseTo(reference.score(), Percentage.withPercentage(1e-3));

    Map<String, INDArray> dl4j = reference.gradient().gradientForVariable();
    int compared = 0;
    for (int i = 0; i < network.getnLayers(); i++) {
      for (Map.Entry<String, INDArray> p : network.getLayer(i).paramTable().entrySet()) {
        String key = i + "_" + p.getKey();
        if (p.getKey().equals("mean") || p.getKey().equals("var")) {
          continue;
        }
        // DL4J's gradient is summed over the minibatch; its updater divides by the minibatch size later
        INDArray expected = dl4j.get(key).reshape(dl4j.get(key).length()).div(n);
        long offset = p.getValue().offset() - network.params().offset();
        INDArray actual = fast.gradient().get(NDArrayIndex.interval(offset,
            offset + p.getValue().length()));
        double scale = Math.max(expected.normmaxNumber().doubleValue(), 1e-6);
        assertThat(actual.sub(expected).normmaxNumber().doubleValue() / scale).as(key).isLessThan(1e-3);
        compared++;
      }
    }
    assertThat(compared).isGreaterThanOrEqualTo(4);

    // running statistics: one DL4J fit step moves them the same way as our forward pass did
    fitted.fit(input, target);
    for (int i = 0; i < network.getnLayers(); i++) {
      Map<String, INDArray> ourParams = network.getLayer(i).paramTable();
      for (String stat : new String[] {"mean", "var"}) {
        if (ourParams.containsKey(stat)) {
          INDArray expected = fitted.getLayer(i).paramTable().get(stat);
          assertThat(ourParams.get(stat).sub(expected).normmaxNumber().doubleValue()).as(i + "_" + stat)
              .isLessThan(1e-4 * Math.max(1, expected.normmaxNumber().doubleValue()));
        }
      }
    }
  }
}
