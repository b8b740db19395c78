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
 * <p><b>Base blinding.</b> The running time of {@code modPow} depends on its base as well as on the secret modulus
 * and exponent (the extra reductions of its Montgomery arithmetic), and reducing c modulo p² with a division
 * reveals whether c &lt; p²; a party that submits chosen ciphertexts and times their decryption could exploit either
 * (Schindler, CHES 2000; Brumley–Boneh, USENIX Security 2003, on RSA-CRT). So c is first brought below p² by a
 * Montgomery reduction ({@link Montgomery#reduce}, no division, no comparison) and multiplied by a secret random
 * blinding factor ρ<sub>p</sub> of the subgroup of order p − 1 (a p-th power), so (c·ρ<sub>p</sub>)<sup>p−1</sup> =
 * c<sup>p−1</sup> mod p² and nothing needs stripping — the modulo-p² image of multiplying c by an encryption of zero,
 * r<sup>n</sup> (and likewise for q). A fresh factor is γ<sub>p</sub><sup>k</sup> for a secret p-th power
 * γ<sub>p</sub> drawn when the key is loaded and a fresh uniform 128-bit k (2<sup>128</sup> equally likely factors,
 * an eighth of the cost of a full p-th power); factors are squared after each use (Kocher's update, as in OpenSSL's
 * RSA blinding) and drawn afresh every {@value #BLINDING_REFRESH} uses. All of it costs about 0.6 % of a decryption.
 * The Montgomery arithmetic modulo p² has R &gt; q² (and modulo q², R &gt; p²), chosen when the key is loaded, so every
 * c &lt; n² is reduced the same way. The recombination by the Chinese remainder theorem has the same shape for every
 * plaintext (see {@link #decrypt(BigInteger, Blinding)}). What this protects: the base-dependent timing of the
 * reduction and the exponentiation, which the caller can no longer choose, and the plaintext-dependent shortcut of
 * the usual CRT formula. What it does not: {@code BigInteger}'s running times still depend on operand lengths;
 * the exponent p − 1 is the same in every call, so its bit pattern drives {@code modPow}'s window lookups
 * identically each time — a spy on this process's cache could still read it; and
 * nothing here is constant-time.
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
  /** q·(q⁻¹ mod p) and p·(p⁻¹ mod q): the CRT idempotents modulo n. */
  private final BigInteger crtP;
  private final BigInteger crtQ;
  private final Montgomery modPSquared;
  private final Montgomery modQSquared;
  /** Secret p-th and q-th powers whose short powers are fresh blinding factors. */
  private final BigInteger gammaP;
  private final BigInteger gammaQ;
  /** Bits of the exponent k of a fresh blinding factor γ<sup>k</sup>. */
  static final int BLINDING_EXPONENT_BITS = 128;
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
      this.crtP = q.multiply(q.modInverse(p));
      this.crtQ = p.multiply(p.modInverse(q));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("Paillier generator g is not valid for this key (no inverse of L(g))");
    }
    // R above q² (p²) as well, so that every c < n² = p²q² is reduced modulo p² (q²) without a division, whatever
    // the primes' lengths: decided here from the key, never from c
    this.modPSquared = new Montgomery(pSquared, qSquared.bitLength());
    this.modQSquared = new Montgomery(qSquared, pSquared.bitLength());
    SecureRandom random = new SecureRandom();
    this.gammaP = pthPower(p, pSquared, random);
    this.gammaQ = pthPower(q, qSquared, random);
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
   * least {@value #RUNS_PER_CORE} runs (short runs keep the cores evenly busy to the end when other work takes one
   * for a while), but at least 16 (a fresh pair, two 128-bit exponentiations, costs about an eighth of a decryption
   * at 2048 bits).
   */
  static int blindingRun(int count) {
    int runs = RUNS_PER_CORE * Runtime.getRuntime().availableProcessors();
    return Math.max(16, Math.min(BLINDING_REFRESH, (count + runs - 1) / runs));
  }

  private static final int RUNS_PER_CORE = 8;

  /**
   * Decryption of c·ρ: the same plaintext, since ρ<sub>p</sub><sup>p−1</sup> = 1 mod p² (and likewise for q).
   *
   * @param c a ciphertext in [0, n²)
   */
  BigInteger decrypt(BigInteger c, Blinding blinding) {
    if (c.signum() < 0 || c.compareTo(publicKey.nSquared()) >= 0) { // a comparison with the public n² only
      throw new IllegalArgumentException("Paillier ciphertext must be in [0, n^2)");
    }
    BigInteger cp = blinding.p.blind(c);
    BigInteger cq = blinding.q.blind(c);
    BigInteger mp = lFunction(cp.modPow(pMinusOne, pSquared), p).multiply(hp).mod(p);
    BigInteger mq = lFunction(cq.modPow(qMinusOne, qSquared), q).multiply(hq).mod(q);
    // CRT as m = mp·A + mq·B mod n with A ≡ 1 (mod p), 0 (mod q) and B the reverse: the same operations on operands of
    // full length for every m. Garner's mq + q·((mp − mq)·q⁻¹ mod p) would work on zero whenever mp = mq, i.e. for
    // every m below min(p, q) — a timing difference a chosen-ciphertext sender could binary-search to find p or q.
    return mp.multiply(crtP).add(mq.multiply(crtQ)).mod(publicKey.n());
  }

  /** The secret blinding factors of one run of decryptions, with their scratch; not thread-safe (one per thread). */
  final class Blinding {
    private final Factor p;
    private final Factor q;

    Blinding(SecureRandom random) {
      p = new Factor(modPSquared, gammaP.modPow(new BigInteger(BLINDING_EXPONENT_BITS, random), pSquared));
      q = new Factor(modQSquared, gammaQ.modPow(new BigInteger(BLINDING_EXPONENT_BITS, random), qSquared));
    }

    /** Given factors, for tests. */
    Blinding(BigInteger rp, BigInteger rq) {
      p = new Factor(modPSquared, rp);
      q = new Factor(modQSquared, rq);
    }

    BigInteger rp() {
      return p.value();
    }

    BigInteger rq() {
      return q.value();
    }
  }

  /** One prime's factor ρ modulo p², held in Montgomery form ρ·R. */
  private static final class Factor {
    private final Montgomery field;
    private final long[] scratch;
    private final int[] rho;

    Factor(Montgomery field, BigInteger rho) {
      this.field = field;
      this.scratch = field.scratch();
      this.rho = field.toMontgomery(rho);
    }

    /** c·ρ mod p² for c in [0, n²) (R &gt; q², so c &lt; p²·R), then ρ ← ρ² (Kocher's update). */
    BigInteger blind(BigInteger c) {
      int[] x = field.reduce(c, scratch); // c·R⁻¹
      int[] factor = rho.clone();
      field.toMontgomery(factor, factor, scratch); // ρ·R², so that the product is c·ρ
      field.multiply(x, 0, factor, 0, x, 0, scratch);
      field.multiply(rho, 0, rho, 0, rho, 0, scratch);
      return field.normalised(x);
    }

    BigInteger value() {
      return field.fromMontgomery(rho, scratch);
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
