package io.flep.he.paillier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ThresholdPaillierTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static PaillierKeyPair pair;

  @BeforeAll
  static void key() {
    pair = PaillierKeyPair.generate(1024, RANDOM);
  }

  @Test
  void lagrangeCoefficientsTimesDeltaAreTheKnownIntegers() {
    BigInteger delta = ThresholdPaillier.delta(3);
    assertThat(delta).isEqualTo(BigInteger.valueOf(6));
    // S = {1, 2}: mu_1 = 6 * 2 / (2 - 1) = 12, mu_2 = 6 * 1 / (1 - 2) = -6; 12 f(1) - 6 f(2) = 6 f(0) for linear f
    assertThat(ThresholdPaillier.lagrangeTimesDelta(new int[] {1, 2}, 2, 0, delta)).isEqualTo(BigInteger.valueOf(12));
    assertThat(ThresholdPaillier.lagrangeTimesDelta(new int[] {1, 2}, 2, 1, delta)).isEqualTo(BigInteger.valueOf(-6));
    // S = {2, 3}: mu_2 = 6 * 3 / 1 = 18, mu_3 = 6 * 2 / (-1) = -12
    assertThat(ThresholdPaillier.lagrangeTimesDelta(new int[] {3, 2}, 2, 0, delta)).isEqualTo(BigInteger.valueOf(-12));
    assertThat(ThresholdPaillier.delta(5)).isEqualTo(BigInteger.valueOf(120));
  }

  @Test
  void anyTwoOfThreeSharesDecryptAndTheSharesReconstructTheExponent() {
    List<ThresholdPaillier.Share> shares = ThresholdPaillier.deal(pair, 2, 3, RANDOM);
    BigInteger m = new BigInteger(900, RANDOM);
    BigInteger c = pair.publicKey().encrypt(m, RANDOM);

    int[][] subsets = {{1, 2}, {1, 3}, {2, 3}, {3, 1}};
    for (int[] subset : subsets) {
      BigInteger[] partials = new BigInteger[2];
      for (int a = 0; a < 2; a++) {
        partials[a] = ThresholdPaillier.partialDecrypt(pair.publicKey(), 3, shares.get(subset[a] - 1), c);
      }
      assertThat(ThresholdPaillier.combine(pair.publicKey(), 3, 2, subset, partials)).as("shares %d and %d",
          subset[0], subset[1]).isEqualTo(m);
    }
  }

  @Test
  void threeOfFiveWorksAndTwoOfThemDoNot() {
    List<ThresholdPaillier.Share> shares = ThresholdPaillier.deal(pair, 3, 5, RANDOM);
    BigInteger m = BigInteger.valueOf(424242);
    BigInteger c = pair.publicKey().encrypt(m, RANDOM);
    int[] subset = {5, 2, 4};
    BigInteger[] partials = new BigInteger[3];
    for (int a = 0; a < 3; a++) {
      partials[a] = ThresholdPaillier.partialDecrypt(pair.publicKey(), 5, shares.get(subset[a] - 1), c);
    }
    assertThat(ThresholdPaillier.combine(pair.publicKey(), 5, 3, subset, partials)).isEqualTo(m);
    // with only two of the three, combining as if the threshold were 2 gives garbage
    assertThat(ThresholdPaillier.combine(pair.publicKey(), 5, 2, new int[] {5, 2},
        new BigInteger[] {partials[0], partials[1]})).isNotEqualTo(m);
  }

  @Test
  void parametersAreChecked() {
    assertThatThrownBy(() -> ThresholdPaillier.deal(pair, 1, 3, RANDOM)).hasMessageContaining("'threshold'");
    assertThatThrownBy(() -> ThresholdPaillier.deal(pair, 4, 3, RANDOM)).hasMessageContaining("'threshold'");
    assertThatThrownBy(() -> ThresholdPaillier.deal(pair, 2, 1, RANDOM)).hasMessageContaining("'shareholders'");
    assertThat(new ThresholdPaillier.Share(1, BigInteger.TEN).toString()).doesNotContain("10");
  }
}
