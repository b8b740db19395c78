package io.flep.lab.denoise.training;

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

  @Test
  void downsampleAveragesBlocksAndDropsTheRagEdge() {
    GreyPlane p = new GreyPlane("p", 5, 2, new byte[] {0, 2, 10, 20, 99, 4, 6, 30, 41, 99});

    GreyPlane half = p.downsample(2);

    assertThat(half.width()).isEqualTo(2);
    assertThat(half.height()).isEqualTo(1);
    assertThat(half.at(0, 0)).isEqualTo(3); // (0 + 2 + 4 + 6) / 4
    assertThat(half.at(1, 0)).isEqualTo(25); // (10 + 20 + 30 + 41) / 4 = 25.25
    assertThat(p.downsample(1)).isSameAs(p);
    assertThatThrownBy(() -> p.downsample(3)).hasMessage("p: 5x2 is too small to downsample by 3");
    assertThatThrownBy(() -> p.downsample(0)).hasMessage("downsampling factor must be >= 1, got 0");
  }
}
