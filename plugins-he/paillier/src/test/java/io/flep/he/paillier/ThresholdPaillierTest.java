package io.flep.he.paillier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The robust threshold scheme's arithmetic ({@link ThresholdPaillier}, {@link ThresholdPublicKey}): a hand-computed
 * example on tiny safe primes whose every number was computed independently (Python, the formulas of Damgård–Jurik
 * §5 and the transcript specified in {@link ThresholdPublicKey}), then the same at a realistic size.
 */
class ThresholdPaillierTest {
  static final SecureRandom RANDOM = new SecureRandom();

  // p = 2·11 + 1, q = 2·29 + 1: n = 1357, m = p'q' = 319, nm = 432,883, n² = 1,841,449; 2-of-3, Δ = 3! = 6
  static final ThresholdPaillier.SafeModulus TINY = new ThresholdPaillier.SafeModulus(big(23), big(59));
  static final BigInteger N = big(1357);
  static final BigInteger N2 = big(1_841_449);
  static final BigInteger V = big(4); // 2², of order nm: generates QR_{n²}
  static final BigInteger A1 = big(100_000); // f(X) = d + 100,000·X over Z_nm

  static ThresholdPaillier.SafeModulus realistic;
  static ThresholdPaillier.Dealing realisticDealing;

  @BeforeAll
  static void realisticKey() {
    realistic = ThresholdPaillier.SafeModulus.generate(1024, RANDOM);
    realisticDealing = ThresholdPaillier.deal(realistic, 2, 3, RANDOM);
  }

  @Test
  void handComputedDealing() {
    assertThat(TINY.n()).isEqualTo(N);
    assertThat(TINY.m()).isEqualTo(big(319));
    // d = m·(m⁻¹ mod n) = 319·268 = 85,492 ≡ 0 mod 319, ≡ 1 mod 1357
    BigInteger d = big(85_492);
    assertThat(d.mod(big(319))).isZero();
    assertThat(d.mod(N)).isEqualTo(BigInteger.ONE);

    ThresholdPaillier.Dealing dealing = deal();

    // s_i = d + 100,000·i mod 432,883
    assertThat(dealing.shares()).extracting(ThresholdPaillier.Share::value)
        .containsExactly(big(185_492), big(285_492), big(385_492));
    assertThat(dealing.shares()).extracting(ThresholdPaillier.Share::index).containsExactly(1, 2, 3);
    // v_i = 4^(6·s_i) mod n²
    assertThat(dealing.publicKey().verificationKeys()).containsExactly(big(688_195), big(803_764), big(171_882));
    assertThat(dealing.publicKey().delta()).isEqualTo(big(6));
    assertThat(dealing.shares()).allMatch(dealing.publicKey()::matches);
    assertThat(dealing.publicKey().matches(new ThresholdPaillier.Share(2, big(185_492)))).isFalse();
  }

  @Test
  void handComputedPartialDecryptionAndCombination() {
    ThresholdPaillier.Dealing dealing = deal();
    ThresholdPublicKey key = dealing.publicKey();
    // c = (1 + n)^42 · 17^n mod n²
    BigInteger c = key.paillier().encrypt(big(42), big(17));
    assertThat(c).isEqualTo(big(498_494));

    // c_i = c^(2·6·s_i) mod n²
    BigInteger[] partials = dealing.shares().stream().map(s -> key.partialDecrypt(s, c)).toArray(BigInteger[]::new);
    assertThat(partials).containsExactly(big(795_297), big(185_435), big(657_896));

    // S = {1, 3}: μ_1 = 6·3/(3−1) = 9, μ_3 = 6·1/(1−3) = −3; c' = c_1^18 · c_3^−6 = 841,341 = 1 + 4·36·42·n mod n²
    assertThat(c(partials[0], 18).multiply(c(partials[2], 6).modInverse(N2)).mod(N2)).isEqualTo(big(841_341));
    assertThat(BigInteger.ONE.add(big(4 * 36 * 42).multiply(N)).mod(N2)).isEqualTo(big(841_341));
    // L(c') = 620, and 620 · (4·36)⁻¹ mod 1357 = 42
    assertThat(key.combine(new int[] {1, 3}, new BigInteger[] {partials[0], partials[2]})).isEqualTo(big(42));
    assertThat(key.combine(new int[] {1, 2}, new BigInteger[] {partials[0], partials[1]})).isEqualTo(big(42));
    assertThat(key.combine(new int[] {3, 2}, new BigInteger[] {partials[2], partials[1]})).isEqualTo(big(42));
  }

