package io.flep.he.paillier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** {@link PaillierPublicKey}, {@link PaillierPrivateKey} and {@link PaillierKeyPair} on textbook numbers. */
class PaillierKeysTest {
  private static final BigInteger P = BigInteger.valueOf(7);
  private static final BigInteger Q = BigInteger.valueOf(11);
  private static final BigInteger N = BigInteger.valueOf(77);

  /** The worked example of the Wikipedia article "Paillier cryptosystem": p=7, q=11, g=5652, m=42, r=23 → c=4624. */
  @Test
  void wikipediaKnownAnswerWithGeneralGenerator() {
    PaillierPublicKey pub = new PaillierPublicKey(N, BigInteger.valueOf(5652));
    PaillierPrivateKey priv = new PaillierPrivateKey(pub, P, Q);

    BigInteger c = pub.encrypt(BigInteger.valueOf(42), BigInteger.valueOf(23));

    assertThat(c).isEqualTo(BigInteger.valueOf(4624));
    assertThat(priv.decrypt(c)).isEqualTo(BigInteger.valueOf(42));
  }

  @Test
  void standardGeneratorFastPathMatchesTheTextbookFormula() {
    PaillierPublicKey pub = PaillierPublicKey.withStandardGenerator(N);
    PaillierPrivateKey priv = new PaillierPrivateKey(pub, P, Q);
    BigInteger n2 = N.multiply(N);
    for (int m = 0; m < 77; m += 7) {
      BigInteger r = BigInteger.valueOf(23);
      BigInteger expected = N.add(BigInteger.ONE).modPow(BigInteger.valueOf(m), n2).multiply(r.modPow(N, n2)).mod(n2);

      BigInteger c = pub.encrypt(BigInteger.valueOf(m), r);

      assertThat(c).isEqualTo(expected);
      assertThat(priv.decrypt(c)).isEqualTo(BigInteger.valueOf(m));
    }
  }

  @Test
  void homomorphicOperationsOnTextbookKey() {
    PaillierPublicKey pub = new PaillierPublicKey(N, BigInteger.valueOf(5652));
    PaillierPrivateKey priv = new PaillierPrivateKey(pub, P, Q);
    SecureRandom random = new SecureRandom();
    BigInteger a = pub.encrypt(BigInteger.valueOf(30), random);
    BigInteger b = pub.encrypt(BigInteger.valueOf(40), random);

    assertThat(priv.decrypt(pub.add(a, b))).isEqualTo(BigInteger.valueOf(70));
    assertThat(priv.decrypt(pub.add(pub.add(a, b), b))).as("wraps mod n").isEqualTo(BigInteger.valueOf(110 - 77));
    assertThat(priv.decrypt(pub.multiply(a, BigInteger.TWO))).isEqualTo(BigInteger.valueOf(60));
  }

  @Test
  void generatedKeysHaveExactSizeAndDecrypt() {
    SecureRandom random = new SecureRandom();
    PaillierKeyPair pair = PaillierKeyPair.generate(512, random);
    BigInteger m = new BigInteger(500, random);

    assertThat(pair.publicKey().bits()).isEqualTo(512);
    assertThat(pair.publicKey().g()).isEqualTo(pair.publicKey().n().add(BigInteger.ONE));
    assertThat(pair.privateKey().decrypt(pair.publicKey().encrypt(m, random))).isEqualTo(m);
    assertThat(pair.publicKey().encrypt(m, random)).as("probabilistic").isNotEqualTo(pair.publicKey().encrypt(m, random));
  }

  @Test
  void rejectsInconsistentKeys() {
    PaillierPublicKey pub = PaillierPublicKey.withStandardGenerator(N);

    assertThatThrownBy(() -> new PaillierPrivateKey(pub, P, BigInteger.valueOf(13)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not match");
    assertThatThrownBy(() -> new PaillierPublicKey(BigInteger.valueOf(78), BigInteger.valueOf(79)))
        .hasMessageContaining("odd");
    assertThatThrownBy(() -> new PaillierPublicKey(N, BigInteger.valueOf(14))).hasMessageContaining("Z*");
    assertThatThrownBy(() -> pub.encrypt(N, BigInteger.ONE)).hasMessageContaining("[0, n)");
    assertThatThrownBy(() -> PaillierKeyPair.generate(63, new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringRedactsFactors() {
    PaillierKeyPair pair = PaillierKeyPair.generate(512, new SecureRandom());
    String s = pair.privateKey().toString();

    assertThat(s).contains("redacted").contains(pair.publicKey().fingerprint());
    assertThat(s).doesNotContain(pair.privateKey().p().toString()).doesNotContain(pair.privateKey().p().toString(16));
    assertThat(s).doesNotContain(pair.privateKey().q().toString()).doesNotContain(pair.privateKey().q().toString(16));
  }
}
