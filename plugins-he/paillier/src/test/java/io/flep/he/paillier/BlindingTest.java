package io.flep.he.paillier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Base blinding of decryption ({@link PaillierPrivateKey}) and of partial decryption ({@link ThresholdPublicKey}). */
class BlindingTest {
  private final SecureRandom random = new SecureRandom();

  /** By hand: p = 7, q = 11. ρ_p = 3^7 mod 49 = 31 and ρ_q = 2^11 mod 121 = 112 are p-th / q-th powers. */
  @Test
  void blindingFactorsVanishInTheExponentAndAreSquaredAfterEachUse() {
    BigInteger n = BigInteger.valueOf(77);
    PaillierPublicKey pub = PaillierPublicKey.withStandardGenerator(n);
    PaillierPrivateKey priv = new PaillierPrivateKey(pub, BigInteger.valueOf(7), BigInteger.valueOf(11));
    BigInteger rp = BigInteger.valueOf(3).modPow(BigInteger.valueOf(7), BigInteger.valueOf(49));
    BigInteger rq = BigInteger.TWO.modPow(BigInteger.valueOf(11), BigInteger.valueOf(121));
    assertThat(rp).isEqualTo(BigInteger.valueOf(31));
    assertThat(rq).isEqualTo(BigInteger.valueOf(112));
    assertThat(rp.modPow(BigInteger.valueOf(6), BigInteger.valueOf(49))).isEqualTo(BigInteger.ONE);
    assertThat(rq.modPow(BigInteger.TEN, BigInteger.valueOf(121))).isEqualTo(BigInteger.ONE);
    PaillierPrivateKey.Blinding blinding = priv.new Blinding(rp, rq);
    for (int m = 0; m < 77; m++) {
      BigInteger c = pub.encrypt(BigInteger.valueOf(m), BigInteger.valueOf(23));
      assertThat(priv.decrypt(c, blinding)).isEqualTo(BigInteger.valueOf(m));
    }
    // 77 uses: ρ_p = 31^(2^77) mod 49
    assertThat(blinding.rp()).isEqualTo(rp.modPow(BigInteger.TWO.pow(77), BigInteger.valueOf(49)));
    // a factor outside the subgroup (not a p-th power) would change the result: the test can tell
    PaillierPrivateKey.Blinding wrong = priv.new Blinding(BigInteger.TWO, BigInteger.ONE);
    BigInteger c = pub.encrypt(BigInteger.valueOf(5), BigInteger.valueOf(23));
    assertThat(priv.decrypt(c, wrong)).isNotEqualTo(BigInteger.valueOf(5));
  }

  /**
   * p = 7 and a 61-bit q: the Montgomery arithmetic modulo p² gets R &gt; q² (5 limbs instead of 1), so every c &lt; n²
   * is reduced without a division; a ciphertext outside [0, n²) is refused.
   */
  @Test
  void primesOfVeryDifferentLengthsStillDecrypt() {
    BigInteger p = BigInteger.valueOf(7);
    BigInteger q = BigInteger.valueOf(2305843009213693951L); // 2^61 − 1, a Mersenne prime
    PaillierPublicKey pub = PaillierPublicKey.withStandardGenerator(p.multiply(q));
    PaillierPrivateKey priv = new PaillierPrivateKey(pub, p, q);
    for (BigInteger m : List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(42), BigInteger.ONE.shiftLeft(62),
        pub.n().subtract(BigInteger.ONE))) {
      assertThat(priv.decrypt(pub.encrypt(m, random))).as("m = %s", m).isEqualTo(m);
    }
    assertThatThrownBy(() -> priv.decrypt(pub.nSquared())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, n^2)");
  }

  @Test
  void blindedParallelDecryptionOfManyCiphertexts() {
    PaillierKeyPair pair = PaillierKeyPair.generate(1024, random);
    BigInteger[] m = new BigInteger[300];
    BigInteger[] c = new BigInteger[m.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = new BigInteger(1000, random);
      c[i] = pair.publicKey().encrypt(m[i], random);
    }
    assertThat(pair.privateKey().decryptAll(c, random)).containsExactly(m);
    assertThat(PaillierPrivateKey.blindingRun(1_000_000)).isEqualTo(PaillierPrivateKey.BLINDING_REFRESH);
    assertThat(PaillierPrivateKey.blindingRun(3)).isEqualTo(16);
    int cores = Runtime.getRuntime().availableProcessors();
    int run = PaillierPrivateKey.blindingRun(100 * cores);
    assertThat((100 * cores + run - 1) / run).as("runs for 100 ciphertexts per core").isGreaterThanOrEqualTo(6 * cores);
  }

  @Test
  void blindedPartialDecryptionEqualsTheUnblindedOne() {
    ThresholdPaillier.Dealing dealing = ThresholdPaillier.deal(ThresholdPaillier.SafeModulus.generate(512, random), 2, 3, random);
    ThresholdPublicKey key = dealing.publicKey();
    PaillierPublicKey pub = key.paillier();
    List<ThresholdPaillier.Share> shares = dealing.shares();
    BigInteger c = pub.encrypt(BigInteger.valueOf(12345), random);
    for (ThresholdPaillier.Share share : shares) {
      ThresholdPublicKey.Blinding blinding = key.new Blinding(share.index(), random);
      FixedExponentPower exponent = key.shareExponent(share);
      for (int use = 0; use < 5; use++) { // the pair squared between uses still strips exactly
        assertThat(key.partialDecrypt(exponent, c, blinding)).isEqualTo(key.partialDecrypt(share, c));
      }
    }
    // a blinding pair made for another holder's verification key does not strip: holder 1's pair on share 2
    ThresholdPublicKey.Blinding other = key.new Blinding(1, random);
    assertThat(key.partialDecrypt(key.shareExponent(shares.get(1)), c, other))
        .isNotEqualTo(key.partialDecrypt(shares.get(1), c));
  }
}
