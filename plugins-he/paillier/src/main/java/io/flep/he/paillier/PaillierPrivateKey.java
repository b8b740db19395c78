package io.flep.he.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Paillier secret key: the factors p and q of n, with the precomputations for decryption modulo p² and q²
 * separately and recombination by the Chinese remainder theorem (Paillier 1999, §7), about four times faster
 * than decrypting modulo n². Works for any valid g, not just n + 1. Immutable and thread-safe.
 *
 * <p><b>Base blinding.</b> The running time of {@code c mod p²} and of {@code modPow} depends on the base as well as
 * on the secret modulus and exponent; a party that submits chosen ciphertexts and times their decryption could
 * correlate the two (the attacks of Kocher 1996 and Brumley–Boneh 2003 on RSA-CRT). So each ciphertext is multiplied,
 * before it is reduced, by a secret random blinding factor ρ<sub>p</sub> = x<sup>p</sup> mod p² (and ρ<sub>q</sub>
 * likewise): an element of the subgroup of order p − 1, so (c·ρ<sub>p</sub>)<sup>p−1</sup> = c<sup>p−1</sup> mod p²
 * and nothing needs stripping — the modulo-p² image of multiplying c by an encryption of zero, r<sup>n</sup>. The
 * factors are squared after each use (Kocher's update, as in OpenSSL's RSA blinding) and drawn afresh every
 * {@value #BLINDING_REFRESH} uses. What this protects: the base-dependent timing of the reduction and the
 * exponentiation, which the caller can no longer choose. What it does not: the exponent p − 1 is the same in every
 * call, so its bit pattern drives {@code modPow}'s window lookups identically each time — a spy on this process's
 * cache could still read it; and nothing here is constant-time.
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
  /** Blinding factors are squared after each use and drawn afresh after this many uses. */
  static final int BLINDING_REFRESH = 128;

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
    BigInteger hs = publicKey.hs().orElse(null);
    if (hs != null && !(hs.mod(pSquared).modPow(pMinusOne, pSquared).equals(BigInteger.ONE)
        && hs.mod(qSquared).modPow(qMinusOne, qSquared).equals(BigInteger.ONE))) {
      // h_s^a would then carry a multiple of n in its exponent of (1+n): every ciphertext would decrypt shifted
      throw new IllegalArgumentException("Paillier h_s is not an n-th power modulo n^2: the key is corrupt");
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

  /** Decrypts a ciphertext in Z*<sub>n²</sub> to m in [0, n), blinded with fresh factors. */
  public BigInteger decrypt(BigInteger c) {
    return decrypt(c, new Blinding(new SecureRandom()));
  }

  /**
   * Decrypts many ciphertexts in parallel (on the caller's fork-join pool), in runs of at most
   * {@value #BLINDING_REFRESH} ({@link #blindingRun}) that share one pair of fresh blinding factors, squared between
   * uses.
   */
  BigInteger[] decryptAll(BigInteger[] ciphertexts, SecureRandom random) {
    BigInteger[] out = new BigInteger[ciphertexts.length];
    int run = blindingRun(ciphertexts.length);
    int runs = (ciphertexts.length + run - 1) / run;
    IntStream.range(0, runs).parallel().forEach(r -> {
      Blinding blinding = new Blinding(random);
      int end = Math.min(ciphertexts.length, (r + 1) * run);
      for (int i = r * run; i < end; i++) {
        out[i] = decrypt(ciphertexts[i], blinding);
      }
    });
    return out;
  }

  /**
   * How many ciphertexts share one fresh blinding: {@value #BLINDING_REFRESH}, or fewer so that every core gets at
   * least two runs, but at least 16 (a fresh pair costs about one decryption).
   */
  static int blindingRun(int count) {
    int perCore = (count + 2 * Runtime.getRuntime().availableProcessors() - 1)
        / (2 * Runtime.getRuntime().availableProcessors());
    return Math.max(16, Math.min(BLINDING_REFRESH, perCore));
  }

  /** Decryption of c·ρ: the same plaintext, since ρ<sub>p</sub><sup>p−1</sup> = 1 mod p² (and likewise for q). */
  BigInteger decrypt(BigInteger c, Blinding blinding) {
    BigInteger cp = c.multiply(blinding.rp).mod(pSquared);
    BigInteger cq = c.multiply(blinding.rq).mod(qSquared);
    blinding.next();
    BigInteger mp = lFunction(cp.modPow(pMinusOne, pSquared), p).multiply(hp).mod(p);
    BigInteger mq = lFunction(cq.modPow(qMinusOne, qSquared), q).multiply(hq).mod(q);
    // CRT: m = mq + q * ((mp - mq) * q^-1 mod p)
    return mp.subtract(mq).multiply(qInverseModP).mod(p).multiply(q).add(mq);
  }

  /** The secret blinding factors of one run of decryptions; not thread-safe (one per thread). */
  final class Blinding {
    private BigInteger rp;
    private BigInteger rq;

    Blinding(SecureRandom random) {
      rp = pthPower(p, pSquared, random);
      rq = pthPower(q, qSquared, random);
    }

    /** Given factors, for tests. */
    Blinding(BigInteger rp, BigInteger rq) {
      this.rp = rp;
      this.rq = rq;
    }

    BigInteger rp() {
      return rp;
    }

    BigInteger rq() {
      return rq;
    }

    /** Kocher's update: the next factors are the squares of these. */
    void next() {
      rp = rp.multiply(rp).mod(pSquared);
      rq = rq.multiply(rq).mod(qSquared);
    }
  }

  /** x<sup>p</sup> mod p² for a uniform x in [1, p): a uniform element of the subgroup of order p − 1. */
  private static BigInteger pthPower(BigInteger p, BigInteger pSquared, SecureRandom random) {
    while (true) {
      BigInteger x = new BigInteger(p.bitLength(), random);
      if (x.signum() > 0 && x.compareTo(p) < 0) {
        return x.modPow(p, pSquared);
      }
    }
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
