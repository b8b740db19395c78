package io.flep.lab.cipher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flep.plugin.api.image.RasterImage;
import org.junit.jupiter.api.Test;

class HistogramTest {

  @Test
  void countsPerChannel() {
    RasterImage rgb = RasterImage.rgb(2, 1, new byte[] {1, 2, (byte) 255, 1, 3, (byte) 255});

    assertThat(Histogram.counts(rgb, 0)[1]).isEqualTo(2);
    assertThat(Histogram.counts(rgb, 1)[2]).isEqualTo(1);
    assertThat(Histogram.counts(rgb, 1)[3]).isEqualTo(1);
    assertThat(Histogram.counts(rgb, 2)[255]).isEqualTo(2);
    assertThatThrownBy(() -> Histogram.counts(rgb, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encryptionQualityHandComputed() {
    RasterImage plain = TestImages.grey(4, 4, (x, y) -> 0);
    RasterImage cipher = TestImages.grey(4, 4, (x, y) -> 4 * y + x);

    // level 0: |1 - 16| = 15, levels 1..15: 1 each -> 30 / 256
    assertThat(Histogram.encryptionQuality(plain, cipher)).isCloseTo(30.0 / 256, within(1e-12));
    assertThat(Histogram.encryptionQuality(plain, plain)).isZero();
  }

  @Test
  void encryptionQualityIgnoresPositionsOnlyLevels() {
    RasterImage a = TestImages.random(32, 32, 1, 3);
    RasterImage shuffled = TestImages.grey(32, 32, (x, y) -> a.sample(31 - x, 31 - y, 0));

    assertThat(Histogram.encryptionQuality(a, shuffled)).isZero();
    assertThatThrownBy(() -> Histogram.encryptionQuality(a, TestImages.random(32, 32, 3, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
