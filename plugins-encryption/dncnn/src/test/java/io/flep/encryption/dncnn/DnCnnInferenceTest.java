package io.flep.encryption.dncnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DnCnnInferenceTest {

  /** Non-trivial batch-norm statistics, so that folding them is actually exercised. */
  static DnCnnModel modelWithBatchNormStatistics(long seed) {
    DnCnnModel model = DnCnnModel.createForTraining(seed);
    Nd4j.getRandom().setSeed(seed);
    for (var layer : model.network().getLayers()) {
      Map<String, INDArray> p = layer.paramTable();
      if (p.containsKey("gamma")) {
        p.get("gamma").assign(Nd4j.rand(DataType.FLOAT, 64).addi(0.5));
        p.get("beta").assign(Nd4j.randn(DataType.FLOAT, 64).muli(0.1));
        p.get("mean").assign(Nd4j.randn(DataType.FLOAT, 64).muli(0.1));
        p.get("var").assign(Nd4j.rand(DataType.FLOAT, 64).addi(0.5));
      }
    }
    return model;
  }

  @Test
  void foldedFastPathEqualsTheDl4jNetworkInInferenceMode() {
    DnCnnModel model = modelWithBatchNormStatistics(21);
    int h = 23;
    int w = 31;
    INDArray x = Nd4j.rand(DataType.FLOAT, 1, 1, h, w);
    float[] expected = model.predictNoise(x).reshape(h * w).toFloatVector();
    DnCnnInference.Arrays fast = DnCnnInference.fold(model.network()).arrays();
    float[] actual = fast.predictNoise(x.reshape(1, h, w, 1)).reshape(h * w).toFloatVector();
    double scale = 0;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertThat(scale).isGreaterThan(1e-3);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).isCloseTo(expected[i], within(1e-4 * scale + 1e-6));
    }
  }

  @Test
  void foldingDoesNotChangeTheModel() {
    DnCnnModel model = modelWithBatchNormStatistics(3);
    float[] before = model.params();
    DnCnnInference.fold(model.network());
    assertThat(model.params()).containsExactly(before);
  }
}
