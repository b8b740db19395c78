package io.flep.lab.cipher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalQuantileTest {

  @Test
  void knownQuantilesInAllThreeRegions() {
    assertThat(NormalQuantile.inverseCdf(0.5)).isCloseTo(0.0, within(1e-12));
    assertThat(NormalQuantile.inverseCdf(0.975)).isCloseTo(1.959963985, within(1e-8));
    assertThat(NormalQuantile.inverseCdf(0.95)).isCloseTo(1.644853627, within(1e-8));
    assertThat(NormalQuantile.inverseCdf(0.001)).isCloseTo(-3.090232306, within(1e-8));
    assertThat(NormalQuantile.inverseCdf(0.9995)).isCloseTo(3.290526731, within(1e-8));
    assertThat(NormalQuantile.inverseCdf(1e-9)).isCloseTo(-5.997807015, within(1e-7));
  }

  @Test
  void symmetric() {
    for (double p : new double[] {0.001, 0.02, 0.1, 0.3}) {
      assertThat(NormalQuantile.inverseCdf(1 - p)).isCloseTo(-NormalQuantile.inverseCdf(p), within(1e-9));
    }
  }

  @Test
  void rejectsProbabilitiesOutsideTheOpenInterval() {
    for (double p : new double[] {0, 1, -0.1, Double.NaN}) {
      assertThatThrownBy(() -> NormalQuantile.inverseCdf(p)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