  @Test
  void handComputedProofFollowsTheSpecifiedTranscript() throws Exception {
    ThresholdPaillier.Dealing dealing = deal();
    ThresholdPublicKey key = dealing.publicKey();
    ThresholdPaillier.Share share1 = dealing.shares().get(0);
    BigInteger[] cs = {key.paillier().encrypt(big(42), big(17)), key.paillier().encrypt(big(100), big(5))};
    assertThat(cs).containsExactly(big(498_494), big(31_736));
    BigInteger[] partials = {key.partialDecrypt(share1, cs[0]), key.partialDecrypt(share1, cs[1])};
    assertThat(partials).containsExactly(big(795_297), big(282_055));
    byte[] digest = sha256("hand example".getBytes(StandardCharsets.US_ASCII));
    BigInteger r = BigInteger.ONE.shiftLeft(400).add(big(12_345));
    assertThat(key.randomBits()).as("bits(n²) + bits(Δ) + 256 + 128").isEqualTo(21 + 3 + 384);

    ThresholdPublicKey.Proof proof = key.prove(share1, digest, cs, partials, r);

    // the transcript, recomputed here from its specification (W = 3 bytes per element of Z_{n²})
    byte[] keyDigest = sha256(ascii("FLEP threshold-paillier key v1"), int32(3), w(N), int32(2), int32(3), w(V),
        w(big(688_195)), w(big(803_764)), w(big(171_882)));
    assertThat(HexFormat.of().formatHex(keyDigest))
        .isEqualTo("26783946586b1c0aa1c1066af7f67f589d9f2ee0f6e9a56ab16a7abba6200d97");
    assertThat(key.digest()).isEqualTo(keyDigest);
    byte[] seed = sha256(ascii("FLEP threshold-paillier batch v1"), keyDigest, digest, int32(1), int32(2), w(cs[0]),
        w(cs[1]), w(partials[0]), w(partials[1]));
    assertThat(HexFormat.of().formatHex(seed))
        .isEqualTo("7577b2d8f31f90dd7999a9e6e3a8b6539971556fdeac0ef06c4a80f1a1b2e4ef");
    BigInteger rho1 = new BigInteger("141898324214450020519609535693169996099");
    BigInteger rho2 = new BigInteger("113231210887987443569726790435285346991");
    assertThat(ThresholdPublicKey.batchCoefficients(seed, 2)).containsExactly(rho1, rho2);
    // C = c_1^ρ1 c_2^ρ2, D = c_1,1^ρ1 c_1,2^ρ2; u = C^4, u_1 = D^2; a = u^r, b = v^r
    BigInteger u = cs[0].modPow(rho1, N2).multiply(cs[1].modPow(rho2, N2)).mod(N2).modPow(big(4), N2);
    BigInteger u1 = partials[0].modPow(rho1, N2).multiply(partials[1].modPow(rho2, N2)).mod(N2).modPow(big(2), N2);
    assertThat(List.of(u, u1, u.modPow(r, N2), V.modPow(r, N2)))
        .containsExactly(big(780_498), big(1_427_133), big(814_692), big(1_169_024));
    BigInteger e = new BigInteger(1, sha256(ascii("FLEP threshold-paillier proof v1"), keyDigest, seed, int32(1),
        w(u), w(u1), w(V), w(big(688_195)), w(big(814_692)), w(big(1_169_024))));
    assertThat(proof.e()).isEqualTo(e).isEqualTo(new BigInteger(
        "103284445442972536315545106104285793924734397101227733513704227123771437644536"));
    // z = r + e·Δ·s_1
    assertThat(proof.z()).isEqualTo(r.add(e.multiply(big(6)).multiply(big(185_492))));
    assertThat(proof.z()).isEqualTo(new BigInteger("2582249878086908589655919172003011874444656422953870683068117913"
        + "469624704936962191352250961749681978421758841042109135993"));

    assertThat(key.verify(1, digest, cs, partials, proof)).isTrue();
    assertThat(key.verify(2, digest, cs, partials, proof)).as("another holder's key").isFalse();
    assertThat(key.verify(1, sha256(digest), cs, partials, proof)).as("another ciphertext digest").isFalse();
    assertThat(key.verify(1, digest, new BigInteger[] {cs[1], cs[0]}, partials, proof)).isFalse();
    assertThat(key.verify(1, digest, cs, new BigInteger[] {partials[0], partials[1].multiply(N.add(BigInteger.ONE))
        .mod(N2)}, proof)).as("a shifted partial").isFalse();
    assertThat(key.verify(1, digest, cs, partials, new ThresholdPublicKey.Proof(e, proof.z().add(BigInteger.ONE))))
        .isFalse();
  }

