package io.flep.he.paillier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FixedBaseExponentiation} against {@link BigInteger#modPow}. */
class FixedBaseExponentiationTest {
  private final Random random = new Random(14);

  @Test
  void matchesModPowForRandomExponentsAtPaillierSize() {
    BigInteger n = BigInteger.probablePrime(512, random).multiply(BigInteger.probablePrime(512, random));
    BigInteger n2 = n.multiply(n);
    BigInteger g = new BigInteger(n2.bitLength() - 1, random);
    FixedBaseExponentiation table = new FixedBaseExponentiation(g, n2, 512, 0);
    assertThat(table.window()).isEqualTo(8);
    for (int i = 0; i < 40; i++) {
      BigInteger e = new BigInteger(1 + random.nextInt(512), random);
      assertThat(table.pow(e)).as("g^%s", e).isEqualTo(g.modPow(e, n2));
    }
    BigInteger f = new BigInteger(n2.bitLength() - 1, random);
    BigInteger e = new BigInteger(512, random);
    assertThat(table.powTimes(e, f)).isEqualTo(g.modPow(e, n2).multiply(f).mod(n2));
  }

  @Test
  void edgeExponentsAndOddWindows() {
    BigInteger modulus = BigInteger.probablePrime(300, random).multiply(BigInteger.valueOf(3));
    BigInteger g = new BigInteger(299, random);
    for (int w : new int[] {1, 3, 5, 7}) {
      FixedBaseExponentiation table = new FixedBaseExponentiation(g, modulus, 100, w);
      BigInteger all = BigInteger.ONE.shiftLeft(100).subtract(BigInteger.ONE);
      for (BigInteger e : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, all,
          BigInteger.ONE.shiftLeft(99), new BigInteger(100, random)}) {
        assertThat(table.pow(e)).as("w=%d, e=%s", w, e).isEqualTo(g.modPow(e, modulus));
      }
      assertThat(table.powTimes(BigInteger.ZERO, BigInteger.valueOf(7))).isEqualTo(BigInteger.valueOf(7));
      assertThatThrownBy(() -> table.pow(BigInteger.ONE.shiftLeft(100))).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> table.pow(BigInteger.ONE.negate())).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void tinyModulusAndTheBaseOne() {
    BigInteger n2 = BigInteger.valueOf(77 * 77);
    FixedBaseExponentiation table = new FixedBaseExponentiation(BigInteger.valueOf(766), n2, 4, 0);
    for (int e = 0; e < 16; e++) {
      assertThat(table.pow(BigInteger.valueOf(e))).isEqualTo(BigInteger.valueOf(766).modPow(BigInteger.valueOf(e), n2));
    }
    FixedBaseExponentiation one = new FixedBaseExponentiation(BigInteger.ONE, n2, 8, 2);
    assertThat(one.pow(BigInteger.valueOf(200))).isEqualTo(BigInteger.ONE);
  }

  @Test
  void theTwoPassPathForModuliBeyondTheFusedLimbLimit() {
    // 7,000 bits needs 260 limbs: product and reduction in separate passes
    BigInteger modulus = new BigInteger(7000, random).setBit(6999).setBit(0);
    assertThat(Montgomery.limbCount(modulus.bitLength())).isGreaterThanOrEqualTo(Montgomery.FUSED_LIMIT);
    BigInteger g = new BigInteger(6990, random);
    FixedBaseExponentiation table = new FixedBaseExponentiation(g, modulus, 64, 4);
    for (int i = 0; i < 5; i++) {
      BigInteger e = new BigInteger(64, random);
      assertThat(table.pow(e)).isEqualTo(g.modPow(e, modulus));
    }
  }

  @Test
  void limbConversionRoundTrips() {
    for (int bits : new int[] {1, 26, 27, 28, 54, 100, 4096}) {
      BigInteger x = new BigInteger(bits, random).setBit(bits - 1);
      int limbs = (bits + 26) / 27;
      int[] l = Montgomery.toLimbs(x, limbs);
      assertThat(Montgomery.fromLimbs(l)).isEqualTo(x);
      assertThat(java.util.Arrays.stream(l).boxed().toList()).allSatisfy(v -> assertThat(v).isBetween(0, (1 << 27) - 1));
    }
    assertThat(FixedBaseExponentiation.digit(new byte[] {(byte) 0xA5, 0x3C}, 4, 8)).isEqualTo(0x53);
    assertThat(FixedBaseExponentiation.digit(new byte[] {(byte) 0xA5, 0x3C}, 12, 8)).as("past the top").isEqualTo(0xA);
  }

  @Test
  void sharedTablesAreBuiltOnceAndReused() throws Exception {
    BigInteger n2 = BigInteger.probablePrime(200, random).pow(2);
    BigInteger g = new BigInteger(150, random);
    FixedBaseExponentiation[] seen = new FixedBaseExponentiation[4];
    Thread[] threads = new Thread[4];
    for (int i = 0; i < threads.length; i++) {
      int k = i;
      threads[i] = new Thread(() -> seen[k] = FixedBaseExponentiation.shared(g, n2, 100));
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(seen).allSatisfy(t -> assertThat(t).isSameAs(seen[0]));
    assertThat(FixedBaseExponentiation.isShared(g, n2, 100)).isTrue();
    assertThat(FixedBaseExponentiation.isShared(g, n2, 101)).isFalse();
  }
}
