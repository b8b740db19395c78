package io.flep.lab.cipher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TimingTest {

  @Test
  void medianP90AndMeanOfUnsortedSamples() {
    long[] samples = {9, 1, 8, 2, 7, 3, 6, 4, 5, 10, 999, 999};

    Timing t = Timing.of(samples, 10, 1_000_000);

    assertThat(t.iterations()).isEqualTo(10);
    assertThat(t.medianNs()).isEqualTo(5.5);
    assertThat(t.p90Ns()).isEqualTo(9);
    assertThat(t.meanNs()).isEqualTo(5.5);
    assertThat(samples[0]).as("input left alone").isEqualTo(9);
  }

  @Test
  void oddCountMedianAndThroughput() {
    Timing t = Timing.of(new long[] {2_000_000, 1_000_000, 3_000_000}, 3, 65_536);

    assertThat(t.medianMs()).isEqualTo(2.0);
    assertThat(t.p90Ms()).isEqualTo(3.0);
    assertThat(t.megabytesPerSecond()).isCloseTo(65_536 / 0.002 / 1e6, within(1e-9));
  }

  @Test
  void noSamplesIsAnError() {
    assertThatThrownBy(() -> Timing.of(new long[0], 0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
