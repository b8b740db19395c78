package io.flep.he.paillier;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * ∏ x<sub>j</sub><sup>e<sub>j</sub></sup> mod N for many bases and short non-negative exponents, by Pippenger's bucket
 * method: the exponents are cut into w-bit digits; for each digit position, from the top, the accumulator is squared
 * w times and multiplied by ∏<sub>d</sub> B<sub>d</sub><sup>d</sup>, where bucket B<sub>d</sub> is the product of the
 * bases whose digit there is d (a running product computes that with 2·2<sup>w</sup> multiplications). For k bases and
 * b-bit exponents that is about (b/w)(k + 2<sup>w+1</sup>) multiplications instead of about 1.2·b·k: for the 1,516
 * ciphertexts of a 100,000-value update and 128-bit exponents, about 7 times fewer. The bases are split into one chunk
 * per core. The batched proofs of {@link ThresholdPublicKey} use it; their exponents are public, so its
 * exponent-dependent timing reveals nothing.
 */
final class MultiExponentiation {
  private MultiExponentiation() {}

  static BigInteger product(BigInteger[] bases, BigInteger[] exponents, BigInteger modulus) {
    if (bases.length != exponents.length) {
      throw new IllegalArgumentException(bases.length + " bases but " + exponents.length + " exponents");
    }
    int chunks = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), bases.length / 64));
    return IntStream.range(0, chunks).parallel()
        .mapToObj(c -> product(bases, exponents, modulus, c * bases.length / chunks, (c + 1) * bases.length / chunks))
        .reduce(BigInteger.ONE, (a, b) -> a.multiply(b).mod(modulus));
  }

  /** The product over bases [from, to), on this thread. */
  static BigInteger product(BigInteger[] bases, BigInteger[] exponents, BigInteger modulus, int from, int to) {
    int count = to - from;
    if (count <= 0) {
      return BigInteger.ONE.mod(modulus);
    }
    int bits = 0;
    for (int j = from; j < to; j++) {
      if (exponents[j].signum() < 0) {
        throw new IllegalArgumentException("exponents must be non-negative");
      }
      bits = Math.max(bits, exponents[j].bitLength());
    }
    if (bits == 0) {
      return BigInteger.ONE.mod(modulus);
    }
    int w = Math.max(1, Math.min(12, 31 - Integer.numberOfLeadingZeros(count) - 2)); // ~log2(count) − 2
    int windows = (bits + w - 1) / w;
    BigInteger acc = BigInteger.ONE;
    BigInteger[] buckets = new BigInteger[1 << w];
    for (int window = windows - 1; window >= 0; window--) {
      if (window != windows - 1) {
        for (int s = 0; s < w; s++) {
          acc = acc.multiply(acc).mod(modulus);
        }
      }
      Arrays.fill(buckets, null);
      int shift = window * w;
      for (int j = from; j < to; j++) {
        int digit = digit(exponents[j], shift, w);
        if (digit != 0) {
          buckets[digit] = buckets[digit] == null ? bases[j] : buckets[digit].multiply(bases[j]).mod(modulus);
        }
      }
      BigInteger running = null;
      BigInteger total = null;
      for (int d = buckets.length - 1; d >= 1; d--) {
        if (buckets[d] != null) {
          running = running == null ? buckets[d] : running.multiply(buckets[d]).mod(modulus);
        }
        if (running != null) {
          total = total == null ? running : total.multiply(running).mod(modulus);
        }
      }
      if (total != null) {
        acc = acc.multiply(total).mod(modulus);
      }
    }
    return acc.mod(modulus);
  }

  private static int digit(BigInteger e, int shift, int w) {
    int d = 0;
    for (int b = w - 1; b >= 0; b--) {
      d = (d << 1) | (e.testBit(shift + b) ? 1 : 0);
    }
    return d;
  }
}
