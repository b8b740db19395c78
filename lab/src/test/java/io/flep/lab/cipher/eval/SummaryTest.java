package io.flep.lab.cipher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SummaryTest {

  @Test
  void meanAndSampleStandardDeviation() {
    Summary s = Summary.of(new double[] {1, 2, 3, 4});

    assertThat(s.mean()).isEqualTo(2.5);
    assertThat(s.std()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
    assertThat(s.n()).isEqualTo(4);
  }

  @Test
  void nonFiniteValuesAreSkipped() {
    Summary s = Summary.of(new double[] {Double.NaN, 2, Double.POSITIVE_INFINITY});

    assertThat(s.mean()).isEqualTo(2);
    assertThat(s.std()).isZero();
    assertThat(s.n()).isEqualTo(1);
    assertThat(Summary.of(new double[] {Double.NaN}).mean()).isNaN();
  }
}