  @Test
  void theDealerAcceptsOnlySafePrimesAndAGeneratorOfTheSquares() {
    assertThatThrownBy(() -> new ThresholdPaillier.SafeModulus(big(23), big(29))).as("29 = 2·14 + 1")
        .hasMessageContaining("safe primes");
    assertThatThrownBy(() -> new ThresholdPaillier.SafeModulus(big(23), big(23))).hasMessageContaining("distinct");
    assertThatThrownBy(() -> new ThresholdPaillier.SafeModulus(big(23), big(47)))
        .as("47 = 2·23 + 1 shares 23 with n: gcd(n, p'q') ≠ 1").hasMessageContaining("coprime");
    assertThat(ThresholdPaillier.generatesSquares(TINY, V)).isTrue();
    assertThat(ThresholdPaillier.generatesSquares(TINY, BigInteger.ONE)).isFalse();
    assertThat(ThresholdPaillier.generatesSquares(TINY, big(2))).as("not a square").isFalse();
    assertThat(ThresholdPaillier.generatesSquares(TINY, N.add(BigInteger.ONE).pow(2).mod(N2)))
        .as("a square of order n only").isFalse();
    assertThatThrownBy(() -> ThresholdPaillier.deal(TINY, 2, 3, big(9).modPow(N, N2), new BigInteger[] {null, A1}))
        .hasMessageContaining("does not generate");
    assertThatThrownBy(() -> ThresholdPaillier.deal(TINY, 1, 3, V, new BigInteger[] {null}))
        .hasMessageContaining("'threshold'");
    assertThatThrownBy(() -> ThresholdPaillier.deal(TINY, 4, 3, RANDOM)).hasMessageContaining("'threshold'");
    assertThatThrownBy(() -> ThresholdPaillier.deal(TINY, 2, 1, RANDOM)).hasMessageContaining("'shareholders'");
    assertThat(TINY.toString()).doesNotContain("23").doesNotContain("59");
    assertThat(new ThresholdPaillier.Share(1, BigInteger.TEN).toString()).doesNotContain("10");
  }

  @Test
  void safePrimesAreSafeAndModuliHaveExactlyTheRequestedBits() {
    for (int bits : new int[] {16, 64, 256}) {
      BigInteger p = SafePrimes.generate(bits, RANDOM);
      assertThat(p.bitLength()).isEqualTo(bits);
      assertThat(p.testBit(bits - 2)).as("top two bits set").isTrue();
      assertThat(p.isProbablePrime(64) && p.shiftRight(1).isProbablePrime(64)).isTrue();
    }
    assertThat(SafePrimes.isSafePrime(big(23))).isTrue();
    assertThat(SafePrimes.isSafePrime(big(29))).isFalse();
    assertThat(SafePrimes.isSafePrime(big(5))).as("p' = 2 is even").isFalse();
    assertThat(realistic.n().bitLength()).isEqualTo(1024);
    assertThat(SafePrimes.isSafePrime(realistic.p()) && SafePrimes.isSafePrime(realistic.q())).isTrue();
  }

