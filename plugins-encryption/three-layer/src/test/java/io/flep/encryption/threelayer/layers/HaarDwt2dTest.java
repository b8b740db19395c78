package io.flep.encryption.threelayer.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HaarDwt2dTest {

  @Test
  void knownCoefficientsOfOneBlock() {
    double[] out = new double[4];
    HaarDwt2d.forward(new double[] {1, 2, 3, 4}, out, 2, 2);
    assertThat(out).containsExactly(5, -1, -2, 0);
  }

  @Test
  void quadrantLayoutOfATwoBlockPlane() {
    // 4x2: blocks [[1,2],[3,4]] and [[5,5],[5,5]] -> LL row [5, 10], HL row [-1, 0], LH row [-2, 0], HH [0, 0].
    double[] out = new double[8];
    HaarDwt2d.forward(new double[] {1, 2, 5, 5, 3, 4, 5, 5}, out, 4, 2);
    assertThat(out).containsExactly(5, 10, -1, 0, -2, 0, 0, 0);
    assertThat(HaarDwt2d.subbandOf(1, 4, 2)).isEqualTo(HaarDwt2d.LL);
    assertThat(HaarDwt2d.subbandOf(3, 4, 2)).isEqualTo(HaarDwt2d.HL);
    assertThat(HaarDwt2d.subbandOf(4, 4, 2)).isEqualTo(HaarDwt2d.LH);
    assertThat(HaarDwt2d.subbandOf(7, 4, 2)).isEqualTo(HaarDwt2d.HH);
  }

  @Test
  void perfectReconstructionAndEnergyPreservation() {
    int w = 64;
    int h = 38;
    double[] x = new SplittableRandom(7).doubles(w * h, 0, 256).toArray();
    double[] c = new double[w * h];
    double[] back = new double[w * h];
    HaarDwt2d.forward(x, c, w, h);
    HaarDwt2d.inverse(c, back, w, h);
    double ex = 0;
    double ec = 0;
    for (int i = 0; i < x.length; i++) {
      assertThat(back[i]).isCloseTo(x[i], within(1e-9));
      ex += x[i] * x[i];
      ec += c[i] * c[i];
    }
    assertThat(ec).isCloseTo(ex, within(1e-6 * ex));
  }

  @Test
  void constantPlaneHasOnlyLowPassEnergy() {
    double[] c = new double[16];
    HaarDwt2d.forward(new double[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7}, c, 4, 4);
    for (int i = 0; i < 16; i++) {
      double expected = HaarDwt2d.subbandOf(i, 4, 4) == HaarDwt2d.LL ? 14 : 0;
      assertThat(c[i]).isEqualTo(expected);
    }
  }

  @Test
  void rejectsOddSizesAndInPlace() {
    assertThatThrownBy(() -> HaarDwt2d.forward(new double[6], new double[6], 3, 2)).hasMessageContaining("even");
    double[] a = new double[4];
    assertThatThrownBy(() -> HaarDwt2d.inverse(a, a, 2, 2)).hasMessageContaining("in place");
  }
}
