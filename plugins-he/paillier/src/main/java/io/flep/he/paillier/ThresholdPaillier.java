package io.flep.he.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Dealing of a robust t-of-ℓ threshold Paillier key by a trusted dealer, after V. Shoup, "Practical Threshold
 * Signatures" (EUROCRYPT 2000), and I. Damgård and M. Jurik, "A Generalisation, a Simplification and Some Applications
 * of Paillier's Probabilistic Public-Key System" (PKC 2001), §5, for s = 1:
 *
 * <ul>
 *   <li>n = pq with safe primes p = 2p' + 1, q = 2q' + 1 ({@link SafePrimes}); m = p'q';
 *   <li>d ≡ 0 (mod m), d ≡ 1 (mod n); Shamir shares s<sub>i</sub> = f(i) of f(X) = d + a<sub>1</sub>X + … +
 *       a<sub>t−1</sub>X<sup>t−1</sup> over Z<sub>nm</sub>, i = 1..ℓ, with uniform a<sub>k</sub>; Δ = ℓ!;
 *   <li>v a random square that generates the cyclic group QR<sub>n²</sub> of squares in Z*<sub>n²</sub> (order nm;
 *       the dealer checks v<sup>nm/r</sup> ≠ 1 for r = p, q, p', q'); verification keys v<sub>i</sub> =
 *       v<sup>Δs<sub>i</sub></sup> mod n², public.
 * </ul>
 *
 * Partial decryption, its proof, verification and combination are {@link ThresholdPublicKey}'s. The dealer must
 * forget p, q and every share after dealing; FLEP never stores them for a threshold key.
 */
final class ThresholdPaillier {
  private ThresholdPaillier() {}

  /**
   * The factors of a threshold key's modulus: two distinct safe primes with gcd(n, p'q') = 1 (generated ones have
   * equal length with their top two bits set, so n = pq has exactly twice their bits).
   */
  record SafeModulus(BigInteger p, BigInteger q) {
    SafeModulus {
      Objects.requireNonNull(p, "p");
      Objects.requireNonNull(q, "q");
      if (p.equals(q) || !SafePrimes.isSafePrime(p) || !SafePrimes.isSafePrime(q)) {
        throw new IllegalArgumentException("a threshold paillier modulus needs two distinct safe primes");
      }
      BigInteger m = p.shiftRight(1).multiply(q.shiftRight(1));
      if (!p.multiply(q).gcd(m).equals(BigInteger.ONE)) {
        throw new IllegalArgumentException("n and p'q' must be coprime");
      }
    }

    /** Two fresh safe primes of {@code bits / 2} bits each; about two seconds for 2048 bits on one core. */
    static SafeModulus generate(int bits, SecureRandom random) {
      if (bits < 32 || bits % 2 != 0) {
        throw new IllegalArgumentException("threshold paillier key size must be even and at least 32 bits, got "
            + bits);
      }
      while (true) {
        BigInteger p = SafePrimes.generate(bits / 2, random);
        BigInteger q = SafePrimes.generate(bits / 2, random);
        if (!p.equals(q) && p.multiply(q).bitLength() == bits) {
          return new SafeModulus(p, q);
        }
      }
    }

    BigInteger n() {
      return p.multiply(q);
    }

    /** m = p'q', the order of the squares of Z*<sub>n</sub>. */
    BigInteger m() {
      return p.shiftRight(1).multiply(q.shiftRight(1));
    }

    @Override
    public String toString() {
      return "SafeModulus[" + p.multiply(q).bitLength() + " bits, redacted]";
    }
  }

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

  /** What the dealer hands out: the public part (with verification keys) and every share, share i at i − 1. */
  record Dealing(ThresholdPublicKey publicKey, List<Share> shares) {}

  /** Deals a fresh random key on {@code modulus}. */
  static Dealing deal(SafeModulus modulus, int threshold, int shareholders, SecureRandom random) {
    checkParameters(threshold, shareholders);
    BigInteger n = modulus.n();
    BigInteger nm = n.multiply(modulus.m());
    BigInteger[] coefficients = new BigInteger[threshold];
    for (int k = 1; k < threshold; k++) {
      coefficients[k] = uniformBelow(nm, random);
    }
    BigInteger n2 = n.multiply(n);
    while (true) {
      BigInteger x = uniformBelow(n2, random);
      if (x.signum() == 0 || !x.gcd(n).equals(BigInteger.ONE)) {
        continue;
      }
      BigInteger v = x.multiply(x).mod(n2);
      if (generatesSquares(modulus, v)) {
        return deal(modulus, threshold, shareholders, v, coefficients, PaillierPublicKey.djnBase(n, random));
      }
    }
  }