  @Test
  void lagrangeCoefficientsTimesDeltaAreTheKnownIntegers() {
    BigInteger delta = ThresholdPaillier.delta(3);
    assertThat(delta).isEqualTo(big(6));
    // S = {1, 2}: mu_1 = 6 * 2 / (2 - 1) = 12, mu_2 = 6 * 1 / (1 - 2) = -6; 12 f(1) - 6 f(2) = 6 f(0) for linear f
    assertThat(ThresholdPaillier.lagrangeTimesDelta(new int[] {1, 2}, 2, 0, delta)).isEqualTo(big(12));
    assertThat(ThresholdPaillier.lagrangeTimesDelta(new int[] {1, 2}, 2, 1, delta)).isEqualTo(big(-6));
    // S = {2, 3}: mu_2 = 6 * 3 / 1 = 18, mu_3 = 6 * 2 / (-1) = -12
    assertThat(ThresholdPaillier.lagrangeTimesDelta(new int[] {3, 2}, 2, 0, delta)).isEqualTo(big(-12));
    assertThat(ThresholdPaillier.delta(5)).isEqualTo(big(120));
  }

  @Test
  void atRealisticSizeAnyTwoOfThreeDecryptAndTheProofsHold() {
    ThresholdPublicKey key = realisticDealing.publicKey();
    List<ThresholdPaillier.Share> shares = realisticDealing.shares();
    assertThat(shares).allMatch(key::matches);
    assertThat(ThresholdPaillier.generatesSquares(realistic, key.v())).isTrue();
    BigInteger m = new BigInteger(900, RANDOM);
    BigInteger[] cs = {key.paillier().encrypt(m, RANDOM), key.paillier().encrypt(BigInteger.TEN, RANDOM)};
    byte[] digest = sha256(cs[0].toByteArray());
    BigInteger[][] partials = new BigInteger[3][];
    for (ThresholdPaillier.Share s : shares) {
      partials[s.index() - 1] = new BigInteger[] {key.partialDecrypt(s, cs[0]), key.partialDecrypt(s, cs[1])};
      ThresholdPublicKey.Proof proof = key.prove(s, digest, cs, partials[s.index() - 1], RANDOM);
      assertThat(key.verify(s.index(), digest, cs, partials[s.index() - 1], proof)).isTrue();
      assertThat(key.verify(s.index() % 3 + 1, digest, cs, partials[s.index() - 1], proof)).isFalse();
    }
    for (int[] subset : new int[][] {{1, 2}, {1, 3}, {2, 3}, {3, 1}}) {
      BigInteger[] column = {partials[subset[0] - 1][0], partials[subset[1] - 1][0]};
      assertThat(key.combine(subset, column)).as("shares %d and %d", subset[0], subset[1]).isEqualTo(m);
    }
  }

  @Test
  void threeOfFiveWorksAndTwoOfThemDoNot() {
    ThresholdPaillier.Dealing dealing = ThresholdPaillier.deal(realistic, 3, 5, RANDOM);
    ThresholdPublicKey key = dealing.publicKey();
    BigInteger m = big(424_242);
    BigInteger c = key.paillier().encrypt(m, RANDOM);
    int[] subset = {5, 2, 4};
    BigInteger[] partials = new BigInteger[3];
    for (int a = 0; a < 3; a++) {
      partials[a] = key.partialDecrypt(dealing.shares().get(subset[a] - 1), c);
    }
    assertThat(key.combine(subset, partials)).isEqualTo(m);
    ThresholdPublicKey asIfTwo = new ThresholdPublicKey(key.paillier(), 2, 5, key.v(), key.verificationKeys());
    assertThat(asIfTwo.combine(new int[] {5, 2}, new BigInteger[] {partials[0], partials[1]})).isNotEqualTo(m);
  }

  private static ThresholdPaillier.Dealing deal() {
    return ThresholdPaillier.deal(TINY, 2, 3, V, new BigInteger[] {null, A1});
  }

  private static BigInteger c(BigInteger x, int e) {
    return x.modPow(big(e), N2);
  }

  static BigInteger big(long x) {
    return BigInteger.valueOf(x);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] int32(int x) {
    return ByteBuffer.allocate(4).putInt(x).array();
  }

  /** x in W = 3 big-endian bytes. */
  private static byte[] w(BigInteger x) {
    byte[] b = x.toByteArray();
    byte[] out = new byte[3];
    int copy = Math.min(3, b.length);
    System.arraycopy(b, b.length - copy, out, 3 - copy, copy);
    return out;
  }

  private static byte[] sha256(byte[]... parts) throws RuntimeException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
