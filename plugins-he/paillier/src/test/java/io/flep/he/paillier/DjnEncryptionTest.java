package io.flep.he.paillier;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * Damgård–Jurik–Nielsen encryption ({@link PaillierPublicKey}): c = (1+n)^m · h_s^a mod n², h_s = (−x²)^n mod n².
 */
class DjnEncryptionTest {
  private static final BigInteger P = BigInteger.valueOf(7);
  private static final BigInteger Q = BigInteger.valueOf(11);
  private static final BigInteger N = BigInteger.valueOf(77);

  /**
   * By hand: n = 77, n² = 5929, k = 7 bits so a has ⌈7/2⌉ = 4 bits. x = 3: h = −9 mod 77 = 68, h_s = 68^77 mod 5929
   * = 766. a = 5: h_s^5 mod 5929 = 362, which is (h^5 mod 77)^77 = 10^77 mod 5929, an ordinary randomizer r^n with
   * r = 10. m = 42: c = (1 + 42·77)·362 mod 5929 = 3235·362 mod 5929 = 3057; λ = lcm(6, 10) = 30 decrypts it to 42.
   * m = 30, a = 11: c' = 5199, and c·c' decrypts to 72.
   */
  @Test
  void knownAnswerWithSmallParameters() {
    BigInteger hs = PaillierPublicKey.djnBase(N, BigInteger.valueOf(3));
    assertThat(hs).isEqualTo(BigInteger.valueOf(766));
    PaillierPublicKey pub = new PaillierPublicKey(N, N.add(BigInteger.ONE), hs);
    PaillierPrivateKey priv = new PaillierPrivateKey(pub, P, Q);
    assertThat(pub.djnExponentBits()).isEqualTo(4);
    BigInteger n2 = pub.nSquared();
    assertThat(hs.modPow(BigInteger.valueOf(5), n2)).isEqualTo(BigInteger.valueOf(362))
        .isEqualTo(BigInteger.TEN.modPow(N, n2));

    BigInteger c = pub.encryptDjn(BigInteger.valueOf(42), BigInteger.valueOf(5));
    assertThat(c).isEqualTo(BigInteger.valueOf(3057)).isEqualTo(pub.encrypt(BigInteger.valueOf(42), BigInteger.TEN));
    assertThat(priv.decrypt(c)).isEqualTo(BigInteger.valueOf(42));

    BigInteger c2 = pub.encryptDjn(BigInteger.valueOf(30), BigInteger.valueOf(11));
    assertThat(c2).isEqualTo(BigInteger.valueOf(5199));
    assertThat(priv.decrypt(pub.add(c, c2))).isEqualTo(BigInteger.valueOf(72));
  }

  @Test
  void everyExponentOfTheSmallKeyDecryptsAndTheFusedPathAgrees() {
    PaillierPublicKey pub = new PaillierPublicKey(N, N.add(BigInteger.ONE), BigInteger.valueOf(766));
    PaillierPrivateKey priv = new PaillierPrivateKey(pub, P, Q);
    SecureRandom random = new SecureRandom();
    for (int a = 0; a < 16; a++) {
      for (int m = 0; m < 77; m += 11) {
        BigInteger c = pub.encryptDjn(BigInteger.valueOf(m), BigInteger.valueOf(a));
        BigInteger expected = N.add(BigInteger.ONE).modPow(BigInteger.valueOf(m), pub.nSquared())
            .multiply(BigInteger.valueOf(766).modPow(BigInteger.valueOf(a), pub.nSquared())).mod(pub.nSquared());
        assertThat(c).isEqualTo(expected);
        assertThat(priv.decrypt(c)).isEqualTo(BigInteger.valueOf(m));
      }
    }
    for (int m = 0; m < 77; m++) {
      assertThat(priv.decrypt(pub.encrypt(BigInteger.valueOf(m), random))).isEqualTo(BigInteger.valueOf(m));
    }
  }

  @Test
  void roundTripsAndHomomorphicAdditionAt1024Bits() {
    SecureRandom random = new SecureRandom();
    PaillierKeyPair pair = PaillierKeyPair.generate(1024, random);
    PaillierPublicKey pub = pair.publicKey();
    assertThat(pub.hs()).isPresent();
    assertThat(pub.djnExponentBits()).isEqualTo(512);
    BigInteger m1 = new BigInteger(1000, random);
    BigInteger m2 = new BigInteger(1000, random);
    BigInteger c1 = pub.encrypt(m1, random);
    BigInteger c2 = pub.encrypt(m2, random);
    assertThat(c1).isNotEqualTo(pub.encrypt(m1, random));
    assertThat(pair.privateKey().decrypt(c1)).isEqualTo(m1);
    assertThat(pair.privateKey().decrypt(pub.add(c1, c2))).isEqualTo(m1.add(m2).mod(pub.n()));
    assertThat(pair.privateKey().decrypt(pub.multiply(c1, BigInteger.valueOf(3)))).isEqualTo(m1.multiply(BigInteger.valueOf(3)).mod(pub.n()));
    // a textbook ciphertext and a DJN one add up too: both randomizers are n-th powers
    BigInteger textbook = pub.encryptTextbook(m2, random);
    assertThat(pair.privateKey().decrypt(pub.add(c1, textbook))).isEqualTo(m1.add(m2).mod(pub.n()));
    // the randomizer is an n-th residue: (h_s^a)^λ = 1
    BigInteger lambda = pair.privateKey().p().subtract(BigInteger.ONE).multiply(pair.privateKey().q().subtract(BigInteger.ONE));
    assertThat(pub.randomizer(random).modPow(lambda, pub.nSquared())).isEqualTo(BigInteger.ONE);
    assertThat(pub.djnTableBuilt()).isTrue();
  }
}
