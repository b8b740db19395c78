package io.flep.lab.cipher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.image.RasterImage;
import org.junit.jupiter.api.Test;

class BenchImagesTest {

  @Test
  void deterministicGreyImageWithAPlainImageLikeRange() {
    RasterImage a = BenchImages.grey(64);
    RasterImage b = BenchImages.grey(64);

    assertThat(a.channels()).isEqualTo(1);
    assertThat(a.width()).isEqualTo(64);
    assertThat(a.samples()).isEqualTo(b.samples());
    int[] histogram = new int[256];
    for (byte s : a.samples()) {
      histogram[s & 0xff]++;
    }
    long used = java.util.Arrays.stream(histogram).filter(c -> c > 0).count();
    assertThat(used).as("not a constant image").isGreaterThan(50);
    assertThat(a.sample(0, 0, 0)).isNotEqualTo(a.sample(63, 63, 0));
  }

  @Test
  void rejectsNonPositiveSize() {
    assertThatThrownBy(() -> BenchImages.grey(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
