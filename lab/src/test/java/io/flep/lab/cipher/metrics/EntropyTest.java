package io.flep.lab.cipher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flep.plugin.api.image.RasterImage;
import org.junit.jupiter.api.Test;

class EntropyTest {

  @Test
  void uniformHistogramHasEightBits() {
    RasterImage uniform = TestImages.grey(256, 256, (x, y) -> x + y);

    assertThat(Entropy.global(uniform)).isCloseTo(8.0, within(1e-12));
  }

  @Test
  void constantTwoLevelAndFourLevelImages() {
    assertThat(Entropy.global(TestImages.grey(8, 8, (x, y) -> 42))).isZero();
    assertThat(Entropy.global(TestImages.grey(8, 8, (x, y) -> x % 2 * 200))).isCloseTo(1.0, within(1e-12));
    // p = 1/2, 1/4, 1/4: H = 1.5 bits
    assertThat(Entropy.global(TestImages.grey(4, 1, (x, y) -> x < 2 ? 0 : x))).isCloseTo(1.5, within(1e-12));
  }

  @Test
  void rgbEntropyIsTheMeanOfTheChannels() {
    // R constant (0 bits), G two levels (1 bit), B uniform over 4 levels (2 bits)
    byte[] s = new byte[4 * 3];
    for (int x = 0; x < 4; x++) {
      s[3 * x] = 9;
      s[3 * x + 1] = (byte) (x % 2);
      s[3 * x + 2] = (byte) x;
    }
    RasterImage rgb = RasterImage.rgb(4, 1, s);

    assertThat(Entropy.global(rgb, 2)).isCloseTo(2.0, within(1e-12));
    assertThat(Entropy.global(rgb)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void randomImagesScoreTheKnownReferenceValues() {
    RasterImage random = TestImages.random(256, 256, 1, 7);

    assertThat(Entropy.global(random)).isCloseTo(7.9972, within(0.001));
    // Wu et al. 2013: mean local entropy of random data ≈ 7.902469 for k = 30, T_B = 1936; its standard
    // deviation is ≈ 0.0015 (simulated here: 200 random images, mean 7.90244, sd 0.00154), so allow 3.5 sd
    assertThat(Entropy.local(random, Entropy.DEFAULT_SEED)).isCloseTo(7.9025, within(0.0054));
  }

  @Test
  void localEntropyIsSeededAndSeesLocalStructure() {
    RasterImage random = TestImages.random(256, 256, 1, 7);

    assertThat(Entropy.local(random, 1)).isEqualTo(Entropy.local(random, 1));
    assertThat(Entropy.local(random, 1)).isNotEqualTo(Entropy.local(random, 2));
    assertThat(Entropy.local(TestImages.grey(256, 256, (x, y) -> 5), 1)).isZero();
    // uniform histogram globally, but each block of 1936 pixels holds fewer than 256 levels equally often
    RasterImage ramp = TestImages.grey(256, 256, (x, y) -> x + y);
    assertThat(Entropy.local(ramp, 1)).isLessThan(Entropy.global(ramp));
  }

  @Test
  void localEntropyNeedsEnoughPixels() {
    RasterImage small = TestImages.random(200, 200, 1, 1); // 40,000 < 30 * 1936

    assertThatThrownBy(() -> Entropy.local(small, 0, Entropy.BLOCKS, Entropy.BLOCK_PIXELS, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1936");
    assertThat(Entropy.local(small, 0, 4, 100, 1)).isBetween(6.0, 8.0);
  }
}
