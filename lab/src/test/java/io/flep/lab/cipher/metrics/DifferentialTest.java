package io.flep.lab.cipher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flep.plugin.api.image.RasterImage;
import org.junit.jupiter.api.Test;

class DifferentialTest {

  @Test
  void identicalImagesScoreZero() {
    RasterImage a = TestImages.random(16, 16, 3, 1);

    assertThat(Differential.npcr(a, a)).isZero();
    assertThat(Differential.uaci(a, a)).isZero();
  }

  @Test
  void bitwiseComplementChangesEveryPixel() {
    RasterImage a = TestImages.grey(16, 16, (x, y) -> x * 16 + y);

    assertThat(Differential.npcr(a, TestImages.complement(a))).isEqualTo(100.0);
  }

  @Test
  void blackVersusWhiteHasUaciHundred() {
    RasterImage black = TestImages.grey(8, 8, (x, y) -> 0);
    RasterImage white = TestImages.grey(8, 8, (x, y) -> 255);

    assertThat(Differential.uaci(black, white)).isEqualTo(100.0);
    assertThat(Differential.npcr(black, white)).isEqualTo(100.0);
  }

  @Test
  void handComputedSmallCase() {
    RasterImage a = RasterImage.gray(2, 2, new byte[] {0, 10, 20, 30});
    RasterImage b = RasterImage.gray(2, 2, new byte[] {0, 11, 20, (byte) 200});

    assertThat(Differential.npcr(a, b)).isEqualTo(50.0);
    // (1 + 170) / (255 * 4) * 100, unsigned samples
    assertThat(Differential.uaci(a, b)).isCloseTo(100.0 * 171 / 1020, within(1e-12));
  }

  @Test
  void twoRandomImagesApproachTheIdealValues() {
    RasterImage a = TestImages.random(256, 256, 1, 1);
    RasterImage b = TestImages.random(256, 256, 1, 2);

    assertThat(Differential.npcr(a, b)).isCloseTo(99.6094, within(0.1));
    assertThat(Differential.uaci(a, b)).isCloseTo(33.4635, within(0.3));
  }

  @Test
  void firstPixelPlusOneWrapsAndTouchesOnlyPixelZero() {
    RasterImage rgb = RasterImage.rgb(2, 1, new byte[] {(byte) 255, 7, 0, 1, 2, 3});

    RasterImage changed = Differential.firstPixelPlusOne(rgb);

    assertThat(changed.samples()).containsExactly(0, 8, 1, 1, 2, 3);
    assertThat(rgb.sample(0, 0, 0)).as("input unchanged").isEqualTo(255);
  }

  @Test
  void cropTopLeftKeepsRowsAligned() {
    RasterImage a = TestImages.grey(4, 3, (x, y) -> 10 * y + x);

    RasterImage c = Differential.cropTopLeft(a, 2, 2);

    assertThat(c.samples()).containsExactly(0, 1, 10, 11);
    assertThat(Differential.cropTopLeft(a, 4, 3)).isSameAs(a);
    assertThatThrownBy(() -> Differential.cropTopLeft(a, 5, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void differentShapesAreRejected() {
    RasterImage a = TestImages.random(4, 4, 1, 1);
    RasterImage b = TestImages.random(4, 4, 3, 1);

    assertThatThrownBy(() -> Differential.npcr(a, b)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shape");
    assertThatThrownBy(() -> Differential.uaci(a, TestImages.random(4, 5, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
