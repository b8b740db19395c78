package io.flep.he.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Random safe primes p = 2p' + 1 (p' prime), as robust threshold Paillier needs (Shoup, "Practical Threshold
 * Signatures", EUROCRYPT 2000, §2; Damgård and Jurik, PKC 2001, §5): with n = pq for safe p and q the squares of
 * Z*<sub>n²</sub> form a cyclic group of order n·p'q' whose prime factors are all large.
 *
 * <p>Search: p' runs over p' ≡ 5 (mod 6) from a random start with the top two bits set (so a product of two such p
 * has exactly twice their bits), and a combined sieve (Wiener, "Safe Prime Generation with a Combined Sieve", 2003)
 * strikes every candidate where p' or 2p' + 1 has a prime factor below {@link #SIEVE_BOUND}. A survivor is tested
 * by Fermat to base 2 on p' and on p, then Miller–Rabin and Lucas ({@link BigInteger#isProbablePrime}) on both. Given
 * p' prime and 2<sup>p−1</sup> ≡ 1 (mod p), p is prime by Pocklington's criterion; the final test of p is a second
 * opinion. About 700 Fermat tests per 1024-bit safe prime, about a second on one core.
 */
final class SafePrimes {
  static final int SIEVE_BOUND = 1 << 18;
  private static final int WINDOW = 1 << 16;
  private static final int CERTAINTY = 128;
  private static final int[] SMALL_PRIMES = primesBelow(SIEVE_BOUND);
  private static final long[] INVERSE_OF_SIX = inversesOfSix(SMALL_PRIMES);

  private SafePrimes() {}

  /**
   * A random safe prime of exactly {@code bits} bits whose top two bits are set.
   *
   * @throws IllegalArgumentException if {@code bits} is below 16
   */
  static BigInteger generate(int bits, SecureRandom random) {
    if (bits < 16) {
      throw new IllegalArgumentException("safe primes need at least 16 bits, got " + bits);
    }
    BigInteger six = BigInteger.valueOf(6);
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw new IllegalStateException("safe-prime generation interrupted");
      }
      BigInteger start = new BigInteger(bits - 1, random).setBit(bits - 2).setBit(bits - 3);
      start = start.subtract(start.mod(six)).add(BigInteger.valueOf(5)); // p' ≡ 5 mod 6: p' and 2p'+1 not ≡ 0 mod 3
      boolean[] struck = sieve(start, bits);
      for (int k = 0; k < WINDOW; k++) {
        if (struck[k]) {
          continue;
        }
        BigInteger half = start.add(BigInteger.valueOf(6L * k));
        if (half.bitLength() != bits - 1) {
          break; // ran past the top of the range; start again
        }
        BigInteger p = half.shiftLeft(1).setBit(0);
        if (fermatBaseTwo(half) && fermatBaseTwo(p) && half.isProbablePrime(CERTAINTY)
            && p.isProbablePrime(CERTAINTY)) {
          return p;
        }
      }
    }
  }

  /** Whether p = 2p' + 1 with p and p' odd primes (checked when a threshold key is dealt). */
  static boolean isSafePrime(BigInteger p) {
    return p.compareTo(BigInteger.valueOf(7)) >= 0 && p.testBit(0) && p.isProbablePrime(CERTAINTY)
        && p.shiftRight(1).isProbablePrime(CERTAINTY);
  }

  /** struck[k] iff p' = start + 6k or 2p' + 1 has a small prime factor (other than itself). */
  private static boolean[] sieve(BigInteger start, int bits) {
    boolean[] struck = new boolean[WINDOW];
    for (int a = 0; a < SMALL_PRIMES.length; a++) {
      int r = SMALL_PRIMES[a];
      if (r < 5) {
        continue;
      }
      if (bits - 3 < 31 && r >= (1 << (bits - 3))) {
        break; // tiny sizes: p' could be r itself
      }
      long s = start.mod(BigInteger.valueOf(r)).longValue();
      long inv6 = INVERSE_OF_SIX[a];
      int zero = (int) (((r - s) % r) * inv6 % r); // start + 6k ≡ 0
      int half = (int) ((((r - 1) / 2 - s + r) % r) * inv6 % r); // start + 6k ≡ −1/2, i.e. 2p' + 1 ≡ 0
      for (int k = zero; k < WINDOW; k += r) {
        struck[k] = true;
      }
      for (int k = half; k < WINDOW; k += r) {
        struck[k] = true;
      }
    }
    return struck;
  }

  private static boolean fermatBaseTwo(BigInteger x) {
    return BigInteger.TWO.modPow(x.subtract(BigInteger.ONE), x).equals(BigInteger.ONE);
  }

  private static int[] primesBelow(int bound) {
    boolean[] composite = new boolean[bound];
    int[] primes = new int[bound];
    int count = 0;
    for (int i = 2; i < bound; i++) {
      if (!composite[i]) {
        primes[count++] = i;
        for (long j = (long) i * i; j < bound; j += i) {
          composite[(int) j] = true;
        }
      }
    }
    return Arrays.copyOf(primes, count);
  }

  private static long[] inversesOfSix(int[] primes) {
    long[] inverses = new long[primes.length];
    for (int a = 0; a < primes.length; a++) {
      if (primes[a] >= 5) {
        inverses[a] = BigInteger.valueOf(6).modInverse(BigInteger.valueOf(primes[a])).longValue();
      }
    }
    return inverses;
  }
}
