package io.flep.encryption.threelayer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeometryTest {

  @Test
  void unitIsLcmOfTwoAndTheBlockSide() {
    assertThat(Geometry.unit(1)).isEqualTo(2);
    assertThat(Geometry.unit(2)).isEqualTo(2);
    assertThat(Geometry.unit(3)).isEqualTo(6);
    assertThat(Geometry.unit(4)).isEqualTo(4);
    assertThat(Geometry.padded(256, 2)).isEqualTo(256);
    assertThat(Geometry.padded(257, 2)).isEqualTo(258);
    assertThat(Geometry.padded(1, 6)).isEqualTo(6);
  }

  @Test
  void padsByEdgeReplication() {
    // 3x2 RGB, take channel 1 into a 4x4 plane.
    byte[] s = new byte[3 * 2 * 3];
    for (int i = 0; i < 6; i++) {
      s[i * 3 + 1] = (byte) (10 * (i + 1));
    }
    double[] plane = new double[16];
    Geometry.extractPadded(s, 3, 2, 3, 1, plane, 4, 4);
    assertThat(plane).containsExactly(10, 20, 30, 30, 40, 50, 60, 60, 40, 50, 60, 60, 40, 50, 60, 60);
  }

  @Test
  void quantisesRoundingHalfUpThenClamping() {
    double[] plane = {-0.6, -0.5, 0.49, 0.5, 1.5, 2.5, 254.49, 254.5, 300, Double.NaN};
    byte[] out = new byte[plane.length];
    Geometry.quantize(plane, plane.length, plane.length, 1, 1, 0, out);
    int[] got = new int[out.length];
    for (int i = 0; i < out.length; i++) {
      got[i] = out[i] & 0xff;
    }
    assertThat(got).containsExactly(0, 0, 0, 1, 2, 3, 254, 255, 255, 0);
  }

  @Test
  void quantiseCropsToTheOriginalSizeAndInterleaves() {
    double[] plane = {1, 2, 9, 3, 4, 9, 9, 9, 9}; // 3x3 plane, 2x2 original
    byte[] out = new byte[2 * 2 * 3];
    Geometry.quantize(plane, 3, 2, 2, 3, 2, out);
    assertThat(out).containsExactly(0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4);
  }
}
