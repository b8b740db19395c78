package io.flep.he.paillier;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Paillier secret key: the factors p and q of n, with the precomputations for decryption modulo p² and q²
 * separately and recombination by the Chinese remainder theorem (Paillier 1999, §7), about four times faster
 * than decrypting modulo n². Works for any valid g, not just n + 1. Immutable and thread-safe.
 *
 * <p>Java cannot wipe {@link BigInteger}s: the factors stay in memory until garbage-collected. {@link #toString()}
 * never shows them.
 */
public final class PaillierPrivateKey {
  private final PaillierPublicKey publicKey;
  private final BigInteger p;
  private final BigInteger q;
  private final BigInteger pSquared;
  private final BigInteger qSquared;
  private final BigInteger pMinusOne;
  private final BigInteger qMinusOne;
  private final BigInteger hp;
  private final BigInteger hq;
  private final BigInteger qInverseModP;

  /**
   * @throws IllegalArgumentException if p·q ≠ n, p = q, or g does not generate a valid encryption for this n
   */
  public PaillierPrivateKey(PaillierPublicKey publicKey, BigInteger p, BigInteger q) {
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    if (p.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0 || p.equals(q)
        || !p.multiply(q).equals(publicKey.n())) {
      throw new IllegalArgumentException("Paillier secret factors do not match the public modulus");
    }
    this.p = p;
    this.q = q;
    this.pSquared = p.multiply(p);
    this.qSquared = q.multiply(q);
    this.pMinusOne = p.subtract(BigInteger.ONE);
    this.qMinusOne = q.subtract(BigInteger.ONE);
    try {
      this.hp = lFunction(publicKey.g().modPow(pMinusOne, pSquared), p).modInverse(p);
      this.hq = lFunction(publicKey.g().modPow(qMinusOne, qSquared), q).modInverse(q);
      this.qInverseModP = q.modInverse(p);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("Paillier generator g is not valid for this key (no inverse of L(g))");
    }
  }

  public PaillierPublicKey publicKey() {
    return publicKey;
  }

  BigInteger p() {
    return p;
  }

  BigInteger q() {
    return q;
  }

  /** Decrypts a ciphertext in Z*<sub>n²</sub> to m in [0, n). */
  public BigInteger decrypt(BigInteger c) {
    BigInteger mp = lFunction(c.mod(pSquared).modPow(pMinusOne, pSquared), p).multiply(hp).mod(p);
    BigInteger mq = lFunction(c.mod(qSquared).modPow(qMinusOne, qSquared), q).multiply(hq).mod(q);
    // CRT: m = mq + q * ((mp - mq) * q^-1 mod p)
    return mp.subtract(mq).multiply(qInverseModP).mod(p).multiply(q).add(mq);
  }

  /** L(x) = (x - 1) / d. */
  private static BigInteger lFunction(BigInteger x, BigInteger d) {
    return x.subtract(BigInteger.ONE).divide(d);
  }

  @Override
  public String toString() {
    return "PaillierPrivateKey[" + publicKey.bits() + " bits, fingerprint " + publicKey.fingerprint() + ", redacted]";
  }
}
