package io.flep.plugin.api.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RasterImageTest {

  @Test
  void samplesAreInterleavedRowByRow() {
    byte[] rgb = new byte[2 * 2 * 3];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) (i * 20);
    }
    RasterImage image = RasterImage.rgb(2, 2, rgb);

    assertThat(image.sample(0, 0, 0)).isEqualTo(0);
    assertThat(image.sample(1, 0, 2)).isEqualTo(100);
    assertThat(image.sample(1, 1, 2)).isEqualTo(220);
    assertThat(RasterImage.gray(1, 1, new byte[] {(byte) 255}).sample(0, 0, 0)).isEqualTo(255);
  }

  @Test
  void copiesOnConstructionAndRead() {
    byte[] samples = {1, 2, 3, 4};
    RasterImage image = RasterImage.gray(2, 2, samples);
    samples[0] = 9;
    image.samples()[1] = 9;

    assertThat(image.samples()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void rejectsInconsistentShapes() {
    assertThatThrownBy(() -> RasterImage.gray(2, 2, new byte[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a 2x2x1 image needs 4 samples, got 3");
    assertThatThrownBy(() -> new RasterImage(1, 1, 4, new byte[4])).hasMessageContaining("channels must be 1");
    assertThatThrownBy(() -> RasterImage.gray(0, 1, new byte[0])).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> RasterImage.gray(1, 1, new byte[1]).sample(1, 0, 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
