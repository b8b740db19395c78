package io.flep.he.paillier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FixedExponentPower} against hand-computed values and {@link BigInteger#modPow}. */
class FixedExponentPowerTest {
  private final Random random = new Random(1414);

  /** By hand: 3^13 = 1,594,323 = 20,705·77 + 38, so 3^13 mod 77 = 38; 13 = 1101b, windows "11" and "01" for w = 2. */
  @Test
  void smallValuesByHand() {
    for (int w = 1; w <= 4; w++) {
      FixedExponentPower power = new FixedExponentPower(BigInteger.valueOf(13), new Montgomery(BigInteger.valueOf(77)), w);
      assertThat(power.pow(BigInteger.valueOf(3))).as("w=%d", w).isEqualTo(BigInteger.valueOf(38));
      assertThat(power.pow(BigInteger.ZERO)).isEqualTo(BigInteger.ZERO);
      assertThat(power.pow(BigInteger.ONE)).isEqualTo(BigInteger.ONE);
      assertThat(power.pow(BigInteger.valueOf(76))).as("(-1)^13").isEqualTo(BigInteger.valueOf(76));
    }
    FixedExponentPower zero = new FixedExponentPower(BigInteger.ZERO, BigInteger.valueOf(77));
    assertThat(zero.pow(BigInteger.valueOf(5))).isEqualTo(BigInteger.ONE);
  }

  @Test
  void matchesModPowForEveryWindowAndAwkwardExponents() {
    BigInteger modulus = BigInteger.probablePrime(512, random).pow(2);
    BigInteger[] exponents = {BigInteger.ONE, BigInteger.TWO, BigInteger.ONE.shiftLeft(700),
        BigInteger.ONE.shiftLeft(700).subtract(BigInteger.ONE), new BigInteger("100000000000000000000000001", 2),
        new BigInteger(1024, random), new BigInteger(1024, random).shiftLeft(37)};
    for (BigInteger e : exponents) {
      for (int w : new int[] {0, 1, 3, 5, 8}) {
        FixedExponentPower power = new FixedExponentPower(e, new Montgomery(modulus), w);
        for (int i = 0; i < 3; i++) {
          BigInteger x = new BigInteger(modulus.bitLength() - 1, random);
          assertThat(power.pow(x)).as("e=%s w=%d", e.toString(16), w).isEqualTo(x.modPow(e, modulus));
        }
      }
    }
  }

  @Test
  void montgomeryProductsInTheLazyRangeOnBothPaths() {
    // 2,048 and 4,096 bits: one fused pass; 7,000 bits (260 limbs): product, carries, then reduction
    for (int bits : new int[] {61, 2048, 4096, 7000}) {
      BigInteger modulus = new BigInteger(bits, random).setBit(bits - 1).setBit(0);
      Montgomery m = new Montgomery(modulus);
      long[] t = m.scratch();
      BigInteger rInverse = BigInteger.ONE.shiftLeft(Montgomery.LIMB_BITS * m.limbs()).modInverse(modulus);
      BigInteger top = modulus.shiftLeft(1).subtract(BigInteger.ONE); // operands anywhere in [0, 2N)
      for (int i = 0; i < 5; i++) {
        BigInteger a = i == 0 ? top : new BigInteger(bits + 1, random).mod(modulus.shiftLeft(1));
        BigInteger b = i == 1 ? top : new BigInteger(bits + 1, random).mod(modulus.shiftLeft(1));
        int[] product = new int[m.limbs()];
        m.multiply(m.limbsOf(a), 0, m.limbsOf(b), 0, product, 0, t);
        assertThat(m.normalised(product)).as("%d bits", bits).isEqualTo(a.multiply(b).multiply(rInverse).mod(modulus));
        assertThat(Montgomery.fromLimbs(product)).isLessThan(modulus.shiftLeft(1));
      }
      BigInteger x = new BigInteger(bits - 1, random);
      assertThat(m.fromMontgomery(m.toMontgomery(x), t)).isEqualTo(x);
    }
  }

  @Test
  void refusesBadInput() {
    FixedExponentPower power = new FixedExponentPower(BigInteger.TEN, BigInteger.valueOf(77));
    assertThatThrownBy(() -> power.pow(BigInteger.valueOf(77))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> power.pow(BigInteger.ONE.negate())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FixedExponentPower(BigInteger.ONE.negate(), BigInteger.valueOf(77)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FixedExponentPower(BigInteger.TEN, BigInteger.valueOf(78)))
        .hasMessageContaining("odd");
    assertThat(power.toString()).doesNotContain("10").contains("redacted");
    assertThat(FixedExponentPower.chooseWindow(1024)).isEqualTo(6);
    assertThat(FixedExponentPower.chooseWindow(4200)).isEqualTo(7);
  }
}