  /**
   * Deals with a given generator v and polynomial coefficients a<sub>1</sub>..a<sub>t−1</sub> (at indices 1..t−1;
   * index 0 is ignored): the deterministic core of {@link #deal(SafeModulus, int, int, SecureRandom)}, for
   * known-answer tests.
   *
   * @throws IllegalArgumentException if v does not generate QR<sub>n²</sub>
   */
  static Dealing deal(SafeModulus modulus, int threshold, int shareholders, BigInteger v, BigInteger[] coefficients) {
    return deal(modulus, threshold, shareholders, v, coefficients, null);
  }

  /**
   * The same with h<sub>s</sub> for Damgård–Jurik–Nielsen encryption ({@link PaillierPublicKey}), or null for
   * textbook encryption. h<sub>s</sub> is not part of the proofs' key digest: it does not affect decryption.
   */
  static Dealing deal(SafeModulus modulus, int threshold, int shareholders, BigInteger v, BigInteger[] coefficients,
      BigInteger hs) {
    checkParameters(threshold, shareholders);
    if (!generatesSquares(modulus, v)) {
      throw new IllegalArgumentException("v does not generate the squares of Z*_{n^2}");
    }
    BigInteger n = modulus.n();
    BigInteger m = modulus.m();
    BigInteger nm = n.multiply(m);
    BigInteger d = m.multiply(m.modInverse(n)); // ≡ 0 mod m, ≡ 1 mod n
    BigInteger[] f = new BigInteger[threshold];
    f[0] = d.mod(nm);
    for (int k = 1; k < threshold; k++) {
      f[k] = coefficients[k].mod(nm);
    }
    List<Share> shares = new ArrayList<>(shareholders);
    for (int i = 1; i <= shareholders; i++) {
      BigInteger x = BigInteger.valueOf(i);
      BigInteger y = BigInteger.ZERO;
      for (int k = threshold - 1; k >= 0; k--) { // Horner
        y = y.multiply(x).add(f[k]).mod(nm);
      }
      shares.add(new Share(i, y));
    }
    PaillierPublicKey key = new PaillierPublicKey(n, n.add(BigInteger.ONE), hs);
    BigInteger delta = delta(shareholders);
    List<BigInteger> verificationKeys = shares.stream()
        .map(s -> v.modPow(delta.multiply(s.value()), key.nSquared()))
        .toList();
    return new Dealing(new ThresholdPublicKey(key, threshold, shareholders, v, verificationKeys), List.copyOf(shares));
  }

  /** Whether v is a square of order nm in Z*<sub>n²</sub>, i.e. generates the cyclic group QR<sub>n²</sub>. */
  static boolean generatesSquares(SafeModulus modulus, BigInteger v) {
    BigInteger n = modulus.n();
    BigInteger n2 = n.multiply(n);
    if (v.signum() <= 0 || v.compareTo(n2) >= 0 || !v.gcd(n).equals(BigInteger.ONE)) {
      return false;
    }
    BigInteger order = n.multiply(modulus.m());
    // a square: v^(order) = 1 (Euler's criterion in each prime-power factor) — and no smaller order
    if (!v.modPow(order, n2).equals(BigInteger.ONE)) {
      return false;
    }
    for (BigInteger r : List.of(modulus.p(), modulus.q(), modulus.p().shiftRight(1), modulus.q().shiftRight(1))) {
      if (v.modPow(order.divide(r), n2).equals(BigInteger.ONE)) {
        return false;
      }
    }
    return true;
  }

  /** Δ = ℓ!. */
  static BigInteger delta(int shareholders) {
    BigInteger f = BigInteger.ONE;
    for (int i = 2; i <= shareholders; i++) {
      f = f.multiply(BigInteger.valueOf(i));
    }
    return f;
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

  static BigInteger uniformBelow(BigInteger bound, SecureRandom random) {
    while (true) {
      BigInteger r = new BigInteger(bound.bitLength(), random);
      if (r.compareTo(bound) < 0) {
        return r;
      }
    }
  }
}
