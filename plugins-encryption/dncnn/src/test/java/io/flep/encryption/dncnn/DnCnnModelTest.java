package io.flep.encryption.dncnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DnCnnModelTest {

  static float[] randomPlane(int n, long seed) {
    Random r = new Random(seed);
    float[] p = new float[n];
    for (int i = 0; i < n; i++) {
      p[i] = (float) (128 + 60 * r.nextGaussian());
    }
    return p;
  }

  @Test
  void hasThePapersParameterCount() {
    DnCnnModel model = DnCnnModel.createForTraining(1);
    assertEquals(261_057L, DnCnnModel.PARAMETER_COUNT);
    assertEquals(DnCnnModel.PARAMETER_COUNT, model.numParams());
    assertEquals(DnCnnModel.PARAMETER_COUNT, model.params().length);
  }

  @Test
  void outputKeepsTheInputSizeForAnySize() {
    DnCnnModel model = DnCnnModel.createForTraining(1);
    INDArray out = model.predictNoise(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 1, 7, 23));
    assertArrayEquals(new long[] {2, 1, 7, 23}, out.shape());
  }

  @Test
  void denoiseIsInputMinusTheScaledNetworkOutput() {
    DnCnnModel model = DnCnnModel.createForTraining(3);
    float[] plane = randomPlane(12 * 10, 5);
    float[] scaled = new float[plane.length];
    for (int i = 0; i < plane.length; i++) {
      scaled[i] = plane[i] / 255f;
    }
    float[] noise = model.predictNoise(Nd4j.create(scaled, new long[] {1, 1, 10, 12}, 'c'))
        .reshape(plane.length).toFloatVector();
    float[] out = model.denoise(plane, 1, 10, 12);
    double maxNoise = 0;
    for (int i = 0; i < plane.length; i++) {
      assertEquals(plane[i] - 255f * noise[i], out[i], 1e-3);
      maxNoise = Math.max(maxNoise, Math.abs(noise[i]));
    }
    assertTrue(maxNoise > 1e-4, "an untrained network still predicts some non-zero residual");
  }

  @Test
  void batchNormIsFollowedByReluInInference() {
    // DL4J's BatchNormalization ignores its activation; every BN output must pass a ReLU layer
    DnCnnModel model = DnCnnModel.createForTraining(2);
    var acts = model.network().feedForward(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1, 8, 8), false);
    var layers = model.network().getLayers();
    for (int i = 0; i < layers.length; i++) {
      if (layers[i].paramTable().containsKey("gamma")) {
        assertTrue(acts.get(i + 2).minNumber().doubleValue() >= 0, "ReLU after BN layer " + i);
      }
    }
  }

  @Test
  void paramsRoundTripAndSeedsAreReproducible() {
    DnCnnModel a = DnCnnModel.createForTraining(7);
    DnCnnModel b = DnCnnModel.createForTraining(7);
    assertArrayEquals(a.params(), b.params());
    DnCnnModel c = DnCnnModel.createForTraining(8);
    c.setParams(a.params());
    assertArrayEquals(a.params(), c.params());
    assertThrows(IllegalArgumentException.class, () -> c.setParams(new float[10]));
  }

  @Test
  void trainingNetworkUsesAdamAndLearns() {
    DnCnnModel model = DnCnnModel.createForTraining(4);
    INDArray x = Nd4j.create(randomPlane(2 * 16 * 16, 9), new long[] {2, 1, 16, 16}, 'c').divi(255);
    INDArray y = x.mul(0.1);
    model.network().fit(x, y);
    double first = model.network().score();
    for (int i = 0; i < 15; i++) {
      model.network().fit(x, y);
    }
    assertTrue(model.network().score() < first, "loss falls on a fixed batch");
    assertEquals("Adam", model.network().getLayer(0).conf().getLayer().getUpdaterByParam("W").getClass()
        .getSimpleName());
  }
}
