package io.flep.he.paillier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultiExponentiationTest {
  private final Random random = new Random(7);

  @Test
  void equalsTheProductOfSeparateExponentiations() {
    BigInteger modulus = BigInteger.probablePrime(512, random).multiply(BigInteger.probablePrime(512, random)).pow(2);
    for (int count : new int[] {1, 2, 5, 63, 64, 300}) {
      BigInteger[] bases = new BigInteger[count];
      BigInteger[] exponents = new BigInteger[count];
      BigInteger expected = BigInteger.ONE;
      for (int j = 0; j < count; j++) {
        bases[j] = new BigInteger(2040, random).mod(modulus);
        exponents[j] = j % 17 == 3 ? BigInteger.ZERO : new BigInteger(128, random);
        expected = expected.multiply(bases[j].modPow(exponents[j], modulus)).mod(modulus);
      }
      assertThat(MultiExponentiation.product(bases, exponents, modulus)).as("%d bases", count).isEqualTo(expected);
    }
  }

  @Test
  void handlesZeroExponentsAndRejectsMismatchedInput() {
    BigInteger m = BigInteger.valueOf(1_841_449);
    assertThat(MultiExponentiation.product(new BigInteger[] {BigInteger.TEN}, new BigInteger[] {BigInteger.ZERO}, m))
        .isEqualTo(BigInteger.ONE);
    assertThat(MultiExponentiation.product(new BigInteger[] {BigInteger.TEN, BigInteger.TWO},
        new BigInteger[] {BigInteger.valueOf(5), BigInteger.valueOf(1000)}, m))
        .isEqualTo(BigInteger.TEN.pow(5).multiply(BigInteger.TWO.modPow(BigInteger.valueOf(1000), m)).mod(m));
    assertThatThrownBy(() -> MultiExponentiation.product(new BigInteger[1], new BigInteger[2], m))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
