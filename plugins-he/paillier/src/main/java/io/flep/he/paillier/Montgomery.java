package io.flep.he.paillier;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * Arithmetic modulo one odd N in Montgomery form (Montgomery 1985, "Modular multiplication without trial
 * division"): x is held as x·R mod N with R = 2<sup>27L</sup> on L limbs of 27 bits, least significant first; an
 * operand is an {@code int[]}, the double-length accumulator a {@code long[]}.
 *
 * <p><b>Why not {@link BigInteger}.</b> A multiplication modulo N with {@code BigInteger} costs three full products
 * (one for the product, two for the reduction), about three times a step of {@code modPow}'s intrinsic Montgomery
 * multiplication. Here each of the 2L row updates t[i..i+L) += x·y[0..L) is a loop the JIT vectorises (operand and
 * accumulator are arrays of different types, so they cannot alias), and 27-bit limbs leave room for up to
 * 2<sup>9</sup> products of 54 bits per accumulator word, so carries are propagated only between the product and the
 * reduction and once per reduction row. (A dedicated squaring, each cross product once and doubled, was slower
 * here: its rows of changing length vectorise worse than the multiplication's full rows.)
 *
 * <p><b>No final subtraction.</b> Results are kept lazily in [0, 2N) (R &gt; 4N) and reduced once, when they leave
 * Montgomery form: no step branches on the value (only {@link #normalised}, at the very end), unlike {@code BigInteger}'s Montgomery reduction, whose
 * conditional "extra reduction" is what the timing attacks of Schindler (CHES 2000) and Brumley–Boneh (USENIX
 * Security 2003) on RSA-CRT measure. Loop bounds depend only on L. Immutable and thread-safe; callers bring their own
 * scratch ({@link #scratch()}).
 */
final class Montgomery {
  static final int LIMB_BITS = 27;
  static final long MASK = (1L << LIMB_BITS) - 1;
  /** Below this many limbs (moduli up to 6,900 bits) product and reduction share one pass, carries unpropagated. */
  static final int FUSED_LIMIT = 256;

  private final BigInteger modulus;
  private final int limbs;
  private final int[] n;
  private final long nInv;
  /** R² mod N, plain limbs: multiplying by it enters Montgomery form. */
  private final int[] rSquared;
  /** 1, plain limbs: multiplying by it leaves Montgomery form. */
  private final int[] one;
  private final BigInteger modulusTimesR;

  /** @throws IllegalArgumentException if N is not odd and above 1, or has 13,769 bits or more */
  Montgomery(BigInteger modulus) {
    this(modulus, 0);
  }

  /**
   * With R = 2<sup>27L</sup> of at least {@code minimumRBits} bits, so that {@link #reduce} takes every c &lt;
   * N·2<sup>minimumRBits</sup>.
   *
   * @throws IllegalArgumentException if N is not odd and above 1, or R would need 511 limbs or more
   */
  Montgomery(BigInteger modulus, int minimumRBits) {
    Objects.requireNonNull(modulus, "modulus");
    if (modulus.compareTo(BigInteger.ONE) <= 0 || !modulus.testBit(0)) {
      throw new IllegalArgumentException("modulus must be odd and greater than 1");
    }
    this.modulus = modulus;
    this.limbs = Math.max(limbCount(modulus.bitLength()), limbCount(Math.max(0, minimumRBits - 2)));
    this.n = toLimbs(modulus, limbs);
    this.nInv = modulus.negate().modInverse(BigInteger.ONE.shiftLeft(LIMB_BITS)).longValue();
    this.rSquared = toLimbs(BigInteger.ONE.shiftLeft(2 * LIMB_BITS * limbs).mod(modulus), limbs);
    this.one = new int[limbs];
    this.one[0] = 1;
    this.modulusTimesR = modulus.shiftLeft(LIMB_BITS * limbs);
  }

  BigInteger modulus() {
    return modulus;
  }

  int limbs() {
    return limbs;
  }

  /** Scratch for {@link #multiply}: 2L + 1 words, one per thread. */
  long[] scratch() {
    return new long[2 * limbs + 1];
  }

  /** x·R mod N for 0 ≤ x &lt; N. */
  int[] toMontgomery(BigInteger x) {
    int[] out = new int[limbs];
    toMontgomery(limbsOf(x), out, scratch());
    return out;
  }

  /** out = x·R mod N (lazily in [0, 2N)) for x in plain limbs, 0 ≤ x &lt; 2N; out may be x. */
  void toMontgomery(int[] x, int[] out, long[] t) {
    multiply(x, 0, rSquared, 0, out, 0, t);
  }

  /**
   * c·R<sup>−1</sup> mod N, lazily in [0, 2N), for 0 ≤ c &lt; N·R: a Montgomery reduction of a double-length
   * value, with no division and no comparison with N, so its running time does not depend on c.
   *
   * @throws IllegalArgumentException if c is negative or not below N·R
   */
  int[] reduce(BigInteger c, long[] t) {
    if (!reduces(c)) {
      throw new IllegalArgumentException("value to reduce must be in [0, N·R)");
    }
    int[] wide = toLimbs(c, 2 * limbs);
    for (int k = 0; k < 2 * limbs; k++) {
      t[k] = wide[k];
    }
    t[2 * limbs] = 0;
    reduce(t);
    int[] out = new int[limbs];
    store(t, out, 0);
    return out;
  }

  /** Whether {@link #reduce} takes c: 0 ≤ c &lt; N·R. */
  boolean reduces(BigInteger c) {
    return c.signum() >= 0 && c.compareTo(modulusTimesR) < 0;
  }

  /** The value x·R<sup>−1</sup> mod N in [0, N) of Montgomery-form limbs x in [0, 2N). */
  BigInteger fromMontgomery(int[] x, long[] t) {
    int[] out = new int[limbs];
    multiply(x, 0, one, 0, out, 0, t);
    return normalised(out);
  }

  /** The value in [0, N) of plain limbs in [0, 2N). */
  BigInteger normalised(int[] x) {
    BigInteger r = fromLimbs(x);
    return r.compareTo(modulus) >= 0 ? r.subtract(modulus) : r;
  }

  /** L plain limbs of 0 ≤ x &lt; 2<sup>27L</sup>. */
  int[] limbsOf(BigInteger x) {
    return toLimbs(x, limbs);
  }

  /**
   * out[oOff..] = a·b·R<sup>−1</sup> mod N, lazily in [0, 2N), for a, b in [0, 2N). out may be a or b only if
   * at the same offset (it is written after both are read). t is scratch of 2L + 1 words.
   */
  void multiply(int[] a, int aOff, int[] b, int bOff, int[] out, int oOff, long[] t) {
    final int len = limbs;
    Arrays.fill(t, 0L);
    if (len < FUSED_LIMIT) {
      // one pass (coarsely integrated operand scanning): row i adds a_i·b and m_i·N, two products below 2^54 per word
      // and row, so no word exceeds 2L·2^54 + carries < 2^63
      for (int i = 0; i < len; i++) {
        long ai = a[aOff + i];
        long m = (((t[i] + ai * b[bOff]) & MASK) * nInv) & MASK;
        for (int j = 0; j < len; j++) { // vectorised: t (long[]) and b, n (int[]) cannot alias
          t[i + j] += ai * b[bOff + j] + m * n[j];
        }
        t[i + 1] += t[i] >>> LIMB_BITS; // t[i] ≡ 0 mod 2^27 now
      }
    } else {
      // product, carries, then reduction: each phase adds at most L products per word
      for (int i = 0; i < len; i++) {
        long ai = a[aOff + i];
        for (int j = 0; j < len; j++) {
          t[i + j] += ai * b[bOff + j];
        }
      }
      propagateCarries(t);
      reduce(t);
    }
    store(t, out, oOff);
  }

  /** Adds m_i·N to row i for i = 0..L−1 so that the low L words vanish (each t[i] is exact mod 2^27 when read). */
  private void reduce(long[] t) {
    final int len = limbs;
    for (int i = 0; i < len; i++) {
      long m = ((t[i] & MASK) * nInv) & MASK;
      for (int j = 0; j < len; j++) {
        t[i + j] += m * n[j];
      }
      t[i + 1] += t[i] >>> LIMB_BITS;
    }
  }

  private static void propagateCarries(long[] t) {
    int top = t.length - 1;
    long carry = 0;
    for (int k = 0; k < top; k++) {
      long v = t[k] + carry;
      t[k] = v & MASK;
      carry = v >>> LIMB_BITS;
    }
    t[top] += carry;
  }

  /** out = t[L..2L] as normalised limbs: the Montgomery product, below 2N &lt; R. */
  private void store(long[] t, int[] out, int oOff) {
    final int len = limbs;
    long carry = 0;
    for (int k = 0; k < len; k++) {
      long v = t[len + k] + carry;
      out[oOff + k] = (int) (v & MASK);
      carry = v >>> LIMB_BITS;
    }
    carry += t[2 * len];
    if (carry != 0) {
      throw new IllegalStateException("Montgomery product out of range"); // cannot happen: result < 2N < R
    }
  }

  /** Limbs for N: R = 2<sup>27L</sup> &gt; 4N. */
  static int limbCount(int modulusBits) {
    int limbs = (modulusBits + 2 + LIMB_BITS - 1) / LIMB_BITS;
    if (limbs >= 511) {
      throw new IllegalArgumentException(modulusBits + "-bit modulus is too large for 27-bit limbs");
    }
    return limbs;
  }

  /** 27-bit limbs of 0 ≤ x &lt; 2<sup>27·count</sup>, least significant first. */
  static int[] toLimbs(BigInteger x, int count) {
    if (x.signum() < 0 || x.bitLength() > LIMB_BITS * count) {
      throw new IllegalArgumentException("value does not fit in " + count + " limbs");
    }
    byte[] be = x.toByteArray();
    int[] out = new int[count];
    long buffer = 0;
    int bits = 0;
    int k = 0;
    for (int i = be.length - 1; i >= 0 && k < count; i--) {
      buffer |= (long) (be[i] & 0xff) << bits;
      bits += 8;
      if (bits >= LIMB_BITS) {
        out[k++] = (int) (buffer & MASK);
        buffer >>>= LIMB_BITS;
        bits -= LIMB_BITS;
      }
    }
    if (k < count && bits > 0) {
      out[k] = (int) (buffer & MASK);
    }
    return out;
  }

  /** The integer with these 27-bit limbs (each in [0, 2^27)). */
  static BigInteger fromLimbs(int[] limbs) {
    int totalBits = limbs.length * LIMB_BITS;
    byte[] be = new byte[(totalBits + 7) / 8];
    long buffer = 0;
    int bits = 0;
    int pos = be.length - 1;
    for (int limb : limbs) {
      buffer |= (long) limb << bits;
      bits += LIMB_BITS;
      while (bits >= 8) {
        be[pos--] = (byte) buffer;
        buffer >>>= 8;
        bits -= 8;
      }
    }
    if (bits > 0 && pos >= 0) {
      be[pos] = (byte) buffer;
    }
    return new BigInteger(1, be);
  }
}
