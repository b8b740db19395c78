package io.flep.encryption.threelayer.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianNoiseTest {

  @Test
  void addsNoiseWithTheRequestedMeanAndSigma() {
    double[] plane = new double[200_000];
    java.util.Arrays.fill(plane, 100);
    new GaussianNoise(3, 25).addTo(plane, new SplittableRandom(1));
    double sum = 0;
    double sq = 0;
    for (double v : plane) {
      sum += v - 100;
      sq += (v - 100) * (v - 100);
    }
    double mean = sum / plane.length;
    double sd = Math.sqrt(sq / plane.length - mean * mean);
    assertThat(mean).isCloseTo(3, within(0.3));
    assertThat(sd).isCloseTo(25, within(0.3));
  }

  @Test
  void noiseIsWhiteNeighboursUncorrelated() {
    double[] plane = new double[200_000];
    new GaussianNoise(0, 10).addTo(plane, new SplittableRandom(2));
    double c = 0;
    double v = 0;
    for (int i = 1; i < plane.length; i++) {
      c += plane[i] * plane[i - 1];
      v += plane[i] * plane[i];
    }
    assertThat(c / v).isCloseTo(0, within(0.01));
  }

  @Test
  void zeroSigmaAddsExactlyTheMean() {
    double[] plane = {1, 2, 3};
    new GaussianNoise(-1.5, 0).addTo(plane, new SplittableRandom(3));
    assertThat(plane).containsExactly(-0.5, 0.5, 1.5);
  }

  @Test
  void seededSourceIsReproducible() {
    double[] a = new double[100];
    double[] b = new double[100];
    new GaussianNoise(0, 25).addTo(a, new SplittableRandom(9));
    new GaussianNoise(0, 25).addTo(b, new SplittableRandom(9));
    assertThat(a).containsExactly(b);
  }

  @Test
  void rejectsBadParameters() {
    assertThatThrownBy(() -> new GaussianNoise(0, -1)).hasMessageContaining("sigma");
    assertThatThrownBy(() -> new GaussianNoise(0, Double.NaN)).hasMessageContaining("sigma");
    assertThatThrownBy(() -> new GaussianNoise(Double.POSITIVE_INFINITY, 1)).hasMessageContaining("mean");
  }
}
