package io.flep.lab.cipher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CriticalValuesTest {

  /** The formulas must reproduce Wu et al.'s published table (4 decimals) for 256² and 512². */
  @ParameterizedTest
  @CsvSource({
      "256, 0.05, 99.5693, 33.2824, 33.6447",
      "256, 0.01, 99.5527, 33.2255, 33.7016",
      "256, 0.001, 99.5341, 33.1594, 33.7677",
      "512, 0.05, 99.5893, 33.3730, 33.5541",
      "512, 0.01, 99.5810, 33.3445, 33.5826"})
  void formulasReproduceThePublishedTable(int side, double alpha, double npcr, double low, double high) {
    CriticalValues computed = CriticalValues.compute(side * side, alpha);

    assertThat(computed.npcr()).isCloseTo(npcr, within(0.00006));
    assertThat(computed.uaciLow()).isCloseTo(low, within(0.00006));
    assertThat(computed.uaciHigh()).isCloseTo(high, within(0.00006));
    assertThat(computed.tabulated()).isFalse();
    CriticalValues table = CriticalValues.forPixels(side * side, alpha);
    assertThat(table.tabulated()).isTrue();
    assertThat(table.npcr()).isEqualTo(npcr);
  }

  @Test
  void otherSizesAreComputedAndTightenWithSize() {
    CriticalValues small = CriticalValues.forPixels(100 * 100, 0.05);
    CriticalValues big = CriticalValues.forPixels(1024 * 1024, 0.05);

    assertThat(small.tabulated()).isFalse();
    assertThat(small.npcr()).isLessThan(big.npcr()).isLessThan(100 * 255.0 / 256);
    assertThat(small.uaciLow()).isLessThan(big.uaciLow());
    assertThat(small.uaciHigh()).isGreaterThan(big.uaciHigh());
    // the interval is centred on the ideal UACI (F+2)/(3F+3)
    assertThat((big.uaciLow() + big.uaciHigh()) / 2).isCloseTo(100 * 257.0 / 768, within(1e-9));
  }

  @Test
  void passChecksUseTheBounds() {
    CriticalValues cv = CriticalValues.forPixels(256 * 256, 0.05);

    assertThat(cv.npcrPasses(99.5693)).isTrue();
    assertThat(cv.npcrPasses(99.5692)).isFalse();
    assertThat(cv.uaciPasses(33.46)).isTrue();
    assertThat(cv.uaciPasses(33.28)).isFalse();
    assertThat(cv.uaciPasses(33.65)).isFalse();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> CriticalValues.compute(0, 0.05)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CriticalValues.compute(100, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
