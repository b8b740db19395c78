package io.flep.he.paillier;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Paillier public key (n, g) and the textbook operations on ciphertexts in Z*<sub>n²</sub> (P. Paillier,
 * "Public-Key Cryptosystems Based on Composite Degree Residuosity Classes", EUROCRYPT 1999). Encryption is
 * c = g<sup>m</sup> · r<sup>n</sup> mod n² with fresh random r; for g = n + 1 the factor g<sup>m</sup> is computed
 * as 1 + m·n. Immutable and thread-safe.
 */
public final class PaillierPublicKey {
  private final BigInteger n;
  private final BigInteger g;
  private final BigInteger nSquared;
  private final boolean standardGenerator;
  private final byte[] fingerprint;

  /**
   * @throws IllegalArgumentException if n is not an odd number above 1, or g is not in Z*<sub>n²</sub>
   */
  public PaillierPublicKey(BigInteger n, BigInteger g) {
    Objects.requireNonNull(n, "n");
    Objects.requireNonNull(g, "g");
    if (n.compareTo(BigInteger.ONE) <= 0 || !n.testBit(0)) {
      throw new IllegalArgumentException("Paillier modulus n must be an odd number greater than 1");
    }
    this.n = n;
    this.g = g;
    this.nSquared = n.multiply(n);
    if (g.signum() <= 0 || g.compareTo(nSquared) >= 0 || !g.gcd(n).equals(BigInteger.ONE)) {
      throw new IllegalArgumentException("Paillier generator g must be in Z*_{n^2}");
    }
    this.standardGenerator = g.equals(n.add(BigInteger.ONE));
    this.fingerprint = Arrays.copyOf(sha256(n.toByteArray()), 8);
  }

  /** The usual choice g = n + 1. */
  public static PaillierPublicKey withStandardGenerator(BigInteger n) {
    return new PaillierPublicKey(n, n.add(BigInteger.ONE));
  }

  public BigInteger n() {
    return n;
  }

  public BigInteger g() {
    return g;
  }

  public BigInteger nSquared() {
    return nSquared;
  }

  /** Bit length of n (the key size). */
  public int bits() {
    return n.bitLength();
  }

  /** First 8 bytes of SHA-256 over n (two's-complement big-endian). */
  byte[] fingerprintBytes() {
    return fingerprint.clone();
  }

  /** {@link #fingerprintBytes()} as 16 lower-case hex digits. */
  public String fingerprint() {
    return HexFormat.of().formatHex(fingerprint);
  }

  /** Bytes of one serialised ciphertext, ⌈bits(n²)/8⌉. */
  public int ciphertextBytes() {
    return (nSquared.bitLength() + 7) / 8;
  }

  /** Encrypts {@code 0 <= m < n} with a fresh random r. */
  public BigInteger encrypt(BigInteger m, SecureRandom random) {
    return encryptWithRandomizer(m, randomizer(random));
  }

  /** Encryption with a caller-chosen r, for known-answer tests. */
  BigInteger encrypt(BigInteger m, BigInteger r) {
    return encryptWithRandomizer(m, r.modPow(n, nSquared));
  }

  /**
   * The expensive, message-independent half of an encryption: r<sup>n</sup> mod n² for a fresh random unit r. It
   * must be used for one encryption only and kept as secret as the plaintext it will hide.
   */
  public BigInteger randomizer(SecureRandom random) {
    return randomUnit(random).modPow(n, nSquared);
  }

  /** The cheap, online half: g<sup>m</sup> · rn mod n² for a {@link #randomizer} rn used only this once. */
  public BigInteger encryptWithRandomizer(BigInteger m, BigInteger rn) {
    if (m.signum() < 0 || m.compareTo(n) >= 0) {
      throw new IllegalArgumentException("Paillier plaintext must be in [0, n)");
    }
    BigInteger gm = standardGenerator ? m.multiply(n).add(BigInteger.ONE) : g.modPow(m, nSquared);
    return gm.multiply(rn).mod(nSquared);
  }

  /** Ciphertext of m1 + m2 mod n. */
  public BigInteger add(BigInteger c1, BigInteger c2) {
    return c1.multiply(c2).mod(nSquared);
  }

  /** Ciphertext of k·m mod n. */
  public BigInteger multiply(BigInteger c, BigInteger k) {
    return c.modPow(k, nSquared);
  }

  /** Whether c can be a ciphertext under this key: 0 < c < n² and gcd(c, n) = 1. */
  public boolean isValidCiphertext(BigInteger c) {
    return c.signum() > 0 && c.compareTo(nSquared) < 0 && c.gcd(n).equals(BigInteger.ONE);
  }

  private BigInteger randomUnit(SecureRandom random) {
    while (true) {
      BigInteger r = new BigInteger(n.bitLength(), random);
      if (r.signum() > 0 && r.compareTo(n) < 0 && r.gcd(n).equals(BigInteger.ONE)) {
        return r;
      }
    }
  }

  /** SHA-256 of {@code data}; also binds partial decryptions to their ciphertext. */
  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PaillierPublicKey other && n.equals(other.n) && g.equals(other.g);
  }

  @Override
  public int hashCode() {
    return n.hashCode();
  }

  @Override
  public String toString() {
    return "PaillierPublicKey[" + bits() + " bits, fingerprint " + fingerprint() + "]";
  }
}
