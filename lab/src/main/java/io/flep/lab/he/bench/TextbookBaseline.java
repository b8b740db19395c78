package io.flep.lab.he.bench;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * The baseline of {@code flep he bench}: plain, unpacked, textbook Paillier (Paillier 1999) at the same key size —
 * every value fixed-point encoded alone (the packer's encoding: round(v·2<sup>20</sup>) + 8·2<sup>20</sup>) and
 * encrypted as (1 + m·n)·r<sup>n</sup> mod n² with a fresh uniform r, r<sup>n</sup> computed for it: the full cost, nothing
 * precomputed. Written here with {@link BigInteger} alone (n = pq of two random primes, g = n + 1), independent of
 * the plugin, so the baseline cannot pick up the plugin's speed-ups. Runs in parallel on the caller's fork-join pool;
 * call it inside the bench's pool. Each ciphertext is decrypted afterwards (untimed) to check it.
 */
public final class TextbookBaseline implements Callable<Double> {
  private static final long SCALE = 1L << 20;
  private static final long OFFSET = 8 * SCALE;
  private final int keyBits;
  private final int values;

  public TextbookBaseline(int keyBits, int values) {
    if (values < 1) {
      throw new IllegalArgumentException("values must be positive, got " + values);
    }
    this.keyBits = keyBits;
    this.values = values;
  }

  /** Values encrypted per second. */
  @Override
  public Double call() {
    SecureRandom random = new SecureRandom();
    BaselineModulus key = BaselineModulus.generate(keyBits, random);
    BigInteger p = key.p();
    BigInteger q = key.q();
    BigInteger n = key.n();
    BigInteger modulus = n;
    BigInteger n2 = n.multiply(n);
    Random r = new Random(2);
    BigInteger[] plain = new BigInteger[values];
    for (int i = 0; i < values; i++) {
      plain[i] = BigInteger.valueOf(Math.round((r.nextDouble() * 2 - 1) * HeBench.VALUE_RANGE * SCALE) + OFFSET);
    }
    long t0 = System.nanoTime();
    BigInteger[] c = IntStream.range(0, values).parallel()
        .mapToObj(i -> plain[i].multiply(modulus).add(BigInteger.ONE).multiply(randomUnit(modulus, random)
            .modPow(modulus, n2)).mod(n2))
        .toArray(BigInteger[]::new);
    double seconds = (System.nanoTime() - t0) / 1e9;
    BigInteger lambda = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
    BigInteger mu = lambda.modInverse(n); // L((1+n)^λ mod n²) = λ mod n
    for (int i = 0; i < values; i++) {
      BigInteger m = c[i].modPow(lambda, n2).subtract(BigInteger.ONE).divide(n).multiply(mu).mod(n);
      if (!m.equals(plain[i])) {
        throw new IllegalStateException("textbook baseline ciphertext " + i + " does not decrypt");
      }
    }
    return values / seconds;
  }

  private static BigInteger randomUnit(BigInteger n, SecureRandom random) {
    while (true) {
      BigInteger r = new BigInteger(n.bitLength(), random);
      if (r.signum() > 0 && r.compareTo(n) < 0 && r.gcd(n).equals(BigInteger.ONE)) {
        return r;
      }
    }
  }
}
