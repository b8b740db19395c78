package io.flep.workers.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RdpAccountantTest {

  /** min over α > 1 of aα + L/(α−1) is a + 2√(aL), at α = 1 + √(L/a), with a = T/(2z²), L = ln(1/δ). */
  private static double closedForm(double z, int rounds, double delta) {
    double a = rounds / (2 * z * z);
    double l = Math.log(1 / delta);
    return a + 2 * Math.sqrt(a * l);
  }

  @Test
  void matchesTheClosedFormOptimumWhenItLiesAmongTheOrders() {
    // z = 1, one round, delta 1e-5: optimum at alpha = 5.80, epsilon = 5.2985
    assertThat(RdpAccountant.epsilon(1.0, 1, 1e-5)).isCloseTo(5.2985, within(1e-3))
        .isCloseTo(closedForm(1.0, 1, 1e-5), within(1e-3));
    // z = 4, 20 rounds: optimum alpha = 1 + sqrt(11.51 / 0.625) = 5.29
    assertThat(RdpAccountant.epsilon(4.0, 20, 1e-5)).isCloseTo(closedForm(4.0, 20, 1e-5), within(1e-3));
    // z = 10, 5 rounds: optimum alpha = 44.9, an integer order nearby
    assertThat(RdpAccountant.epsilon(10.0, 5, 1e-5)).isCloseTo(closedForm(10.0, 5, 1e-5), within(1e-3));
  }

  @Test
  void moreRoundsCostMorePrivacyAndMoreNoiseLess() {
    assertThat(RdpAccountant.epsilon(1.0, 0, 1e-5)).isZero();
    assertThat(RdpAccountant.epsilon(1.0, 10, 1e-5)).isGreaterThan(RdpAccountant.epsilon(1.0, 5, 1e-5));
    assertThat(RdpAccountant.epsilon(2.0, 5, 1e-5)).isLessThan(RdpAccountant.epsilon(1.0, 5, 1e-5));
    assertThat(RdpAccountant.epsilon(1.0, 5, 1e-3)).isLessThan(RdpAccountant.epsilon(1.0, 5, 1e-6));
  }

  @Test
  void rejectsSettingsWithoutMeaning() {
    assertThatThrownBy(() -> RdpAccountant.epsilon(0, 1, 1e-5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RdpAccountant.epsilon(1, -1, 1e-5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RdpAccountant.epsilon(1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
