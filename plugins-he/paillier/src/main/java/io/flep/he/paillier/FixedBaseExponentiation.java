package io.flep.he.paillier;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * g<sup>e</sup> mod N for one fixed base g, one odd modulus N and many exponents of at most {@code exponentBits}
 * bits, from a precomputed table: the windowed fixed-base method with a full table per digit position (Brickell,
 * Gordon, McCurley and Wilson, EUROCRYPT 1992; Menezes, van Oorschot and Vanstone, <i>Handbook of Applied
 * Cryptography</i>, §14.6.3). With w-bit digits, e = Σ d<sub>t</sub>·2<sup>wt</sup> and T[t][d] =
 * g<sup>d·2<sup>wt</sup></sup>, so g<sup>e</sup> = ∏<sub>t</sub> T[t][d<sub>t</sub>]: ⌈b/w⌉ multiplications and no
 * squarings, against about 1.2·b multiplications for {@link BigInteger#modPow}.
 *
 * <p><b>Arithmetic.</b> The table and the products are kept in Montgomery form ({@link Montgomery}): with
 * {@code BigInteger}, each multiplication would cost three full products and cap the table's gain.
 *
 * <p><b>Table.</b> The window is the largest w ≤ 8 whose table fits {@value #MAX_TABLE_BYTES} bytes: for the
 * ⌈bits(n)/2⌉-bit exponents of Damgård–Jurik–Nielsen encryption ({@link PaillierPublicKey}) modulo n², 2048-bit n: w = 8, 128 × 255 entries of 608 bytes,
 * 19.8 MB, built with 32,640 multiplications (0.2–0.4 s on one core); 3072-bit n: w = 8, 44 MB; 4096-bit n: w = 7,
 * 45 MB. Tables are shared process-wide by (N, g), built once, lazily, by the first thread that needs one (others
 * wait for it), and at most {@value #MAX_CACHED_TABLES} are kept (least recently used dropped).
 *
 * <p><b>Timing.</b> Not constant-time: which table entries are read depends on the exponent's digits, so an
 * attacker who can observe this process's cache accesses at a fine grain could learn the exponent (for encryption:
 * the randomness, hence the plaintext) — the same exposure as {@code BigInteger.modPow}, whose window lookups
 * depend on its exponent too. Immutable after construction; thread-safe.
 */
final class FixedBaseExponentiation {
  static final long MAX_TABLE_BYTES = 48L << 20;
  static final int MAX_WINDOW = 8;
  static final int MAX_CACHED_TABLES = 4;

  private static final Map<CacheKey, Lazy> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<CacheKey, Lazy> eldest) {
      return size() > MAX_CACHED_TABLES;
    }
  };

  private final BigInteger base;
  private final Montgomery arithmetic;
  private final int limbs;
  private final int exponentBits;
  private final int window;
  private final int positions;
  /** table[t] holds T[t][1..2^w − 1], L limbs each, in Montgomery form. */
  private final int[][] table;
  private final long buildNanos;

  /**
   * Builds the table now, on this thread.
   *
   * @param window w in [1, 16], or 0 to choose (the largest w ≤ 8 within {@link #MAX_TABLE_BYTES})
   * @throws IllegalArgumentException if N is not odd and above 1, g is not in [1, N), or b is not positive
   */
  FixedBaseExponentiation(BigInteger base, BigInteger modulus, int exponentBits, int window) {
    long start = System.nanoTime();
    Objects.requireNonNull(base, "base");
    this.arithmetic = new Montgomery(modulus);
    if (base.signum() <= 0 || base.compareTo(modulus) >= 0) {
      throw new IllegalArgumentException("base must be in [1, modulus)");
    }
    if (exponentBits < 1) {
      throw new IllegalArgumentException("exponentBits must be positive, got " + exponentBits);
    }
    this.base = base;
    this.limbs = arithmetic.limbs();
    this.exponentBits = exponentBits;
    this.window = window == 0 ? chooseWindow(exponentBits, limbs) : window;
    if (this.window < 1 || this.window > 16) {
      throw new IllegalArgumentException("window must be in [1, 16], got " + window);
    }
    this.positions = (exponentBits + this.window - 1) / this.window;
    int digits = (1 << this.window) - 1;
    this.table = new int[positions][];
    long[] t = arithmetic.scratch();
    int[] power = arithmetic.toMontgomery(base); // g^(2^(w·pos)) in Montgomery form
    for (int pos = 0; pos < positions; pos++) {
      int[] row = new int[digits * limbs];
      System.arraycopy(power, 0, row, 0, limbs);
      for (int d = 2; d <= digits; d++) {
        arithmetic.multiply(row, (d - 2) * limbs, power, 0, row, (d - 1) * limbs, t);
      }
      table[pos] = row;
      if (pos + 1 < positions) {
        int[] next = new int[limbs];
        arithmetic.multiply(row, (digits - 1) * limbs, power, 0, next, 0, t); // g^(2^w·2^(w·pos)) = T[pos][2^w − 1]·T[pos][1]
        power = next;
      }
    }
    this.buildNanos = System.nanoTime() - start;
  }

  /** The process-wide table for (g, N) and b-bit exponents, built on first use by the calling thread. */
  static FixedBaseExponentiation shared(BigInteger base, BigInteger modulus, int exponentBits) {
    Lazy lazy;
    synchronized (CACHE) {
      lazy = CACHE.computeIfAbsent(new CacheKey(base, modulus, exponentBits), Lazy::new);
    }
    return lazy.get();
  }

  /** Whether the process-wide table for (g, N, b) is built (for tests and reports). */
  static boolean isShared(BigInteger base, BigInteger modulus, int exponentBits) {
    Lazy lazy;
    synchronized (CACHE) {
      lazy = CACHE.get(new CacheKey(base, modulus, exponentBits));
    }
    return lazy != null && lazy.isBuilt();
  }

  /** Forgets every shared table (for benchmarks that must measure the set-up again, and tests). */
  static void clearShared() {
    synchronized (CACHE) {
      CACHE.clear();
    }
  }

  /** g<sup>e</sup> mod N for 0 ≤ e &lt; 2<sup>b</sup>. */
  BigInteger pow(BigInteger e) {
    return powTimes(e, BigInteger.ONE);
  }

  /** g<sup>e</sup>·f mod N for 0 ≤ e &lt; 2<sup>b</sup> and 0 ≤ f &lt; N: the product costs one more multiplication. */
  BigInteger powTimes(BigInteger e, BigInteger f) {
    if (e.signum() < 0 || e.bitLength() > exponentBits) {
      throw new IllegalArgumentException("exponent must be in [0, 2^" + exponentBits + ")");
    }
    if (f.signum() < 0 || f.compareTo(arithmetic.modulus()) >= 0) {
      throw new IllegalArgumentException("factor must be in [0, modulus)");
    }
    return powTimes(WireReader.magnitude(e), arithmetic.limbsOf(f));
  }

  /**
   * g<sup>e</sup>·f mod N, e given as big-endian magnitude bytes (at most b bits), f as L plain (not Montgomery)
   * limbs: the accumulator g<sup>e</sup>·R times f reduces to g<sup>e</sup>·f, which leaves Montgomery form for free.
   */
  BigInteger powTimes(byte[] exponent, int[] factor) {
    long[] t = arithmetic.scratch();
    int[] acc = null;
    int[] out = new int[limbs];
    for (int pos = 0; pos < positions; pos++) {
      int d = digit(exponent, pos * window, window);
      if (d == 0) {
        continue;
      }
      if (acc == null) {
        acc = new int[limbs];
        System.arraycopy(table[pos], (d - 1) * limbs, acc, 0, limbs);
      } else {
        arithmetic.multiply(acc, 0, table[pos], (d - 1) * limbs, out, 0, t);
        int[] swap = acc;
        acc = out;
        out = swap;
      }
    }
    if (acc == null) { // e = 0
      return Montgomery.fromLimbs(factor).mod(arithmetic.modulus());
    }
    arithmetic.multiply(acc, 0, factor, 0, out, 0, t);
    return arithmetic.normalised(out);
  }

  int window() {
    return window;
  }

  int exponentBits() {
    return exponentBits;
  }

  int limbs() {
    return limbs;
  }

  BigInteger modulus() {
    return arithmetic.modulus();
  }

  /** L plain limbs of 0 ≤ x &lt; 2<sup>27L</sup>, the form {@link #powTimes(byte[], int[])} takes its factor in. */
  int[] limbsOf(BigInteger x) {
    return arithmetic.limbsOf(x);
  }

  /** Bytes of the table's limbs (object headers not counted). */
  long tableBytes() {
    return (long) positions * ((1 << window) - 1) * limbs * Integer.BYTES;
  }

  /** How long building the table took. */
  long buildNanos() {
    return buildNanos;
  }

  /** The w-bit digit of a big-endian magnitude starting at bit {@code bit}. */
  static int digit(byte[] magnitude, int bit, int w) {
    int d = 0;
    for (int k = 0; k < w; k++) {
      int b = bit + k;
      int byteIndex = magnitude.length - 1 - (b >>> 3);
      if (byteIndex < 0) {
        break;
      }
      d |= ((magnitude[byteIndex] >>> (b & 7)) & 1) << k;
    }
    return d;
  }

  static int chooseWindow(int exponentBits, int limbs) {
    for (int w = MAX_WINDOW; w > 1; w--) {
      long bytes = (long) ((exponentBits + w - 1) / w) * ((1 << w) - 1) * limbs * Integer.BYTES;
      if (bytes <= MAX_TABLE_BYTES) {
        return w;
      }
    }
    return 1;
  }

  private record CacheKey(BigInteger base, BigInteger modulus, int exponentBits) {}

  private static final class Lazy {
    private final CacheKey key;
    private volatile FixedBaseExponentiation built;

    Lazy(CacheKey key) {
      this.key = key;
    }

    boolean isBuilt() {
      return built != null;
    }

    FixedBaseExponentiation get() {
      FixedBaseExponentiation b = built;
      if (b == null) {
        synchronized (this) {
          b = built;
          if (b == null) {
            b = new FixedBaseExponentiation(key.base(), key.modulus(), key.exponentBits(), 0);
            built = b;
          }
        }
      }
      return b;
    }
  }

  @Override
  public String toString() {
    return "FixedBaseExponentiation[" + arithmetic.modulus().bitLength() + "-bit modulus, " + exponentBits + "-bit exponents, w="
        + window + ", " + tableBytes() / 1_000_000.0 + " MB]";
  }
}
