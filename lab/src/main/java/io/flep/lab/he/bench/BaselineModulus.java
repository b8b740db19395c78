package io.flep.lab.he.bench;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * A fresh Paillier modulus n = p·q of exactly {@code keyBits} bits, two distinct random primes of half that length,
 * made with {@link BigInteger} alone: the baselines' own key, independent of the plugin.
 */
record BaselineModulus(BigInteger p, BigInteger q, BigInteger n) {

  static BaselineModulus generate(int keyBits, SecureRandom random) {
    while (true) {
      BigInteger p = BigInteger.probablePrime(keyBits / 2, random);
      BigInteger q = BigInteger.probablePrime(keyBits / 2, random);
      BigInteger n = p.multiply(q);
      if (!p.equals(q) && n.bitLength() == keyBits) {
        return new BaselineModulus(p, q, n);
      }
    }
  }
}
