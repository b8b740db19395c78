package io.flep.lab.he.bench;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The decryption baseline of {@code flep he bench}: Paillier decryption as the plugin did it before issue 14, on as
 * many ciphertexts as the bench's packed sum holds, at the same key size — so that "decryption unchanged or faster"
 * is measured in one run against a baseline, not against a figure from another day.
 *
 * <ul>
 *   <li>{@link Kind#CRT}: decryption modulo p² and q² with {@link BigInteger#modPow}, recombined by the Chinese
 *       remainder theorem (Paillier 1999, §7), with no base blinding.
 *   <li>{@link Kind#PARTIAL}: a threshold share holder's partial decryption c<sup>2Δs</sup> mod n² with
 *       {@code modPow}, unblinded and without a proof; s is a random share-sized exponent (bits(n·m), m = p'q').
 * </ul>
 *
 * Written with {@link BigInteger} alone, independent of the plugin, like {@link TextbookBaseline}; runs in parallel
 * on the caller's fork-join pool (call it inside the bench's pool). The ciphertexts are real encryptions (untimed),
 * each CRT decryption is checked, and an untimed pass over the first {@code warmUpCiphertexts} runs first, as the
 * bench's own warm-up does ({@link HeBench}).
 */
public final class DecryptionBaseline implements Callable<Double> {
  /** Which decryption to time. */
  public enum Kind { CRT, PARTIAL }

  private final Kind kind;
  private final int keyBits;
  private final int ciphertexts;
  private final int warmUpCiphertexts;
  private final int shareholders;

  /**
   * @param warmUpCiphertexts decrypted untimed first (at most {@code ciphertexts})
   * @param shareholders ℓ, for Δ = ℓ! in the partial decryption's exponent (ignored for {@link Kind#CRT})
   */
  public DecryptionBaseline(Kind kind, int keyBits, int ciphertexts, int warmUpCiphertexts, int shareholders) {
    if (ciphertexts < 1 || keyBits < 64 || warmUpCiphertexts < 0) {
      throw new IllegalArgumentException("ciphertexts must be positive, warm-up ciphertexts not negative and keyBits"
          + " at least 64, got " + ciphertexts + ", " + warmUpCiphertexts + " and " + keyBits);
    }
    this.kind = kind;
    this.keyBits = keyBits;
    this.ciphertexts = ciphertexts;
    this.warmUpCiphertexts = Math.min(ciphertexts, warmUpCiphertexts);
    this.shareholders = Math.max(1, shareholders);
  }

  /** Seconds to decrypt all the ciphertexts (for {@link Kind#PARTIAL}: one holder's partial decryptions). */
  @Override
  public Double call() {
    SecureRandom random = new SecureRandom();
    BaselineModulus key = BaselineModulus.generate(keyBits, random);
    BigInteger p = key.p();
    BigInteger q = key.q();
    BigInteger n = key.n();
    BigInteger n2 = n.multiply(n);
    // valid encryptions (1 + m·n)·(r^n)^i of random m, one full exponentiation for all
    BigInteger rn = new BigInteger(keyBits - 1, random).setBit(0).modPow(n, n2);
    BigInteger[] plain = new BigInteger[ciphertexts];
    BigInteger[] c = new BigInteger[ciphertexts];
    BigInteger randomness = rn;
    for (int i = 0; i < ciphertexts; i++) {
      plain[i] = new BigInteger(keyBits - 1, random);
      c[i] = plain[i].multiply(n).add(BigInteger.ONE).multiply(randomness).mod(n2);
      randomness = randomness.multiply(rn).mod(n2);
    }
    BigInteger[] out = new BigInteger[ciphertexts];
    IntConsumer decrypt;
    if (kind == Kind.CRT) {
      Crt crt = new Crt(p, q);
      decrypt = i -> out[i] = crt.decrypt(c[i]);
    } else {
      BigInteger delta = BigInteger.ONE;
      for (int k = 2; k <= shareholders; k++) {
        delta = delta.multiply(BigInteger.valueOf(k));
      }
      BigInteger nm = n.multiply(p.shiftRight(1)).multiply(q.shiftRight(1));
      BigInteger exponent = new BigInteger(nm.bitLength(), random).mod(nm).multiply(delta).shiftLeft(1);
      decrypt = i -> out[i] = c[i].modPow(exponent, n2);
    }
    IntStream.range(0, warmUpCiphertexts).parallel().forEach(decrypt);
    long t0 = System.nanoTime();
    IntStream.range(0, ciphertexts).parallel().forEach(decrypt);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (kind == Kind.CRT) {
      for (int i = 0; i < ciphertexts; i++) {
        if (!out[i].equals(plain[i])) {
          throw new IllegalStateException("decryption baseline ciphertext " + i + " does not decrypt");
        }
      }
    }
    return seconds;
  }

  /** Unblinded CRT decryption, as in the plugin before base blinding. */
  private record Crt(BigInteger p, BigInteger q, BigInteger pSquared, BigInteger qSquared, BigInteger hp,
      BigInteger hq, BigInteger qInverseModP) {
    Crt(BigInteger p, BigInteger q) {
      this(p, q, p.multiply(p), q.multiply(q), h(p, q), h(q, p), q.modInverse(p));
    }

    /** (L((1 + n)^(p−1) mod p²))⁻¹ mod p, with n = p·q. */
    private static BigInteger h(BigInteger p, BigInteger q) {
      BigInteger pSquared = p.multiply(p);
      BigInteger g = p.multiply(q).add(BigInteger.ONE);
      return l(g.modPow(p.subtract(BigInteger.ONE), pSquared), p).modInverse(p);
    }

    private static BigInteger l(BigInteger x, BigInteger d) {
      return x.subtract(BigInteger.ONE).divide(d);
    }

    BigInteger decrypt(BigInteger c) {
      BigInteger mp = l(c.modPow(p.subtract(BigInteger.ONE), pSquared), p).multiply(hp).mod(p);
      BigInteger mq = l(c.modPow(q.subtract(BigInteger.ONE), qSquared), q).multiply(hq).mod(q);
      return mp.subtract(mq).multiply(qInverseModP).mod(p).multiply(q).add(mq);
    }
  }
}
