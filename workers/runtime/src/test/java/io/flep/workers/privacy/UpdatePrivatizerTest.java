package io.flep.workers.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UpdatePrivatizerTest {

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  @Test
  void clipsToTheNormAndLeavesSmallUpdatesAlone() {
    UpdatePrivatizer almostNoNoise = new UpdatePrivatizer(new DifferentialPrivacy(1e-12, 2.0, 1e-5));
    double[] big = {3, 4, 0, 12}; // norm 13

    UpdatePrivatizer.Result r = almostNoNoise.privatize(big, 1, new Random(1));

    assertThat(r.clipped()).isTrue();
    assertThat(r.normBefore()).isEqualTo(13);
    assertThat(norm(r.update())).isCloseTo(2.0, within(1e-9));
    assertThat(r.update()[0] / r.update()[1]).as("direction kept").isCloseTo(0.75, within(1e-9));
    UpdatePrivatizer.Result small = almostNoNoise.privatize(new double[] {0.3, 0.4}, 1, new Random(1));
    assertThat(small.clipped()).isFalse();
    assertThat(small.update()).containsExactly(new double[] {0.3, 0.4}, within(1e-9));
  }

  @Test
  void eachAnalystAddsItsShareSoTheSumCarriesTheFullNoise() {
    DifferentialPrivacy dp = new DifferentialPrivacy(1.5, 0.5, 1e-5);
    int analysts = 4;
    int n = 200_000;
    double[] sum = new double[n];
    Random random = new Random(3);
    for (int a = 0; a < analysts; a++) {
      double[] noisy = new UpdatePrivatizer(dp).privatize(new double[n], analysts, random).update();
      for (int i = 0; i < n; i++) {
        sum[i] += noisy[i];
      }
    }
    double variance = 0;
    for (double v : sum) {
      variance += v * v;
    }
    // std of the sum = z * C = 0.75; the sample std of 200,000 draws is within 0.5 % of it almost surely
    assertThat(Math.sqrt(variance / n)).isCloseTo(0.75, within(0.75 * 0.005));
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> new DifferentialPrivacy(0, 1, 1e-5)).hasMessage("--dp-noise must be a positive number, got 0.0");
    assertThatThrownBy(() -> new DifferentialPrivacy(1, -1, 1e-5)).hasMessage("--dp-clip must be a positive number, got -1.0");
    assertThatThrownBy(() -> new DifferentialPrivacy(1, 1, 0)).hasMessage("--dp-delta must be in (0, 1), got 0.0");
    assertThatThrownBy(() -> new UpdatePrivatizer(new DifferentialPrivacy(1, 1, 1e-5))
        .privatize(new double[1], 0, new Random())).hasMessageContaining("contributors must be at least 1");
  }
}
