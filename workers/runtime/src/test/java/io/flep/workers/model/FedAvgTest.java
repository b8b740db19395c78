package io.flep.workers.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FedAvgTest {

  private final FedAvg fedAvg = new FedAvg();

  @Test
  void averagesElementWise() {
    float[] a = {1f, 2f, -3f, 0.5f};
    float[] b = {3f, 4f, 3f, 0.25f};
    float[] c = {2f, 0f, 0f, 0f};
    // hand-computed: (1+3+2)/3, (2+4+0)/3, (-3+3+0)/3, (0.5+0.25+0)/3
    assertArrayEquals(new float[] {2f, 2f, 0f, 0.25f}, fedAvg.average(List.of(a, b, c)), 1e-7f);
    assertArrayEquals(a, fedAvg.average(List.of(a)), 0f);
  }

  @Test
  void weightsBySampleCount() {
    float[] a = {1f, 10f};
    float[] b = {4f, -2f};
    // weights 1 and 3: (1*1 + 3*4)/4 = 3.25 ; (1*10 + 3*(-2))/4 = 1.0
    assertArrayEquals(new float[] {3.25f, 1.0f}, fedAvg.weightedAverage(List.of(a, b), List.of(1, 3)), 1e-7f);
    // equal counts reduce to the plain mean; long counts work too
    assertArrayEquals(fedAvg.average(List.of(a, b)),
        fedAvg.weightedAverage(List.of(a, b), List.of(1334L, 1334L)), 1e-7f);
    // a zero weight drops an update
    assertArrayEquals(a, fedAvg.weightedAverage(List.of(a, b), List.of(5, 0)), 0f);
  }

  @Test
  void rejectsInconsistentInput() {
    assertThrows(IllegalArgumentException.class, () -> fedAvg.average(List.of()));
    assertThrows(IllegalArgumentException.class, () -> fedAvg.average(List.of(new float[2], new float[3])));
    assertThrows(IllegalArgumentException.class,
        () -> fedAvg.weightedAverage(List.of(new float[2]), List.of(1, 2)));
    assertThrows(IllegalArgumentException.class,
        () -> fedAvg.weightedAverage(List.of(new float[2], new float[2]), List.of(0, 0)));
    assertThrows(IllegalArgumentException.class,
        () -> fedAvg.weightedAverage(List.of(new float[2], new float[2]), List.of(-1, 2)));
  }

  @Test
  void maxAbsDiff() {
    assertEquals(0.0, FedAvg.maxAbsDiff(new float[] {1f, 2f}, new float[] {1f, 2f}));
    assertEquals(2.5, FedAvg.maxAbsDiff(new float[] {1f, -2f}, new float[] {0.5f, 0.5f}), 1e-12);
    assertEquals(3.0, FedAvg.maxAbsDiff(new double[] {1, 5}, new double[] {4, 4}), 1e-12);
    assertEquals(0.25, FedAvg.maxAbsDiff(new float[] {1f, 2f}, new double[] {1.25, 2.0}), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> FedAvg.maxAbsDiff(new float[1], new float[2]));
  }
}
