package io.flep.he.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * t-of-ℓ threshold Paillier with a trusted dealer, after Damgård and Jurik, "A Generalisation, a Simplification
 * and Some Applications of Paillier's Probabilistic Public-Key System" (PKC 2001), §5, for s = 1:
 *
 * <ul>
 *   <li>dealing: d ≡ 0 (mod λ), d ≡ 1 (mod n) for λ = lcm(p−1, q−1); Shamir shares s<sub>i</sub> = f(i) of
 *       f(X) = d + a<sub>1</sub>X + … + a<sub>t−1</sub>X<sup>t−1</sup> over Z<sub>nλ</sub>, i = 1..ℓ; Δ = ℓ!;
 *   <li>partial decryption by holder i: c<sub>i</sub> = c<sup>2Δs<sub>i</sub></sup> mod n²;
 *   <li>combining t of them (set S): c' = ∏ c<sub>i</sub><sup>2μ<sub>i</sub></sup> with the integer Lagrange
 *       coefficients μ<sub>i</sub> = Δ·∏<sub>j∈S∖i</sub> j / (j − i); then c' = c<sup>4Δ²d</sup> =
 *       1 + 4Δ²m·n mod n², so m = L(c') · (4Δ²)<sup>−1</sup> mod n.
 * </ul>
 *
 * Differences from the paper, stated plainly: shares live in Z<sub>nλ</sub> with ordinary (not safe) primes, and
 * there are no verification keys or zero-knowledge proofs of correct partial decryption. Security therefore holds
 * against honest-but-curious share holders (any t − 1 of them learn nothing about d); a holder who sends a wrong
 * partial decryption cannot learn more, but makes the combination decode to garbage, which the packing's slot
 * bounds reject with high probability. The dealer must forget p, q and λ after dealing; FLEP never stores them
 * for a threshold key.
 */
final class ThresholdPaillier {
  private ThresholdPaillier() {}

  /** Share i of the decryption exponent. */
  record Share(int index, BigInteger value) {
    Share {
      Objects.requireNonNull(value, "value");
      if (index < 1) {
        throw new IllegalArgumentException("share index must be at least 1, got " + index);
      }
    }

    @Override
    public String toString() {
      return "Share[" + index + ", redacted]";
    }
  }

  /** Splits the key's decryption exponent into {@code shareholders} shares, any {@code threshold} of which decrypt. */
  static List<Share> deal(PaillierKeyPair pair, int threshold, int shareholders, SecureRandom random) {
    checkParameters(threshold, shareholders);
    BigInteger n = pair.publicKey().n();
    BigInteger pm1 = pair.privateKey().p().subtract(BigInteger.ONE);
    BigInteger qm1 = pair.privateKey().q().subtract(BigInteger.ONE);
    BigInteger lambda = pm1.divide(pm1.gcd(qm1)).multiply(qm1);
    BigInteger d = lambda.multiply(lambda.modInverse(n)); // ≡ 0 mod λ, ≡ 1 mod n
    BigInteger modulus = n.multiply(lambda);
    BigInteger[] coefficients = new BigInteger[threshold];
    coefficients[0] = d.mod(modulus);
    for (int k = 1; k < threshold; k++) {
      coefficients[k] = uniformBelow(modulus, random);
    }
    List<Share> shares = new ArrayList<>(shareholders);
    for (int i = 1; i <= shareholders; i++) {
      BigInteger x = BigInteger.valueOf(i);
      BigInteger y = BigInteger.ZERO;
      for (int k = threshold - 1; k >= 0; k--) { // Horner
        y = y.multiply(x).add(coefficients[k]).mod(modulus);
      }
      shares.add(new Share(i, y));
    }
    return shares;
  }

  /** Δ = ℓ!. */
  static BigInteger delta(int shareholders) {
    BigInteger f = BigInteger.ONE;
    for (int i = 2; i <= shareholders; i++) {
      f = f.multiply(BigInteger.valueOf(i));
    }
    return f;
  }

  /** c<sup>2Δs<sub>i</sub></sup> mod n². */
  static BigInteger partialDecrypt(PaillierPublicKey key, int shareholders, Share share, BigInteger c) {
    BigInteger exponent = BigInteger.TWO.multiply(delta(shareholders)).multiply(share.value());
    return c.modPow(exponent, key.nSquared());
  }

  /**
   * Combines the partial decryptions of one ciphertext by the holders {@code indices} (at least {@code threshold}
   * distinct ones; the first {@code threshold} are used).
   */
  static BigInteger combine(PaillierPublicKey key, int shareholders, int threshold, int[] indices,
      BigInteger[] partials) {
    BigInteger n = key.n();
    BigInteger n2 = key.nSquared();
    BigInteger delta = delta(shareholders);
    BigInteger product = BigInteger.ONE;
    for (int a = 0; a < threshold; a++) {
      BigInteger mu = lagrangeTimesDelta(indices, threshold, a, delta);
      BigInteger term = partials[a].modPow(mu.abs().shiftLeft(1), n2);
      if (mu.signum() < 0) {
        term = term.modInverse(n2);
      }
      product = product.multiply(term).mod(n2);
    }
    BigInteger l = product.subtract(BigInteger.ONE).divide(n);
    BigInteger fourDeltaSquared = delta.multiply(delta).shiftLeft(2);
    return l.multiply(fourDeltaSquared.modInverse(n)).mod(n);
  }

  /** μ<sub>a</sub> = Δ·∏<sub>b≠a</sub> i<sub>b</sub> / (i<sub>b</sub> − i<sub>a</sub>), an integer because Δ = ℓ!. */
  static BigInteger lagrangeTimesDelta(int[] indices, int threshold, int a, BigInteger delta) {
    BigInteger numerator = delta;
    BigInteger denominator = BigInteger.ONE;
    for (int b = 0; b < threshold; b++) {
      if (b != a) {
        numerator = numerator.multiply(BigInteger.valueOf(indices[b]));
        denominator = denominator.multiply(BigInteger.valueOf(indices[b] - indices[a]));
      }
    }
    BigInteger[] qr = numerator.divideAndRemainder(denominator);
    if (qr[1].signum() != 0) {
      throw new IllegalStateException("Lagrange coefficient is not an integer; indices exceed the shareholders");
    }
    return qr[0];
  }

  static void checkParameters(int threshold, int shareholders) {
    if (shareholders < 2 || shareholders > 16) {
      throw new IllegalArgumentException("plugin option 'shareholders' must be in [2, 16], got '" + shareholders + "'");
    }
    if (threshold < 2 || threshold > shareholders) {
      throw new IllegalArgumentException("plugin option 'threshold' must be in [2, shareholders = " + shareholders
          + "], got '" + threshold + "'");
    }
  }

  private static BigInteger uniformBelow(BigInteger bound, SecureRandom random) {
    while (true) {
      BigInteger r = new BigInteger(bound.bitLength(), random);
      if (r.compareTo(bound) < 0) {
        return r;
      }
    }
  }
}
