package io.flep.workers.denoise.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GreyPlaneTest {

  @Test
  void centreCropTakesTheMiddleAndRoundingClamps() {
    byte[] p = new byte[16];
    for (int i = 0; i < 16; i++) {
      p[i] = (byte) i;
    }
    GreyPlane g = new GreyPlane("g", 4, 4, p);
    GreyPlane c = g.centreCrop(2);
    assertThat(c.pixels()).containsExactly(5, 6, 9, 10);
    assertThat(g.centreCrop(9)).isSameAs(g);
    GreyPlane r = GreyPlane.ofFloats("r", 4, 1, new float[] {-3f, 0.5f, 254.6f, 300f});
    assertThat(r.toFloats()).containsExactly(0f, 1f, 255f, 255f);
  }

  @Test
  void rejectsWrongSampleCount() {
    assertThatThrownBy(() -> new GreyPlane("x", 2, 2, new byte[3])).hasMessageContaining("x: 3 samples");
  }
}
