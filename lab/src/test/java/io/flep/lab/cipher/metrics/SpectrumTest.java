package io.flep.lab.cipher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flep.plugin.api.image.RasterImage;
import org.junit.jupiter.api.Test;

class SpectrumTest {

  @Test
  void whiteNoiseIsFlatWithoutAutocorrelation() {
    Spectrum.Result r = Spectrum.of(TestImages.random(256, 256, 1, 3), 0);

    assertThat(r.flatness()).isCloseTo(Spectrum.WHITE_NOISE_FLATNESS, within(0.01));
    assertThat(r.maxAutocorrelation()).isLessThan(0.03);
  }

  @Test
  void periodicStructureIsCaughtThatLagOneCorrelationMisses() {
    // random columns repeated every 16 pixels: neighbours are independent, the lag-16 copy is identical
    RasterImage noise = TestImages.random(16, 256, 1, 5);
    RasterImage periodic = TestImages.grey(256, 256, (x, y) -> noise.sample(x % 16, y, 0));

    Spectrum.Result r = Spectrum.of(periodic, 0);

    for (Correlation.Direction d : Correlation.Direction.values()) {
      assertThat(Math.abs(Correlation.adjacent(periodic, d))).as(d.name()).isLessThan(0.06);
    }
    assertThat(r.maxAutocorrelation()).isCloseTo(1.0, within(1e-9));
    assertThat(r.flatness()).isLessThan(0.01); // only every 16th column frequency carries power
  }

  @Test
  void aSmoothImageHasAPeakedSpectrum() {
    RasterImage wave = TestImages.grey(64, 64, (x, y) -> (int) Math.round(127.5 + 100 * Math.sin(2 * Math.PI * x / 16)));

    Spectrum.Result r = Spectrum.of(wave, 0);

    assertThat(r.flatness()).isLessThan(0.05);
    // circular autocorrelation of a sine with period 16 at lag 16 is 1
    assertThat(r.maxAutocorrelation()).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void constantPlaneIsUndefined() {
    assertThat(Spectrum.of(TestImages.grey(8, 8, (x, y) -> 7), 0).flatness()).isNaN();
  }
}
